package io.cairn.common.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.support.Api;
import io.cairn.support.ApiTestBase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ObservabilityTest extends ApiTestBase {

    @Test
    void healthReportsEventStoreAndProjections() {
        Api.Response health = admin.withToken(null).get("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.get("/status")).isEqualTo("UP");
        assertThat(health.get("/components/projections/status")).isEqualTo("UP");
        for (String projection : AxonConfig.PROJECTIONS) {
            assertThat(health.json().at("/components/projections/details/" + projection + "/running").asBoolean())
                    .as(projection).isTrue();
        }
        // which process on which host holds a segment is for admins (/api/v1/admin/projections), not anonymous callers
        assertThat(health.text()).doesNotContain("owner").doesNotContain("segments");
        assertThat(admin.get("/api/v1/admin/projections/runs").json().get("segments").get(0).get("owner").asString())
                .matches("\\d+@.+");
        assertThat(admin.withToken(null).get("/actuator/health/readiness").get("/status")).isEqualTo("UP");
    }

    @Test
    void prometheusExposesIngestionAndLag() {
        String runId = createRun(admin, createProject(admin));
        admin.post("/api/v1/runs/" + runId + "/metrics", Map.of("points", List.of(Map.of("key", "loss", "value", 1))));
        String scrape = admin.withToken(null).get("/actuator/prometheus").text();
        assertThat(scrape).contains("cairn_metrics_points_ingested_total");
        assertThat(scrape).contains("cairn_metrics_batches_ingested_total");
        assertThat(scrape).contains("cairn_projection_lag{projection=\"run-metrics\"}");
    }

    @Test
    void openApiDocumentDescribesTheApi() {
        Api.Response docs = admin.withToken(null).get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().at("/paths").has("/api/v1/runs/{runId}/metrics")).isTrue();
        assertThat(docs.json().at("/paths").has("/api/v1/runs/search")).isTrue();
    }
}
