package io.cairn.common.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.support.Api;
import io.cairn.support.ApiTestBase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What lands in the event log: wire names, tenant in payload and metadata, principal, correlation, causation. */
class EventLogTest extends ApiTestBase {

    @Autowired
    JdbcClient jdbc;

    private record Stored(String type, String revision, JsonNode payload, JsonNode metadata) {
    }

    private List<Stored> events(String aggregateId) {
        JsonMapper json = JsonMapper.builder().build();
        return jdbc.sql("""
                        SELECT payloadtype, payloadrevision, payload, metadata FROM domainevententry
                        WHERE aggregateidentifier = ? ORDER BY sequencenumber""")
                .param(aggregateId)
                .query((rs, n) -> new Stored(rs.getString(1), rs.getString(2), json.readTree(rs.getBytes(3)),
                        json.readTree(rs.getBytes(4))))
                .list();
    }

    @Test
    void eventsCarryWireNamesTenantPrincipalAndCorrelation() {
        Api traced = admin.withHeader("X-Request-Id", "req-42");
        String projectId = traced.post("/api/v1/projects", Map.of("name", unique("traced"))).get("/id");
        String runId = traced.post("/api/v1/runs", Map.of("projectId", projectId)).get("/id");
        traced.post("/api/v1/runs/" + runId + "/metrics", Map.of("points", List.of(Map.of("key", "loss", "value", 1))));

        List<Stored> runEvents = events(runId);
        assertThat(runEvents).extracting(Stored::type).containsExactly("cairn.run.RunCreated", "cairn.run.MetricsLogged");
        assertThat(runEvents).extracting(Stored::revision).containsOnly("1");
        for (Stored event : runEvents) {
            assertThat(event.payload().get("tenantId").asString()).isEqualTo("default");
            assertThat(event.metadata().get("tenantId").asString()).isEqualTo("default");
            assertThat(event.metadata().get("principal").asString()).isNotBlank();
            assertThat(event.metadata().get("correlationId").asString()).isEqualTo("req-42");
            assertThat(event.metadata().get("causationId").asString()).isNotBlank();
        }
        assertThat(runEvents.get(0).metadata().get("causationId").asString())
                .isNotEqualTo(runEvents.get(1).metadata().get("causationId").asString());
        assertThat(events(projectId)).extracting(Stored::type).containsExactly("cairn.project.ProjectCreated");
    }

    @Test
    void aRequestWithoutRequestIdGetsAFreshCorrelationId() {
        String projectId = admin.post("/api/v1/projects", Map.of("name", unique("untraced"))).get("/id");
        assertThat(events(projectId).get(0).metadata().get("correlationId").asString()).hasSize(36);
    }
}
