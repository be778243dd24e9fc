package io.cairn.run.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.support.Api;
import io.cairn.support.ApiTestBase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunApiTest extends ApiTestBase {

    private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

    @Test
    void createsARunningRunWithSourceAndEnvironment() {
        String projectId = createProject(admin);
        Api.Response created = admin.post("/api/v1/runs", Map.of(
                "projectId", projectId,
                "name", "baseline",
                "tags", Map.of("team", "risk"),
                "source", Map.of("gitRepo", "https://git.example.com/churn.git", "gitCommit", COMMIT, "dirty", true),
                "environment", Map.of("runtime", "jdk-17", "dependencies", List.of("dl4j==1.0.0-M2.1"),
                        "variables", Map.of("OMP_NUM_THREADS", "2"),
                        "resources", Map.of("cpu", 2, "memoryMb", 4096))));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.get("/status")).isEqualTo("RUNNING");
        assertThat(created.get("/projectId")).isEqualTo(projectId);
        assertThat(created.get("/source/gitCommit")).isEqualTo(COMMIT);
        assertThat(created.get("/source/dirty")).isEqualTo("true");
        assertThat(created.get("/environment/resources/memoryMb")).isEqualTo("4096");
        assertThat(created.get("/tags/team")).isEqualTo("risk");

        Api.Response read = admin.get("/api/v1/runs/" + created.get("/id"));
        assertThat(read.json()).isEqualTo(created.json());
    }

    @Test
    void runWithoutNameGetsAFriendlyName() {
        String runId = createRun(admin, createProject(admin));
        assertThat(admin.get("/api/v1/runs/" + runId).get("/name")).matches("[a-z]+-[a-z]+-\\d{3}");
    }

    @Test
    void logsParamsAndTagsAndFinishes() {
        String runId = createRun(admin, createProject(admin));
        assertThat(admin.post("/api/v1/runs/" + runId + "/params", Map.of("params", Map.of("lr", "0.01", "epochs", "10")))
                .get("/params/lr")).isEqualTo("0.01");
        assertThat(admin.post("/api/v1/runs/" + runId + "/params", Map.of("params", Map.of("lr", "0.01"))).status())
                .isEqualTo(200);
        Api.Response changed = assertProblem(admin.post("/api/v1/runs/" + runId + "/params",
                Map.of("params", Map.of("lr", "0.1", "batch", "32"))), 409);
        assertThat(changed.get("/field")).isEqualTo("params.lr");

        admin.post("/api/v1/runs/" + runId + "/tags", Map.of("tags", Map.of("stage", "dev")));
        assertThat(admin.delete("/api/v1/runs/" + runId + "/tags/stage").json().get("tags").has("stage")).isFalse();
        assertProblem(admin.delete("/api/v1/runs/" + runId + "/tags/stage"), 404);

        Api.Response finished = admin.post("/api/v1/runs/" + runId + "/finish", Map.of("status", "FINISHED"));
        assertThat(finished.get("/status")).isEqualTo("FINISHED");
        assertThat(finished.get("/endTime")).isNotNull();

        Api.Response again = assertProblem(admin.post("/api/v1/runs/" + runId + "/finish", Map.of("status", "KILLED")), 409);
        assertThat(again.get("/detail")).isEqualTo("Run '" + runId + "' is FINISHED and cannot become KILLED");
        assertProblem(admin.post("/api/v1/runs/" + runId + "/params", Map.of("params", Map.of("late", "1"))), 409);

        Api.Response read = admin.get("/api/v1/runs/" + runId);
        assertThat(read.get("/params/lr")).isEqualTo("0.01");
        assertThat(read.get("/params/epochs")).isEqualTo("10");
        assertThat(read.json().get("params").has("batch")).isFalse();
        assertThat(read.get("/status")).isEqualTo("FINISHED");
    }

    @Test
    void badRunInputIsAProblemNamingTheField() {
        String projectId = createProject(admin);
        assertThat(assertProblem(admin.post("/api/v1/runs", Map.of("name", "x")), 400).get("/field")).isEqualTo("projectId");
        assertProblem(admin.post("/api/v1/runs", Map.of("projectId", "no-such-project")), 404);
        assertThat(assertProblem(admin.post("/api/v1/runs", Map.of("projectId", projectId,
                "source", Map.of("gitCommit", "zzz"))), 400).get("/field")).isEqualTo("source.gitCommit");
        assertThat(assertProblem(admin.post("/api/v1/runs", Map.of("projectId", projectId,
                "environment", Map.of("variables", Map.of("DB_PASSWORD", "hunter2")))), 400).get("/field"))
                .isEqualTo("environment.variables.DB_PASSWORD");
        assertThat(assertProblem(admin.post("/api/v1/runs", Map.of("projectId", projectId, "colour", "red")), 400)
                .get("/field")).isEqualTo("colour");

        String runId = createRun(admin, projectId);
        assertThat(assertProblem(admin.post("/api/v1/runs/" + runId + "/finish", Map.of("status", "DONE")), 400)
                .get("/field")).isEqualTo("status");
        assertThat(assertProblem(admin.post("/api/v1/runs/" + runId + "/params", Map.of("params", Map.of())), 400)
                .get("/field")).isEqualTo("params");
        assertThat(assertProblem(admin.post("/api/v1/runs/" + runId + "/params", Map.of("params", Map.of("bad;key", "1"))),
                400).get("/field")).isEqualTo("params.bad;key");
        assertProblem(admin.get("/api/v1/runs/no-such-run"), 404);
        assertProblem(admin.post("/api/v1/runs/no-such-run/params", Map.of("params", Map.of("a", "1"))), 404);
        assertThat(admin.get("/api/v1/runs/" + runId).get("/status")).isEqualTo("RUNNING");
    }

    @Test
    void runsCannotStartInAnArchivedProject() {
        String projectId = createProject(admin);
        admin.post("/api/v1/projects/" + projectId + "/archive", Map.of());
        Api.Response refused = assertProblem(admin.post("/api/v1/runs", Map.of("projectId", projectId)), 409);
        assertThat(refused.get("/field")).isEqualTo("projectId");
    }

    @Test
    void anotherTenantsRunsAndProjectsAreNotFound() {
        String projectId = createProject(admin);
        String runId = createRun(admin, projectId);
        Api eve = userOf(unique("evil-corp"));
        assertProblem(eve.post("/api/v1/runs", Map.of("projectId", projectId)), 404);
        assertProblem(eve.get("/api/v1/runs/" + runId), 404);
        assertProblem(eve.post("/api/v1/runs/" + runId + "/params", Map.of("params", Map.of("x", "1"))), 404);
        assertProblem(eve.post("/api/v1/runs/" + runId + "/tags", Map.of("tags", Map.of("x", "1"))), 404);
        assertProblem(eve.post("/api/v1/runs/" + runId + "/finish", Map.of("status", "KILLED")), 404);
        assertProblem(eve.delete("/api/v1/runs/" + runId + "/tags/x"), 404);
        Api.Response search = assertProblem(eve.post("/api/v1/runs/search", Map.of("projectIds", List.of(projectId))), 404);
        assertThat(search.get("/detail")).isEqualTo("Project '" + projectId + "' not found");
        assertProblem(eve.get("/api/v1/runs?projectId=" + projectId), 404);
        assertThat(admin.get("/api/v1/runs/" + runId).get("/status")).isEqualTo("RUNNING");
    }

    @Test
    void declaresDatasetVersionsAsInputs() {
        String runId = createRun(admin, createProject(admin));
        String datasetId = admin.post("/api/v1/datasets", Map.of("name", unique("iris"))).get("/id");
        String versionId = admin.post("/api/v1/datasets/" + datasetId + "/versions",
                Map.of("uri", "file:///data/iris.csv", "digest", "sha256:" + "a".repeat(64))).get("/id");
        Api.Response withInputs = admin.post("/api/v1/runs/" + runId + "/inputs",
                Map.of("datasetVersionIds", List.of(versionId)));
        assertThat(withInputs.status()).as(withInputs.text()).isEqualTo(200);
        assertThat(withInputs.get("/inputs/0/datasetVersionId")).isEqualTo(versionId);
        assertThat(withInputs.get("/inputs/0/datasetId")).isEqualTo(datasetId);

        assertProblem(admin.post("/api/v1/runs/" + runId + "/inputs", Map.of("datasetVersionIds", List.of(datasetId + ".v9"))),
                404);
        assertThat(assertProblem(admin.post("/api/v1/runs/" + runId + "/inputs",
                Map.of("datasetVersionIds", List.of("garbage"))), 400).get("/field")).isEqualTo("datasetVersionIds[0]");
        Api eve = userOf(unique("evil-corp"));
        String eveRun = createRun(eve, createProject(eve));
        assertProblem(eve.post("/api/v1/runs/" + eveRun + "/inputs", Map.of("datasetVersionIds", List.of(versionId))), 404);
        assertThat(admin.get("/api/v1/runs/" + runId).json().get("inputs")).hasSize(1);
    }
}
