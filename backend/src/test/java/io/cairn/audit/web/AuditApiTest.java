package io.cairn.audit.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.support.Api;
import io.cairn.support.ApiTestBase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

class AuditApiTest extends ApiTestBase {

    @Autowired
    JdbcClient jdbc;

    private List<JsonNode> events(Api api, String query) {
        List<JsonNode> all = new ArrayList<>();
        String token = null;
        do {
            Api.Response page = api.get("/api/v1/orgs/default/audit/events?maxResults=50&" + query
                    + (token == null ? "" : "&pageToken=" + token));
            assertThat(page.status()).as(page.text()).isEqualTo(200);
            page.json().get("events").forEach(all::add);
            token = page.get("/nextPageToken");
        } while (token != null);
        return all;
    }

    @Test
    void listsEveryEventWithActorPayloadAndDigestFilteredAndPaged() {
        String projectId = createProject(admin);
        String runId = createRun(admin, projectId);
        admin.post("/api/v1/runs/" + runId + "/params", Map.of("params", Map.of("lr", "0.1")));
        admin.post("/api/v1/runs/" + runId + "/finish", Map.of("status", "FINISHED"));
        eventually(() -> events(admin, "aggregateId=" + runId).size() == 3);

        List<JsonNode> run = events(admin, "aggregateId=" + runId);
        assertThat(run).extracting(e -> e.get("type").asString())
                .containsExactly("cairn.run.RunCreated", "cairn.run.ParamsLogged", "cairn.run.RunFinished");
        JsonNode params = run.get(1);
        assertThat(params.get("aggregateType").asString()).isEqualTo("Run");
        assertThat(params.get("actor").asString()).isNotBlank();
        assertThat(params.get("payload").get("params").get("lr").asString()).isEqualTo("0.1");
        assertThat(params.get("digest").asString()).hasSize(64);
        assertThat(run.get(0).get("globalIndex").asLong()).isLessThan(params.get("globalIndex").asLong());

        assertThat(events(admin, "eventType=cairn.run.RunFinished&aggregateId=" + runId)).hasSize(1);
        String actor = params.get("actor").asString();
        assertThat(events(admin, "actor=" + actor)).hasSizeGreaterThanOrEqualTo(3);
        assertThat(events(admin, "aggregateType=Project&aggregateId=" + projectId)).hasSize(1);
        assertThat(events(admin, "from=" + (System.currentTimeMillis() + 60_000))).isEmpty();
    }

    @Test
    void exportsJsonLines() {
        String projectId = createProject(admin);
        eventually(() -> events(admin, "aggregateId=" + projectId).size() == 1);
        Api.Response export = admin.get("/api/v1/orgs/default/audit/events/export?aggregateId=" + projectId);
        assertThat(export.status()).isEqualTo(200);
        assertThat(export.contentType()).startsWith("application/x-ndjson");
        String[] lines = export.text().split("\n");
        assertThat(lines).hasSize(1);
        assertThat(lines[0]).contains("\"type\":\"cairn.project.ProjectCreated\"");
    }

    @Test
    void verifyPinpointsAnEventAlteredInTheDatabase() {
        Api.Response intact = admin.get("/api/v1/orgs/default/audit/verify");
        assertThat(intact.status()).isEqualTo(200);
        assertThat(intact.get("/valid")).as(intact.text()).isEqualTo("true");
        assertThat(intact.json().get("eventsChecked").asLong()).isPositive();

        String org = unique("tamper-org");
        Api tenant = ownerOf(org);
        String projectId = createProject(tenant);
        String runId = createRun(tenant, projectId);
        tenant.post("/api/v1/runs/" + runId + "/params", Map.of("params", Map.of("lr", "0.1")));
        tenant.post("/api/v1/runs/" + runId + "/tags", Map.of("tags", Map.of("stage", "dev")));
        assertThat(tenant.get("/api/v1/orgs/" + org + "/audit/verify").get("/valid")).isEqualTo("true");
        long target = jdbc.sql("SELECT globalindex FROM domainevententry WHERE aggregateidentifier = ? AND sequencenumber = 1")
                .param(runId).query(Long.class).single();
        String eventId = jdbc.sql("SELECT eventidentifier FROM domainevententry WHERE globalindex = ?")
                .param(target).query(String.class).single();
        byte[] payload = jdbc.sql("SELECT payload FROM domainevententry WHERE globalindex = ?")
                .param(target).query(byte[].class).single();
        byte[] forged = new String(payload).replace("0.1", "0.9").getBytes();
        jdbc.sql("UPDATE domainevententry SET payload = ? WHERE globalindex = ?").params(forged, target).update();

        Api.Response broken = tenant.get("/api/v1/orgs/" + org + "/audit/verify");
        assertThat(broken.get("/valid")).isEqualTo("false");
        assertThat(broken.get("/brokenAt")).isEqualTo(String.valueOf(target));
        assertThat(broken.get("/brokenEventId")).isEqualTo(eventId);
        assertThat(broken.get("/reason")).contains("altered");
        assertThat(admin.get("/api/v1/orgs/default/audit/verify").get("/valid")).isEqualTo("true");
        jdbc.sql("UPDATE domainevententry SET payload = ? WHERE globalindex = ?").params(payload, target).update();
        assertThat(tenant.get("/api/v1/orgs/" + org + "/audit/verify").get("/valid")).isEqualTo("true");
    }

    @Test
    void auditorsReadTheAuditLogAndChangeNothing() {
        Api auditor = memberOf("default", "AUDITOR");
        assertThat(auditor.get("/api/v1/orgs/default/audit/events?maxResults=1").status()).isEqualTo(200);
        assertThat(auditor.get("/api/v1/orgs/default/audit/verify").get("/valid")).isEqualTo("true");
        assertThat(auditor.get("/api/v1/projects").status()).isEqualTo(200);
        assertProblem(auditor.post("/api/v1/projects", Map.of("name", unique("nope"))), 403);
    }

    @Test
    void onlyTheOrganizationsAuditorsMayReadIt() {
        assertProblem(userOf("default").get("/api/v1/orgs/default/audit/events"), 403);
        assertProblem(userOf("default").get("/api/v1/orgs/default/audit/verify"), 403);
        assertProblem(admin.withToken(null).get("/api/v1/orgs/default/audit/events"), 401);
        assertThat(assertProblem(admin.get("/api/v1/orgs/other-org/audit/events"), 404).get("/detail"))
                .isEqualTo("Organization 'other-org' not found");
        assertProblem(userOf(unique("evil-corp")).get("/api/v1/orgs/default/audit/events"), 404);
        assertThat(assertProblem(admin.get("/api/v1/orgs/default/audit/events?from=10&to=5"), 400).get("/field"))
                .isEqualTo("from");
    }
}
