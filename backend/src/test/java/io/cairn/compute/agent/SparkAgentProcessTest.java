package io.cairn.compute.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.support.AgentProcesses;
import io.cairn.support.Api;
import io.cairn.support.ComputeSteps;
import io.cairn.support.ComputeTestBase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * The Iris sample's Spark logistic regression end to end through a real agent JVM started from agent-spark's build
 * output ({@code compute-agents/agent-spark/target/cairn-agent-spark.jar} + {@code target/lib/}) offering only the
 * {@code spark} kind: Spark never is on the backend's class path. The agent fetches the dataset version through the
 * API, trains in a Spark driver JVM of its own ({@code local[1]}, loopback) and reports the objective per iteration,
 * the test metrics and the zipped PipelineModel; the test registers the model from the artifact's registration
 * request. A label column the CSV lacks fails the run with the reason in the run and its logs.
 */
class SparkAgentProcessTest extends ComputeTestBase {

    /** About 30 s on an idle 2-core machine; several minutes when the build machine runs at load 20. */
    private static final Duration WAIT = Duration.ofSeconds(300);
    private static final Path MODULE = Path.of("..", "compute-agents").toAbsolutePath().normalize();
    private static final Path AGENT_JAR = MODULE.resolve("agent-spark/target/cairn-agent-spark.jar");
    private static final Path SAMPLE = MODULE.resolve("samples/iris");

    @RegisterExtension
    final AgentProcesses agents = new AgentProcesses();

    @Test
    void theIrisSampleTrainsOnASparkAgentAndEndsWithARegistrableModel() throws Exception {
        Api.Response created = owner.post("/api/v1/compute/targets", Map.of("name", unique("spark"), "kind", "spark",
                "settings", Map.of("sparkMaster", "local[1]")));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String sparkTarget = created.get("/id");
        startAgent(sparkTarget);

        long started = System.nanoTime();
        String runId = submit(sparkTarget, Map.of());
        ComputeSteps.awaitFinished(owner, runId, WAIT, "Iris Spark run", started);
        assertThat(owner.get("/api/v1/compute/agents").json().get("agents").get(0).get("kinds").toString())
                .isEqualTo("[\"spark\"]");

        // the objective per iteration as loss, falling; the test split's metrics at the last iteration
        List<JsonNode> loss = ComputeSteps.points(owner, runId, "loss");
        assertThat(loss.size()).isGreaterThan(2);
        assertThat(loss.get(0).get("step").asInt()).isZero();
        assertThat(loss.get(loss.size() - 1).get("value").asDouble()).isLessThan(loss.get(0).get("value").asDouble());
        for (String metric : List.of("accuracy", "f1", "weightedPrecision", "weightedRecall")) {
            List<JsonNode> points = ComputeSteps.points(owner, runId, metric);
            assertThat(points).as(metric).hasSize(1);
            assertThat(points.get(0).get("step").asInt()).isEqualTo(loss.size() - 1);
            assertThat(points.get(0).get("value").asDouble()).as(metric).isGreaterThan(0.8).isLessThanOrEqualTo(1.0);
        }

        // params, input and logs: the target's master was used
        Api.Response run = owner.get("/api/v1/runs/" + runId);
        assertThat(run.get("/params/labelColumn")).isEqualTo("species");
        assertThat(owner.get("/api/v1/datasets/" + run.get("/inputs/0/datasetId")).get("/name")).isEqualTo("iris");
        assertThat(owner.get("/api/v1/runs/" + runId + "/logs?stream=stdout&maxResults=1000").text())
                .contains("on local[1]: 'species' from [sepal_length, sepal_width, petal_length, petal_width]")
                .contains("spark: trained in");

        // the artifacts, and a model version registered from them
        assertThat(ComputeSteps.artifactPaths(owner, runId))
                .containsExactlyInAnyOrder("model/pipeline.zip", "model/registration.json");
        Api.Response version = ComputeSteps.registerFromArtifacts(owner, runId, unique("iris-spark"));
        assertThat(version.get("/flavor")).isEqualTo("spark-ml");
        assertThat(version.get("/artifactPath")).isEqualTo("model/pipeline.zip");
        assertThat(version.json().get("signature").toString()).isEqualTo("{\"inputs\":["
                + "{\"name\":\"sepal_length\",\"type\":\"double\"},{\"name\":\"sepal_width\",\"type\":\"double\"},"
                + "{\"name\":\"petal_length\",\"type\":\"double\"},{\"name\":\"petal_width\",\"type\":\"double\"}],"
                + "\"outputs\":[{\"name\":\"predictedLabel\",\"type\":\"string\"},"
                + "{\"name\":\"prediction\",\"type\":\"double\"},{\"name\":\"probability\",\"type\":\"double\"}]}");
        assertThat(Long.parseLong(version.get("/artifactSize"))).isPositive();
    }

    @Test
    void aLabelColumnTheCsvLacksFailsTheRunWithTheReasonInItsLogs() throws Exception {
        String sparkTarget = steps.createTarget(owner, unique("spark"), "spark");
        startAgent(sparkTarget);

        String runId = submit(sparkTarget, Map.of("LABEL_COLUMN", "kind"));
        ComputeSteps.awaitEnd(owner, runId, WAIT);
        String reason = "The label column 'kind' is not in the CSV (columns: sepal_length, sepal_width, petal_length, "
                + "petal_width, species)";
        Api.Response execution = owner.get("/api/v1/runs/" + runId + "/execution");
        assertThat(owner.get("/api/v1/runs/" + runId).get("/status")).isEqualTo("FAILED");
        assertThat(execution.get("/reason")).isEqualTo("Training failed: " + reason);
        assertThat(execution.get("/exitCode")).isEqualTo("2");
        assertThat(owner.get("/api/v1/runs/" + runId + "/logs?stream=stderr&maxResults=1000").text())
                .contains("spark: " + reason);
        assertThat(ComputeSteps.artifactPaths(owner, runId)).isEmpty();
    }

    private void startAgent(String sparkTarget) throws Exception {
        assertThat(AGENT_JAR).as("%s is missing: build the Spark agent first with "
                + "`mvn -B -ntp -pl compute-agents/agent-spark -am -DskipTests package` (the root build, `mvn verify`, "
                + "packages it before the backend's tests)", AGENT_JAR).exists();
        assertThat(AGENT_JAR.resolveSibling("lib")).as("agent-spark's target/lib (copy-dependencies)").isDirectory();
        Path workDir = Files.createTempDirectory("spark-agent-");
        List<String> command = new ArrayList<>(List.of(AgentProcesses.java(), "-Xmx128m", "-jar", AGENT_JAR.toString(),
                "--kinds=spark"));
        command.addAll(AgentProcesses.options(port, sparkTarget, credentials, workDir));
        agents.start(command, workDir);
    }

    /** {@code submit-spark.sh <project> <target>} as a user runs it, 30 iterations at most. */
    private String submit(String sparkTarget, Map<String, String> variables) throws Exception {
        Map<String, String> environment = new HashMap<>(variables);
        environment.put("MAX_ITER", "30");
        return steps.submitWithScript(SAMPLE.resolve("submit-spark.sh"), owner, org, project, sparkTarget, environment);
    }
}
