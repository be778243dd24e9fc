package io.cairn.compute.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.CairnApplication;
import io.cairn.identity.AccessTokenService;
import io.cairn.support.AgentProcesses;
import io.cairn.support.Api;
import io.cairn.support.ComputeSteps;
import io.cairn.support.TestServers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The local agent of the default profile, with real agent JVMs started by the application from the built jars
 * ({@code compute-agents/agent-dl4j} and {@code agent-spark}, packaged by the root build before the backend): it
 * registers, runs a {@code process} run on the target {@code local} whose command reports a metric to its own run
 * with the token it was handed and the Iris sample on {@code local-dl4j}, stays in organization {@code default}, and after a restart is the same agent with the
 * same targets and service account; a missing jar is logged and the application starts anyway.
 */
@ExtendWith(OutputCaptureExtension.class)
class LocalAgentTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Path MODULE = Path.of("..", "compute-agents").toAbsolutePath().normalize();
    private static final Path DL4J_JAR = MODULE.resolve("agent-dl4j/target/cairn-agent-dl4j.jar");
    private static final Path SPARK_JAR = MODULE.resolve("agent-spark/target/cairn-agent-spark.jar");

    @TempDir
    Path dataDir;

    private ConfigurableApplicationContext application;
    private int port;

    @AfterEach
    void stop() {
        if (application != null) {
            application.close();
        }
    }

    @Test
    void theDefaultProfilesLocalAgentExecutesRunsAndARestartReusesItsTargetsAndAccount(CapturedOutput output)
            throws Exception {
        Assumptions.assumeTrue(TestServers.postgresUrl().isEmpty(), "the local agent is the embedded profile's");
        assertThat(DL4J_JAR).as("%s is missing: build the agents first with `mvn -B -ntp -pl "
                + "compute-agents/agent-dl4j,compute-agents/agent-spark -am -DskipTests package`", DL4J_JAR).exists();
        assertThat(SPARK_JAR).as("%s is missing (see above)", SPARK_JAR).exists();

        Api admin = start(SPARK_JAR);
        AgentProcesses.await(() -> agentNames(admin).equals(Set.of("local-dl4j", "local-spark")), WAIT);
        Map<String, String> targets = localTargets(admin);
        assertThat(targets).containsOnlyKeys("local", "local-dl4j", "local-spark");
        Set<String> agentIds = agentIds(admin);
        JsonNode accounts = admin.get("/api/v1/orgs/default/service-accounts").json().get("serviceAccounts");
        assertThat(accounts).hasSize(1);
        assertThat(accounts.get(0).get("name").asString()).isEqualTo("local-agent");
        assertThat(accounts.get(0).get("role").asString()).isEqualTo("ADMIN");
        Path secret = dataDir.resolve("local-agent/client-secret");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).isEqualTo("rw-------");
        assertThat(Files.readString(dataDir.resolve("local-agent/dl4j.log"))).contains("registered as agent");

        // a process run on the target "local", with no agent set up by anyone: it reports to its own run
        String project = admin.post("/api/v1/projects", Map.of("name", "local-" + UUID.randomUUID())).get("/id");
        String runId = submit(admin, targets.get("local"), project);
        awaitFinished(admin, runId);
        assertThat(admin.get("/api/v1/runs/" + runId + "/metrics").get("/metrics/self_reported/value")).isEqualTo("0.5");

        // the Iris sample on local-dl4j, as the README shows it: trained by the local dl4j agent's child JVM
        long started = System.nanoTime();
        String iris = new ComputeSteps(port).submitWithScript(MODULE.resolve("samples/iris/submit-dl4j.sh"), admin,
                "default", project, targets.get("local-dl4j"), Map.of("EPOCHS", "5"));
        ComputeSteps.awaitFinished(admin, iris, WAIT, "Iris on the local agent", started);
        assertThat(ComputeSteps.artifactPaths(admin, iris)).contains("model/model.zip", "model/registration.json");

        // the local targets are organization default's only
        Api stranger = memberOfAnotherOrganization(admin);
        assertThat(stranger.get("/api/v1/compute/targets/" + targets.get("local")).status()).isEqualTo(404);
        assertThat(stranger.get("/api/v1/compute/targets").json().get("targets")).isEmpty();
        assertThat(stranger.get("/api/v1/compute/agents").json().get("agents")).isEmpty();

        // the agents stop with the backend
        List<ProcessHandle> children = agentProcesses();
        assertThat(children).hasSize(2);
        application.close();
        application = null;
        AgentProcesses.await(() -> children.stream().noneMatch(ProcessHandle::isAlive), Duration.ofSeconds(15));

        // restart, the spark jar gone: the application starts, says why, and the dl4j agent is the same agent
        Path missing = dataDir.resolve("nowhere/cairn-agent-spark.jar");
        Api restarted = start(missing);
        String reason = "The local agent's spark executors do not run: " + missing
                + " (with lib/ beside it) is missing; build it with `mvn -B -ntp -pl compute-agents/agent-spark";
        AgentProcesses.await(() -> output.getOut().contains(reason), Duration.ofSeconds(30));
        String again = submit(restarted, targets.get("local"), project);
        awaitFinished(restarted, again);
        assertThat(localTargets(restarted)).isEqualTo(targets);
        assertThat(agentIds(restarted)).isEqualTo(agentIds);
        assertThat(restarted.get("/api/v1/orgs/default/service-accounts").json().get("serviceAccounts")).hasSize(1);
        assertThat(agentProcesses()).hasSize(1);
    }

    private Api start(Path sparkJar) throws IOException {
        application = new SpringApplicationBuilder(CairnApplication.class).run("--cairn.data-dir=" + dataDir,
                "--server.port=0", "--cairn.local-agent.enabled=true", "--cairn.local-agent.dl4j-jar=" + DL4J_JAR,
                "--cairn.local-agent.spark-jar=" + sparkJar, "--cairn.local-agent.jvm-options=-Xmx64m,-XX:TieredStopAtLevel=1",
                "--cairn.local-agent.lease-ttl-seconds=6");
        port = ((WebServerApplicationContext) application).getWebServer().getPort();
        return new Api(port, Files.readString(dataDir.resolve("bootstrap-token")).trim());
    }

    private static String submit(Api admin, String target, String project) {
        String script = "curl -sf -X POST -H \"Authorization: Bearer $CAIRN_TOKEN\" -H 'Content-Type: application/json' "
                + "-d '{\"points\": [{\"key\": \"self_reported\", \"value\": 0.5}]}' "
                + "\"$MLFLOW_TRACKING_URI/api/v1/runs/$MLFLOW_RUN_ID/metrics\"";
        Api.Response submitted = admin.post("/api/v1/compute/targets/" + target + "/runs",
                Map.of("projectId", project, "spec", Map.of("entrypoint", script, "maxAttempts", 1)));
        assertThat(submitted.status()).as(submitted.text()).isEqualTo(201);
        return submitted.get("/runId");
    }

    private static void awaitFinished(Api admin, String runId) throws InterruptedException {
        AgentProcesses.await(() -> {
            String status = admin.get("/api/v1/runs/" + runId).get("/status");
            assertThat(status).as(() -> admin.get("/api/v1/runs/" + runId + "/logs").text()).isIn("QUEUED", "RUNNING",
                    "FINISHED");
            return "FINISHED".equals(status);
        }, WAIT);
    }

    private static Set<String> agentNames(Api admin) {
        Set<String> names = new TreeSet<>();
        admin.get("/api/v1/compute/agents").json().get("agents").forEach(agent -> names.add(agent.get("name").asString()));
        return names;
    }

    private static Set<String> agentIds(Api admin) {
        Set<String> ids = new TreeSet<>();
        admin.get("/api/v1/compute/agents").json().get("agents").forEach(agent -> ids.add(agent.get("id").asString()));
        return ids;
    }

    private static Map<String, String> localTargets(Api admin) {
        Map<String, String> targets = new TreeMap<>();
        admin.get("/api/v1/compute/targets").json().get("targets")
                .forEach(target -> targets.put(target.get("name").asString(), target.get("id").asString()));
        return targets;
    }

    /** The agent JVMs this test's application started (children of this JVM running an agent jar). */
    private static List<ProcessHandle> agentProcesses() {
        List<ProcessHandle> agents = new ArrayList<>();
        ProcessHandle.current().children()
                .filter(child -> child.info().commandLine().map(line -> line.contains("cairn-agent-")).orElse(false))
                .forEach(agents::add);
        return agents;
    }

    private Api memberOfAnotherOrganization(Api admin) {
        String org = "other-" + UUID.randomUUID().toString().substring(0, 8);
        String owner = "owner-" + org;
        Api.Response created = admin.post("/api/v1/orgs", Map.of("id", org, "name", org, "ownerUsername", owner));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        AccessTokenService tokens = application.getBean(AccessTokenService.class);
        return admin.withToken(tokens.issue(tokens.principalFor(owner, org), org, "test", null).token());
    }
}
