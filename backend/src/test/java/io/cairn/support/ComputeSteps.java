package io.cairn.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Steps shared by the compute tests: targets, service accounts for agents, agents and submissions. */
public final class ComputeSteps {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final int port;

    public ComputeSteps(int port) {
        this.port = port;
    }

    /** A service account of the organization, as its client id and secret. */
    public record Credentials(String principalId, String clientId, String clientSecret) {
    }

    public String createTarget(Api admin, String name) {
        return createTarget(admin, name, "process");
    }

    public String createTarget(Api admin, String name, String kind) {
        Api.Response target = admin.post("/api/v1/compute/targets", Map.of("name", name, "kind", kind));
        assertThat(target.status()).as(target.text()).isEqualTo(201);
        return target.get("/id");
    }

    public Credentials serviceAccount(Api owner, String org, String role) {
        Api.Response created = owner.post("/api/v1/orgs/" + org + "/service-accounts",
                Map.of("name", "agent-" + java.util.UUID.randomUUID().toString().substring(0, 8), "role", role));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return new Credentials(created.get("/id"), created.get("/clientId"), created.get("/clientSecret"));
    }

    /** A client acting with the service account's client-credentials token. */
    public Api tokenOf(Api any, Credentials credentials) {
        HttpResponse<String> token = new Browser(port).clientCredentials(credentials.clientId(), credentials.clientSecret());
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        return any.withToken(Browser.json(token).get("access_token").asString());
    }

    public String registerAgent(Api agent, String targetId, int leaseTtlSeconds) {
        Api.Response registered = agent.post("/api/v1/compute/agents", Map.of("name", "worker", "kinds", List.of("process"),
                "targets", List.of(targetId), "leaseTtlSeconds", leaseTtlSeconds));
        assertThat(registered.status()).as(registered.text()).isEqualTo(201);
        return registered.get("/id");
    }

    /** Submits a one-attempt {@code process} run whose working directory gets {@code source} (a run's source snapshot). */
    public String submit(Api editor, String targetId, String projectId, String command, Map<String, Object> source) {
        Api.Response submitted = editor.post("/api/v1/compute/targets/" + targetId + "/runs", Map.of("projectId", projectId,
                "source", source, "spec", Map.of("entrypoint", command, "maxAttempts", 1)));
        assertThat(submitted.status()).as(submitted.text()).isEqualTo(201);
        return submitted.get("/runId");
    }

    public String submit(Api editor, String targetId, String projectId, String command, int maxAttempts) {
        Api.Response submitted = editor.post("/api/v1/compute/targets/" + targetId + "/runs", Map.of("projectId", projectId,
                "spec", Map.of("entrypoint", command, "parameters", Map.of("lr", "0.1"), "maxAttempts", maxAttempts,
                        "environment", Map.of("variables", Map.of("GREETING", "hello")))));
        assertThat(submitted.status()).as(submitted.text()).isEqualTo(201);
        return submitted.get("/runId");
    }

    /**
     * Runs a sample's submit script ({@code compute-agents/samples/…/submit-*.sh <project> <target>}) as a user does
     * (bash, curl, jq) against the test application with the caller's token; answers the run id it prints last.
     */
    public String submitWithScript(Path script, Api caller, String org, String project, String target,
                                   Map<String, String> variables) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("bash", script.toString(), project, target)
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().putAll(Map.of("CAIRN_URL", "http://localhost:" + port, "CAIRN_TOKEN", caller.token(),
                "CAIRN_ORG", org));
        builder.environment().putAll(variables);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes()).trim();
        assertThat(process.waitFor()).as("%s printed: %s", script.getFileName(), output).isZero();
        return output.substring(output.lastIndexOf('\n') + 1);
    }

    /** Waits until the run is FINISHED, FAILED or KILLED. */
    public static void awaitEnd(Api caller, String runId, Duration wait) throws InterruptedException {
        AgentProcesses.await(() -> Set.of("FINISHED", "FAILED", "KILLED")
                .contains(caller.get("/api/v1/runs/" + runId).get("/status")), wait);
    }

    /**
     * Waits for the run's end, prints how long it took since {@code startedNanos} (as {@code "<what>: submitted ->
     * STATUS in n s"}), and asserts it FINISHED (else showing the reason and the logs).
     */
    public static void awaitFinished(Api caller, String runId, Duration wait, String what, long startedNanos)
            throws InterruptedException {
        awaitEnd(caller, runId, wait);
        String status = caller.get("/api/v1/runs/" + runId).get("/status");
        System.out.printf("%s: submitted -> %s in %.1f s%n", what, status, (System.nanoTime() - startedNanos) / 1e9);
        assertThat(status).as("reason: %s; logs: %s", caller.get("/api/v1/runs/" + runId + "/execution").get("/reason"),
                caller.get("/api/v1/runs/" + runId + "/logs").text()).isEqualTo("FINISHED");
    }

    /** The points of one metric of the run, in step order. */
    public static List<JsonNode> points(Api caller, String runId, String key) {
        List<JsonNode> points = new ArrayList<>();
        caller.get("/api/v1/runs/" + runId + "/metrics/" + key).json().get("points").forEach(points::add);
        return points;
    }

    /** The paths of the run's artifacts. */
    public static List<String> artifactPaths(Api caller, String runId) {
        List<String> paths = new ArrayList<>();
        caller.get("/api/v1/runs/" + runId + "/artifacts").json().get("artifacts")
                .forEach(artifact -> paths.add(artifact.get("path").asString()));
        return paths;
    }

    /**
     * Registers a new model's first version from the registration request a trainer left among the run's artifacts
     * ({@code model/registration.json}, plus the run id); answers the created version (asserted 201).
     */
    public static Api.Response registerFromArtifacts(Api owner, String runId, String modelName) {
        Map<String, Object> registration = JSON.readValue(
                owner.download("/api/v1/runs/" + runId + "/artifacts/model/registration.json").body(),
                new TypeReference<Map<String, Object>>() { });
        registration.put("runId", runId);
        Api.Response model = owner.post("/api/v1/models", Map.of("name", modelName));
        assertThat(model.status()).as(model.text()).isEqualTo(201);
        Api.Response version = owner.post("/api/v1/models/" + model.get("/id") + "/versions", registration);
        assertThat(version.status()).as(version.text()).isEqualTo(201);
        return version;
    }
}
