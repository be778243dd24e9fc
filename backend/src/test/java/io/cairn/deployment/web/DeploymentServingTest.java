package io.cairn.deployment.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.support.Api;
import io.cairn.support.ApiTestBase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Real model servers: a DL4J MLP trained by {@code TinyMlpExport} in its own JVM (DL4J stays off the backend's
 * class path), uploaded as a run artifact, registered, approved as {@code champion}, deployed by that alias, and
 * scored through the backend; then a canary, its promotion, and the deletion that stops the servers. Needs the
 * model server built: {@code mvn -B -ntp -f compute-agents/model-server/pom.xml -DskipTests package} (the root
 * build does it before the backend).
 */
class DeploymentServingTest extends ApiTestBase {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration READY_WITHIN = Duration.ofSeconds(180);
    private static final Path MODEL_SERVER = Path.of("..", "compute-agents", "model-server", "target");
    private static Path exported;

    @BeforeAll
    static void exportModel() throws Exception {
        Path jar = MODEL_SERVER.resolve("model-server.jar");
        Path tests = MODEL_SERVER.resolve("model-server-tests.jar");
        if (!Files.isRegularFile(jar) || !Files.isRegularFile(tests)) {
            throw new AssertionError("The model server is not built (" + jar.toAbsolutePath() + " and " + tests
                    + " are needed); build it with: mvn -B -ntp -f compute-agents/model-server/pom.xml -DskipTests package");
        }
        exported = Files.createTempDirectory("tiny-mlp-");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", tests + java.io.File.pathSeparator + jar + java.io.File.pathSeparator + MODEL_SERVER.resolve("lib") + "/*",
                "io.cairn.modelserver.TinyMlpExport", exported.toString())
                .redirectErrorStream(true)
                .redirectOutput(exported.resolve("export.log").toFile());
        builder.environment().put("OMP_NUM_THREADS", "1");
        Process process = builder.start();
        if (!process.waitFor(3, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new AssertionError("TinyMlpExport failed: " + Files.readString(exported.resolve("export.log")));
        }
    }

    @Test
    void aDeployedDl4jModelScoresThroughTheBackendLikeTheModelItself() throws Exception {
        String org = unique("serving");
        Api owner = ownerOf(org);
        Api approver = memberOf(org, "ADMIN");
        String project = createProject(owner);
        // the model is trained from a registered dataset version and a recorded source snapshot
        String dataset = owner.post("/api/v1/datasets", Map.of("name", unique("iris"))).get("/id");
        String datasetVersion = owner.post("/api/v1/datasets/" + dataset + "/versions", Map.of("uri",
                "file:///data/iris.csv", "digest", "sha256:" + "b".repeat(64))).get("/id");
        String run = owner.post("/api/v1/runs", Map.of("projectId", project, "source", Map.of("gitRepo",
                "https://git.example.com/ml/iris.git", "gitCommit", "0123456789abcdef0123", "dirty", false)))
                .get("/id");
        assertThat(owner.post("/api/v1/runs/" + run + "/inputs", Map.of("datasetVersionIds", List.of(datasetVersion)))
                .status()).isEqualTo(200);
        byte[] zip = Files.readAllBytes(exported.resolve("model.zip"));
        assertThat(owner.put("/api/v1/runs/" + run + "/artifacts/model/model.zip", zip).status()).isEqualTo(201);
        Object signature = JSON.readValue(exported.resolve("signature.json").toFile(), Map.class);
        String model = owner.post("/api/v1/models", Map.of("name", unique("iris-mlp"))).get("/id");
        for (int i = 0; i < 2; i++) {
            Api.Response version = owner.post("/api/v1/models/" + model + "/versions", Map.of("runId", run,
                    "artifactPath", "model/model.zip", "flavor", "dl4j", "signature", signature));
            assertThat(version.status()).as(version.text()).isEqualTo(201);
        }
        Api.Response requested = owner.putJson("/api/v1/models/" + model + "/aliases/champion", Map.of("version", 1));
        assertThat(requested.status()).as(requested.text()).isEqualTo(202);
        assertThat(approver.post("/api/v1/models/" + model + "/approvals/" + requested.get("/id") + "/approve",
                Map.of()).status()).isEqualTo(200);

        Api.Response created = owner.post("/api/v1/deployments", Map.of("modelId", model, "alias", "champion"));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.get("/versions/0/version")).isEqualTo("1");
        assertThat(created.get("/versions/0/alias")).isEqualTo("champion");
        String path = "/api/v1/deployments/" + created.get("/id");
        awaitStatus(owner, path, "READY");

        JsonNode expected = JSON.readTree(exported.resolve("expected.json").toFile());
        Api.Response scored = owner.post(path + "/score", Map.of("rows", JSON.treeToValue(expected.get("rows"), List.class)));
        assertThat(scored.status()).as(scored.text()).isEqualTo(200);
        assertThat(scored.header("Cairn-Model-Version")).isEqualTo("1");
        JsonNode predictions = scored.json().get("predictions");
        assertThat(predictions.size()).isEqualTo(expected.get("predictions").size());
        for (int row = 0; row < predictions.size(); row++) {
            for (String output : List.of("setosa", "versicolor", "virginica")) {
                assertThat((float) predictions.get(row).get(output).asDouble()).as("row " + row + " " + output)
                        .isEqualTo((float) expected.get("predictions").get(row).get(output).asDouble());
            }
        }

        // the model server's own problem passes through: field and row precise
        Api.Response invalid = owner.postRaw(path + "/score",
                "{\"rows\": [{\"sepal_length\": 5.1, \"sepal_width\": 3.5, \"petal_length\": 1.4, \"petal_width\": \"x\"}]}");
        assertProblem(invalid, 400);
        assertThat(invalid.get("/field")).isEqualTo("rows[0].petal_width");

        Api.Response telemetry = owner.get(path + "/telemetry");
        assertThat(telemetry.get("/total/requests")).isEqualTo("2");
        assertThat(telemetry.get("/total/invalid")).isEqualTo("1");
        assertThat(telemetry.get("/versions/0/version")).isEqualTo("1");
        assertThat(telemetry.json().at("/versions/0/latencyMs/p99").asDouble()).isPositive();

        // a canary takes its share of the traffic, then all of it once promoted
        Api.Response canary = owner.post(path + "/update", Map.of("version", 2, "canaryPercent", 50));
        assertThat(canary.status()).as(canary.text()).isEqualTo(200);
        awaitStatus(owner, path, "READY");
        Set<String> answeredBy = new HashSet<>();
        Map<String, Object> oneRow = Map.of("rows", List.of(JSON.treeToValue(expected.get("rows").get(0), Map.class)));
        for (int i = 0; i < 40 && answeredBy.size() < 2; i++) {
            Api.Response answer = owner.post(path + "/score", oneRow);
            assertThat(answer.status()).as(answer.text()).isEqualTo(200);
            answeredBy.add(answer.header("Cairn-Model-Version"));
        }
        assertThat(answeredBy).containsExactlyInAnyOrder("1", "2");
        assertThat(owner.post(path + "/promote", Map.of()).get("/versions/0/version")).isEqualTo("2");
        await(() -> owner.get(path).json().get("versions").size() == 1);
        for (int i = 0; i < 5; i++) {
            assertThat(owner.post(path + "/score", oneRow).header("Cairn-Model-Version")).isEqualTo("2");
        }
        // scores are timed by their own meter, by outcome (the invalid rows above among the client errors), and
        // left out of the HTTP server requests
        assertThat(owner.withToken(null).get("/actuator/prometheus").text())
                .containsPattern("cairn_deployments_score_seconds_count\\{[^}]*outcome=\"SUCCESS\"[^}]*} [1-9]")
                .containsPattern("cairn_deployments_score_seconds_count\\{[^}]*outcome=\"CLIENT_ERROR\"[^}]*} [1-9]")
                .containsPattern("http_server_requests_seconds_count\\{[^}]*uri=\"/api/v1/deployments/\\{id}\"")
                .doesNotContainPattern("uri=\"/api/v1/deployments/\\{id}/score\"");

        // an auditor starting from the deployment reaches the data and the code behind it
        String deploymentId = created.get("/id");
        Api auditor = memberOf(org, "AUDITOR");
        await(() -> auditor.get("/api/v1/lineage/deployment/" + deploymentId + "?direction=upstream&depth=4").text()
                .contains(datasetVersion));
        JsonNode lineage = auditor.get("/api/v1/lineage/deployment/" + deploymentId + "?direction=upstream&depth=4")
                .json();
        Set<String> reached = new HashSet<>();
        lineage.get("nodes").forEach(node -> reached.add(node.get("kind").asString() + ":" + node.get("id").asString()));
        assertThat(reached).contains("dataset-version:" + datasetVersion, "run:" + run, "model-version:" + model + ".v1",
                "model-version:" + model + ".v2");
        assertThat(reached).anyMatch(node -> node.startsWith("source-snapshot:src-"));

        List<Long> servers = serverPids(org, created.get("/id"));
        assertThat(servers).isNotEmpty();
        assertThat(owner.delete(path).status()).isEqualTo(204);
        await(() -> servers.stream().noneMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)));
    }

    @Test
    void aVersionWhoseModelDoesNotLoadFailsWithTheServersReason() throws Exception {
        String org = unique("broken");
        Api owner = ownerOf(org);
        String project = createProject(owner);
        String run = createRun(owner, project);
        owner.put("/api/v1/runs/" + run + "/artifacts/model.zip", ("not a zip " + UUID.randomUUID()).getBytes());
        String model = owner.post("/api/v1/models", Map.of("name", unique("broken"))).get("/id");
        owner.post("/api/v1/models/" + model + "/versions", Map.of("runId", run, "artifactPath", "model.zip",
                "flavor", "dl4j", "signature", Map.of("inputs", List.of(Map.of("name", "x", "type", "double")))));
        String path = "/api/v1/deployments/" + owner.post("/api/v1/deployments", Map.of("modelId", model, "version", 1))
                .get("/id");
        Api.Response failed = awaitStatus(owner, path, "FAILED");
        assertThat(failed.get("/versions/0/reason")).startsWith("The model did not load");
        assertProblem(owner.post(path + "/score", Map.of("rows", List.of(Map.of("x", 1.0)))), 503);
        assertThat(owner.delete(path).status()).isEqualTo(204);
    }

    private static Api.Response awaitStatus(Api api, String path, String status) {
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        while (true) {
            Api.Response deployment = api.get(path);
            if (status.equals(deployment.get("/status"))) {
                return deployment;
            }
            if (System.nanoTime() > deadline || (!"FAILED".equals(status) && "FAILED".equals(deployment.get("/status")))) {
                throw new AssertionError("Deployment not " + status + " within " + READY_WITHIN + ": " + deployment.text());
            }
            sleep();
        }
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Condition not met within 30 s");
            }
            sleep();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The pids the supervisor wrote for the deployment's model servers. */
    private static List<Long> serverPids(String org, String deploymentId) throws IOException {
        List<Long> pids = new ArrayList<>();
        try (var files = Files.find(dataDir().resolve("deployments").resolve(org).resolve(deploymentId), 3,
                (file, attributes) -> file.getFileName().toString().equals("model-server.pid"))) {
            for (Path file : files.toList()) {
                pids.add(Long.parseLong(Files.readString(file).trim()));
            }
        }
        return pids;
    }
}
