package io.cairn.lineage.web;

import static io.cairn.support.RegistrySteps.ARTIFACT_PATH;
import static io.cairn.support.RegistrySteps.GIT_COMMIT;
import static io.cairn.support.RegistrySteps.createModel;
import static io.cairn.support.RegistrySteps.registerVersion;
import static io.cairn.support.RegistrySteps.trainedRun;
import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.support.Api;
import io.cairn.support.ApiTestBase;
import io.cairn.support.RegistrySteps.TrainedRun;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

class LineageApiTest extends ApiTestBase {

    @Autowired
    JdbcClient jdbc;

    /** A member trains and registers; returns the model version id once the lineage projection shows it. */
    private String registeredModelVersion(Api member, TrainedRun run) {
        String modelId = createModel(member);
        registerVersion(member, modelId, run);
        String versionId = modelId + ".v1";
        eventually(() -> member.get("/api/v1/lineage/model-version/" + versionId).status() == 200);
        return versionId;
    }

    private Map<String, JsonNode> nodesByKind(JsonNode graph) {
        Map<String, JsonNode> nodes = new HashMap<>();
        graph.get("nodes").forEach(node -> nodes.put(node.get("kind").asString(), node));
        return nodes;
    }

    private String eventId(String aggregateId, String wireName) {
        return jdbc.sql("SELECT eventidentifier FROM domainevententry WHERE aggregateidentifier = ? AND payloadtype = ?")
                .params(aggregateId, wireName).query(String.class).single();
    }

    @Test
    void anAuditorTracesAModelVersionBackToItsDatasetVersionAndSourceSnapshot() {
        String org = unique("lineage");
        Api member = memberOf(org, "MEMBER");
        Api auditor = memberOf(org, "AUDITOR");
        TrainedRun run = trainedRun(member);
        String versionId = registeredModelVersion(member, run);
        String modelId = versionId.substring(0, versionId.length() - 3);
        String actor = member.get("/api/v1/models/" + modelId + "/versions/1").get("/createdBy");

        Api.Response response = auditor.get("/api/v1/lineage/model-version/" + versionId + "?direction=upstream&depth=3");
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        JsonNode graph = response.json();
        Map<String, JsonNode> nodes = nodesByKind(graph);
        assertThat(nodes.keySet()).containsExactlyInAnyOrder("model-version", "artifact", "run", "dataset-version",
                "source-snapshot");
        assertThat(nodes.get("dataset-version").get("id").asString()).isEqualTo(run.datasetVersionId());
        assertThat(nodes.get("dataset-version").get("distance").asInt()).isEqualTo(3);
        assertThat(nodes.get("source-snapshot").at("/properties/gitCommit").asString()).isEqualTo(GIT_COMMIT);
        assertThat(nodes.get("source-snapshot").at("/properties/dirty").asBoolean()).isFalse();
        assertThat(nodes.get("run").get("id").asString()).isEqualTo(run.runId());
        assertThat(nodes.get("artifact").at("/properties/sha256").asString()).isEqualTo(run.sha256());
        assertThat(graph.get("truncated").asBoolean()).isFalse();

        List<String> relations = new ArrayList<>();
        for (JsonNode edge : graph.get("edges")) {
            relations.add(edge.at("/from/kind").asString() + " " + edge.get("relation").asString() + " "
                    + edge.at("/to/kind").asString());
            assertThat(edge.get("actor").asString()).isEqualTo(actor);
            assertThat(edge.get("time").asLong()).isGreaterThan(Instant.parse("2020-01-01T00:00:00Z").toEpochMilli());
            assertThat(edge.get("eventId").asString()).isNotBlank();
        }
        assertThat(relations).containsExactlyInAnyOrder("source-snapshot consumed run", "dataset-version consumed run",
                "run produced artifact", "artifact registered-from model-version");
        JsonNode registeredFrom = graph.get("edges").valueStream()
                .filter(edge -> edge.get("relation").asString().equals("registered-from")).findFirst().orElseThrow();
        assertThat(registeredFrom.get("eventId").asString()).isEqualTo(eventId(modelId, "cairn.registry.ModelVersionCreated"));

        JsonNode shallow = auditor.get("/api/v1/lineage/model-version/" + versionId + "?depth=2").json();
        assertThat(nodesByKind(shallow).keySet()).containsExactlyInAnyOrder("model-version", "artifact", "run");

        JsonNode downstream = auditor.get("/api/v1/lineage/dataset-version/" + run.datasetVersionId()
                + "?direction=downstream").json();
        assertThat(nodesByKind(downstream).get("model-version").get("id").asString()).isEqualTo(versionId);
        String artifactId = nodes.get("artifact").get("id").asString();
        assertThat(artifactId).isEqualTo(run.runId() + "/" + ARTIFACT_PATH + "@sha256:" + run.sha256());
        JsonNode fromArtifact = auditor.get("/api/v1/lineage/artifact/" + artifactId + "?direction=downstream&depth=1").json();
        assertThat(fromArtifact.get("nodes")).hasSize(2);
    }

    @Test
    void runsOfProjectsHiddenFromTheCallerAndTheirArtifactsAreLeftOutOfLineage() {
        String org = unique("lineage-hidden");
        Api owner = memberOf(org, "MEMBER");
        Member outsiderMember = newMember(org, "MEMBER");
        Api outsider = outsiderMember.api();
        TrainedRun run = trainedRun(owner);
        String versionId = registeredModelVersion(owner, run);
        String upstream = "/api/v1/lineage/model-version/" + versionId + "?direction=upstream&depth=5";
        eventually(() -> owner.get(upstream).json().get("nodes").size() == 5);

        // The model version is the organization's; what it came from is in a project the outsider cannot see.
        JsonNode seen = outsider.get(upstream).json();
        assertThat(nodesByKind(seen).keySet()).containsExactly("model-version");
        assertThat(seen.get("edges")).isEmpty();
        JsonNode downstream = outsider.get("/api/v1/lineage/dataset-version/" + run.datasetVersionId()
                + "?direction=downstream").json();
        assertThat(nodesByKind(downstream).keySet()).containsExactly("dataset-version");
        assertProblem(outsider.get("/api/v1/lineage/run/" + run.runId()), 404);
        String artifactId = run.runId() + "/" + ARTIFACT_PATH + "@sha256:" + run.sha256();
        assertProblem(outsider.get("/api/v1/lineage/artifact/" + artifactId), 404);
        assertProblem(outsider.get("/api/v1/runs/" + run.runId() + "/lineage/openlineage"), 404);

        // A grant on the project shows the whole graph.
        Api.Response granted = owner.putJson("/api/v1/projects/" + run.projectId() + "/grants/users/"
                + outsiderMember.principalId(),
                Map.of("role", "VIEWER"));
        assertThat(granted.status()).as(granted.text()).isEqualTo(200);
        assertThat(outsider.get(upstream).json().get("nodes")).hasSize(5);
        assertThat(outsider.get("/api/v1/runs/" + run.runId() + "/lineage/openlineage").status()).isEqualTo(200);
    }

    @Test
    void lineageIsRebuiltIdenticallyByReplay() {
        Api member = userOf("default");
        String versionId = registeredModelVersion(member, trainedRun(member));
        String path = "/api/v1/lineage/model-version/" + versionId + "?depth=5";
        eventually(() -> member.get(path).json().get("nodes").size() == 5);
        String before = member.get(path).text();

        Api.Response replay = admin.post("/api/v1/admin/projections/lineage/replay", Map.of());
        assertThat(replay.status()).as(replay.text()).isEqualTo(202);
        eventually(() -> {
            Api.Response status = admin.get("/api/v1/admin/projections/lineage");
            return status.get("/replaying").equals("false") && status.get("/position").equals(status.get("/head"));
        });
        assertThat(member.get(path).text()).isEqualTo(before);
    }

    @Test
    void aRunsLineageExportsAsOpenLineageEvents() {
        String org = unique("openlineage");
        Api member = memberOf(org, "MEMBER");
        TrainedRun run = trainedRun(member);
        String export = "/api/v1/runs/" + run.runId() + "/lineage/openlineage";
        JsonNode running = member.get(export).json();
        assertThat(running).hasSize(1);
        assertThat(running.get(0).get("eventType").asString()).isEqualTo("START");
        assertThat(running.get(0).get("outputs")).isEmpty();

        member.post("/api/v1/runs/" + run.runId() + "/finish", Map.of("status", "FINISHED"));
        JsonNode events = member.get(export).json();
        assertThat(events).hasSize(2);
        assertThat(events.get(1).get("eventType").asString()).isEqualTo("COMPLETE");
        for (JsonNode event : events) {
            assertThat(event.get("producer").asString()).startsWith("https://");
            assertThat(event.get("schemaURL").asString())
                    .isEqualTo("https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent");
            Instant.parse(event.get("eventTime").asString());
            assertThat(event.at("/run/runId").asString())
                    .matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
                    .isEqualTo(run.runId().replaceFirst("(.{8})(.{4})(.{4})(.{4})(.{12})", "$1-$2-$3-$4-$5"));
            assertThat(event.at("/job/namespace").asString()).isEqualTo("cairn://" + org);
            assertThat(event.at("/job/name").asString()).isEqualTo(run.projectId());
            JsonNode source = event.at("/job/facets/sourceCodeLocation");
            assertThat(source.get("type").asString()).isEqualTo("git");
            assertThat(source.get("version").asString()).isEqualTo(GIT_COMMIT);
            assertFacet(source);
            JsonNode input = event.get("inputs").get(0);
            assertThat(input.get("namespace").asString()).isEqualTo("s3://ml-data");
            assertThat(input.get("name").asString()).startsWith("iris/").endsWith(".csv");
            assertThat(input.at("/facets/version/datasetVersion").asString()).isEqualTo("sha256:" + "e".repeat(64));
            assertThat(input.at("/facets/schema/fields/0/name").asString()).isEqualTo("sepal_length");
            assertFacet(input.at("/facets/version"));
            assertFacet(input.at("/facets/schema"));
        }
        JsonNode output = events.get(1).get("outputs").get(0);
        assertThat(output.get("namespace").asString()).isEqualTo("cairn://" + org);
        assertThat(output.get("name").asString()).isEqualTo("runs/" + run.runId() + "/artifacts/" + ARTIFACT_PATH);
        assertThat(output.at("/facets/version/datasetVersion").asString()).isEqualTo("sha256:" + run.sha256());
    }

    private static void assertFacet(JsonNode facet) {
        assertThat(facet.get("_producer").asString()).startsWith("https://");
        assertThat(facet.get("_schemaURL").asString()).startsWith("https://openlineage.io/spec/facets/");
    }

    @Test
    void badLineageRequestsAndOtherOrganizationsNodesAreProblems() {
        Api member = userOf(unique("lineage"));
        TrainedRun run = trainedRun(member);
        String versionId = registeredModelVersion(member, run);
        String path = "/api/v1/lineage/model-version/" + versionId;

        assertThat(assertProblem(member.get("/api/v1/lineage/dataset/" + run.datasetId()), 400).get("/field")).isEqualTo("kind");
        assertThat(assertProblem(member.get(path + "?direction=sideways"), 400).get("/field")).isEqualTo("direction");
        assertThat(assertProblem(member.get(path + "?depth=0"), 400).get("/field")).isEqualTo("depth");
        assertThat(assertProblem(member.get(path + "?depth=51"), 400).get("/field")).isEqualTo("depth");
        assertProblem(member.get("/api/v1/lineage/run/no-such-run"), 404);
        assertProblem(member.get("/api/v1/runs/no-such-run/lineage/openlineage"), 404);

        Api eve = ownerOf(unique("evil-corp"));
        assertProblem(eve.get(path), 404);
        assertProblem(eve.get("/api/v1/lineage/run/" + run.runId()), 404);
        assertProblem(eve.get("/api/v1/lineage/dataset-version/" + run.datasetVersionId() + "?direction=downstream"), 404);
        assertProblem(eve.get("/api/v1/runs/" + run.runId() + "/lineage/openlineage"), 404);
    }
}
