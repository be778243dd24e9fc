package io.cairn;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.support.Api;
import io.cairn.support.Browser;
import io.cairn.support.TestServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Writes through the API, stops the application, starts a new one on the same data directory, reads back;
 * also with the run and search indexes deleted in between, and with a token of the embedded OpenID provider issued before
 * the restart.
 */
class RestartTest {

    @TempDir
    Path dataDir;

    /** On PostgreSQL, one fresh database per test, shared by the test's successive applications. */
    private final Optional<String> database = TestServers.postgresUrl();

    private ConfigurableApplicationContext start() {
        // each start gets another port: a fixed issuer keeps the tokens' issuer the same across them
        List<String> args = new ArrayList<>(List.of("--cairn.data-dir=" + dataDir, "--server.port=0",
                "--cairn.oidc.issuer=http://cairn.test"));
        database.ifPresent(url -> args.add("--spring.datasource.url=" + url));
        return new SpringApplicationBuilder(CairnApplication.class).run(args.toArray(String[]::new));
    }

    private static Api api(ConfigurableApplicationContext context, String token) {
        return new Api(port(context), token);
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    @Test
    void everythingWrittenSurvivesARestart() throws Exception {
        String token;
        String projectId;
        String runId;
        String datasetId;
        Map<String, String> before;
        String serviceToken;
        byte[] artifact = "weights".getBytes();
        try (ConfigurableApplicationContext first = start()) {
            token = Files.readString(dataDir.resolve("bootstrap-token")).trim();
            Api api = api(first, token);
            projectId = api.post("/api/v1/projects", Map.of("name", "survivor", "tags", Map.of("a", "b"))).get("/id");
            runId = api.post("/api/v1/runs", Map.of("projectId", projectId, "name", "r")).get("/id");
            api.post("/api/v1/runs/" + runId + "/params", Map.of("params", Map.of("lr", "0.01")));
            api.post("/api/v1/runs/" + runId + "/tags", Map.of("tags", Map.of("t", "v")));
            api.post("/api/v1/runs/" + runId + "/metrics", Map.of("points", List.of(
                    Map.of("key", "loss", "value", 0.5, "step", 1), Map.of("key", "loss", "value", 0.25, "step", 2))));
            api.put("/api/v1/runs/" + runId + "/artifacts/model.bin", artifact);
            datasetId = api.post("/api/v1/datasets", Map.of("name", "iris")).get("/id");
            String version = api.post("/api/v1/datasets/" + datasetId + "/versions",
                    Map.of("uri", "file:///iris.csv", "digest", "sha256:" + "e".repeat(64))).get("/id");
            api.post("/api/v1/runs/" + runId + "/inputs", Map.of("datasetVersionIds", List.of(version)));
            api.post("/api/v1/runs/" + runId + "/finish", Map.of("status", "FINISHED"));
            long deadline = System.currentTimeMillis() + 10_000;
            while (api.get("/api/v1/runs/" + runId + "/metrics/loss").json().get("points").size() < 2
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            Api.Response account = api.post("/api/v1/orgs/default/service-accounts",
                    Map.of("name", "nightly", "role", "AUDITOR"));
            serviceToken = Browser.json(new Browser(port(first)).clientCredentials(account.get("/clientId"),
                    account.get("/clientSecret"))).get("access_token").asString();
            before = Map.of(
                    "project", api.get("/api/v1/projects/" + projectId).text(),
                    "run", api.get("/api/v1/runs/" + runId).text(),
                    "metrics", api.get("/api/v1/runs/" + runId + "/metrics/loss").text(),
                    "artifacts", api.get("/api/v1/runs/" + runId + "/artifacts").text(),
                    "dataset", api.get("/api/v1/datasets/" + datasetId).text(),
                    "search", search(api, projectId, "params.lr = '0.01' and metrics.loss < 0.3"));
            assertThat(before.get("search")).contains(runId);
        }
        assertThat(dataDir.resolve("bootstrap-token")).exists();
        Path signingKeys = dataDir.resolve("oidc/signing-keys.json");
        assertThat(Files.getPosixFilePermissions(signingKeys)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        try (ConfigurableApplicationContext second = start()) {
            assertThat(Files.readString(dataDir.resolve("bootstrap-token")).trim()).isEqualTo(token);
            Api api = api(second, token);
            assertThat(api.get("/api/v1/projects/" + projectId).text()).isEqualTo(before.get("project"));
            assertThat(api.get("/api/v1/runs/" + runId).text()).isEqualTo(before.get("run"));
            assertThat(api.get("/api/v1/runs/" + runId + "/metrics/loss").text()).isEqualTo(before.get("metrics"));
            assertThat(api.get("/api/v1/runs/" + runId + "/artifacts").text()).isEqualTo(before.get("artifacts"));
            assertThat(api.get("/api/v1/datasets/" + datasetId).text()).isEqualTo(before.get("dataset"));
            assertThat(search(api, projectId, "params.lr = '0.01' and metrics.loss < 0.3")).isEqualTo(before.get("search"));
            assertThat(api.download("/api/v1/runs/" + runId + "/artifacts/model.bin").body()).isEqualTo(artifact);
            assertThat(api.withToken(serviceToken).get("/api/v1/projects/" + projectId).status())
                    .as("a token of the embedded provider survives the restart").isEqualTo(200);
            assertThat(api.post("/api/v1/projects", Map.of("name", "survivor")).status()).isEqualTo(409);
            assertThat(api.post("/api/v1/runs/" + runId + "/params", Map.of("params", Map.of("lr", "0.5"))).status())
                    .isEqualTo(409);
        }
    }

    /** The embedded profile's indexes only: the cluster profile searches with SQL and Elasticsearch. */
    @Test
    @DisabledIfSystemProperty(named = "cairn.test.postgres", matches = ".+")
    void aDeletedRunIndexIsRebuiltFromTheReadModel() throws Exception {
        String token;
        String projectId;
        String all;
        try (ConfigurableApplicationContext first = start()) {
            token = Files.readString(dataDir.resolve("bootstrap-token")).trim();
            Api api = api(first, token);
            projectId = api.post("/api/v1/projects", Map.of("name", "indexed")).get("/id");
            for (int i = 0; i < 3; i++) {
                String runId = api.post("/api/v1/runs", Map.of("projectId", projectId, "name", "r" + i)).get("/id");
                api.post("/api/v1/runs/" + runId + "/params", Map.of("params", Map.of("i", String.valueOf(i))));
            }
            all = search(api, projectId, "");
            assertThat(api.post("/api/v1/runs/search", Map.of("projectIds", List.of(projectId))).json()
                    .get("runs").size()).isEqualTo(3);
        }
        Path index = dataDir.resolve("index");
        assertThat(index).isDirectory();
        try (var files = Files.walk(index)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        try (ConfigurableApplicationContext second = start()) {
            Api api = api(second, token);
            assertThat(search(api, projectId, "")).isEqualTo(all);
            assertThat(search(api, projectId, "params.i = '1'")).contains("\"name\":\"r1\"").doesNotContain("\"r0\"");
            // the global search index, deleted with index/, is refilled by a replay of the search projection
            String q = "/api/v1/search?q=kind:run+project:" + projectId;
            long deadline = System.currentTimeMillis() + 30_000;
            while (api.get(q).json().get("results").size() < 3 && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertThat(api.get(q).json().get("results").size()).isEqualTo(3);
        }
    }

    private static String search(Api api, String projectId, String filter) {
        Api.Response response = api.post("/api/v1/runs/search", Map.of("projectIds", List.of(projectId),
                "filter", filter, "orderBy", List.of("attributes.run_name")));
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.text();
    }

    /** Lease deadlines live in memory: a start checks every lease, so one that ran out meanwhile is lost at once. */
    @Test
    void aLeaseThatExpiredWhileTheBackendWasDownIsLostAtTheNextStart() throws Exception {
        String token;
        String runId;
        try (ConfigurableApplicationContext first = start()) {
            token = Files.readString(dataDir.resolve("bootstrap-token")).trim();
            Api api = api(first, token);
            String projectId = api.post("/api/v1/projects", Map.of("name", "leases")).get("/id");
            String target = api.post("/api/v1/compute/targets", Map.of("name", "local", "kind", "process")).get("/id");
            String agent = api.post("/api/v1/compute/agents", Map.of("name", "w", "targets", List.of(target),
                    "leaseTtlSeconds", 5)).get("/id");
            runId = api.post("/api/v1/compute/targets/" + target + "/runs", Map.of("projectId", projectId,
                    "spec", Map.of("entrypoint", "sleep 60", "maxAttempts", 2))).get("/runId");
            assertThat(api.post("/api/v1/compute/agents/" + agent + "/lease", Map.of()).get("/runId")).isEqualTo(runId);
        }
        Thread.sleep(5_500);
        long restarted = System.currentTimeMillis();
        try (ConfigurableApplicationContext second = start()) {
            Api api = api(second, token);
            long deadline = System.currentTimeMillis() + 20_000;
            while (!"QUEUED".equals(api.get("/api/v1/runs/" + runId).get("/status"))
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            Api.Response execution = api.get("/api/v1/runs/" + runId + "/execution");
            assertThat(execution.get("/status")).isEqualTo("QUEUED");
            assertThat(execution.get("/attempts/0/outcome")).isEqualTo("LOST");
            // lost by the start-up check of the new application, not by a deadline of the old one
            assertThat(Long.parseLong(execution.get("/attempts/0/endTime"))).isGreaterThanOrEqualTo(restarted);
        }
    }
}
