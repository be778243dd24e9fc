package io.cairn.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

/** Steps shared by the compute tests: targets, service accounts for agents, agents and submissions. */
public final class ComputeSteps {

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

    public String submit(Api editor, String targetId, String projectId, String command, int maxAttempts) {
        Api.Response submitted = editor.post("/api/v1/compute/targets/" + targetId + "/runs", Map.of("projectId", projectId,
                "spec", Map.of("entrypoint", command, "parameters", Map.of("lr", "0.1"), "maxAttempts", maxAttempts,
                        "environment", Map.of("variables", Map.of("GREETING", "hello")))));
        assertThat(submitted.status()).as(submitted.text()).isEqualTo(201);
        return submitted.get("/runId");
    }
}
