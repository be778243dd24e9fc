package io.cairn.compute.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.support.AgentProcesses;
import io.cairn.support.Api;
import io.cairn.support.ComputeSteps;
import io.cairn.support.ComputeTestBase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * The Iris sample end to end through a real agent JVM started from agent-dl4j's build output
 * ({@code compute-agents/agent-dl4j/target/cairn-agent-dl4j.jar} + {@code target/lib/}): DL4J never is on the
 * backend's class path. The dataset version points at a run artifact holding {@code iris.csv}; the agent fetches it
 * through the API, trains the sample MLP on the CPU and reports metrics and the model artifact; the test registers the
 * model from the artifact's registration request.
 */
class Dl4jAgentProcessTest extends ComputeTestBase {

    private static final Duration WAIT = Duration.ofSeconds(150);
    private static final int EPOCHS = 20;
    private static final Path MODULE = Path.of("..", "compute-agents").toAbsolutePath().normalize();
    private static final Path AGENT_JAR = MODULE.resolve("agent-dl4j/target/cairn-agent-dl4j.jar");
    private static final Path SAMPLE = MODULE.resolve("samples/iris");

    @RegisterExtension
    final AgentProcesses agents = new AgentProcesses();

    private Path workDir;

    /** The natives the agent unpacked (about 400 MB) go; the agent's log and the run's files stay. */
    @AfterEach
    void deleteNativeCache() throws IOException {
        Path cache = workDir == null ? null : workDir.resolve("javacpp-cache");
        if (cache != null && Files.isDirectory(cache)) {
            try (Stream<Path> files = Files.walk(cache)) {
                files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            }
        }
    }

    @Test
    void theIrisSampleTrainsOnADl4jAgentAndEndsWithARegistrableModel() throws Exception {
        assertThat(AGENT_JAR).as("%s is missing: build the DL4J agent first with "
                + "`mvn -B -ntp -pl compute-agents/agent-dl4j -am -DskipTests package` (the root build, `mvn verify`, "
                + "packages it before the backend's tests)", AGENT_JAR).exists();
        assertThat(AGENT_JAR.resolveSibling("lib")).as("agent-dl4j's target/lib (copy-dependencies)").isDirectory();
        String dl4jTarget = steps.createTarget(owner, unique("dl4j"), "dl4j");

        workDir = Files.createTempDirectory("dl4j-agent-");
        List<String> command = new ArrayList<>(List.of(AgentProcesses.java(), "-Xmx128m", "-jar", AGENT_JAR.toString()));
        command.addAll(AgentProcesses.options(port, dl4jTarget, credentials, workDir));
        agents.start(command, workDir);

        long started = System.nanoTime();
        String runId = submitWithTheSampleScript(dl4jTarget);
        ComputeSteps.awaitFinished(owner, runId, WAIT, "Iris DL4J run", started);

        // the agent registered the kinds of the executors on its class path
        assertThat(owner.get("/api/v1/compute/agents").json().get("agents").get(0).get("kinds").toString())
                .isEqualTo("[\"dl4j\",\"process\"]");

        // per-epoch metrics: one point per epoch, a falling loss, an accuracy far above chance (1/3)
        List<JsonNode> loss = ComputeSteps.points(owner, runId, "loss");
        List<JsonNode> accuracy = ComputeSteps.points(owner, runId, "accuracy");
        assertThat(loss).hasSize(EPOCHS);
        assertThat(accuracy).hasSize(EPOCHS);
        assertThat(loss.get(EPOCHS - 1).get("step").asInt()).isEqualTo(EPOCHS);
        assertThat(loss.get(EPOCHS - 1).get("value").asDouble()).isLessThan(loss.get(0).get("value").asDouble());
        assertThat(accuracy.get(EPOCHS - 1).get("value").asDouble()).isGreaterThan(0.8).isLessThanOrEqualTo(1.0);

        // the run: its params, its input (lineage), its logs
        Api.Response run = owner.get("/api/v1/runs/" + runId);
        assertThat(run.get("/params/epochs")).isEqualTo(Integer.toString(EPOCHS));
        String datasetVersion = run.get("/inputs/0/datasetVersionId");
        Api.Response dataset = owner.get("/api/v1/datasets/" + run.get("/inputs/0/datasetId"));
        assertThat(dataset.get("/name")).isEqualTo("iris");
        assertThat(dataset.get("/versions/0/id")).isEqualTo(datasetVersion);
        assertThat(dataset.get("/versions/0/digest")).isEqualTo("sha256:" + HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(SAMPLE.resolve("iris.csv")))));
        assertThat(owner.get("/api/v1/runs/" + runId + "/logs?stream=stdout&maxResults=1000").text())
                .contains("epoch " + EPOCHS + "/" + EPOCHS).contains("1 OpenMP thread(s)");

        // the artifacts, and a model version registered from them
        assertThat(ComputeSteps.artifactPaths(owner, runId)).contains("model/model.zip", "model/registration.json");
        Api.Response version = ComputeSteps.registerFromArtifacts(owner, runId, unique("iris"));
        assertThat(version.get("/flavor")).isEqualTo("dl4j");
        assertThat(version.get("/artifactPath")).isEqualTo("model/model.zip");
        assertThat(version.json().get("signature").toString()).isEqualTo("{\"inputs\":["
                + "{\"name\":\"sepal_length\",\"type\":\"double\"},{\"name\":\"sepal_width\",\"type\":\"double\"},"
                + "{\"name\":\"petal_length\",\"type\":\"double\"},{\"name\":\"petal_width\",\"type\":\"double\"}],"
                + "\"outputs\":[{\"name\":\"setosa\",\"type\":\"float\"},{\"name\":\"versicolor\",\"type\":\"float\"},"
                + "{\"name\":\"virginica\",\"type\":\"float\"}]}");
        assertThat(Long.parseLong(version.get("/artifactSize"))).isPositive();
    }

    /**
     * {@code submit-dl4j.sh <project> <target>} as a user runs it (curl and jq): iris.csv as an artifact of a data run,
     * a version of the dataset "iris" pointing at its download URL with its digest, the training run submitted.
     */
    private String submitWithTheSampleScript(String dl4jTarget) throws Exception {
        return steps.submitWithScript(SAMPLE.resolve("submit-dl4j.sh"), owner, org, project, dl4jTarget,
                Map.of("EPOCHS", Integer.toString(EPOCHS)));
    }
}
