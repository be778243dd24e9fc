package io.cairn.search.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.CairnApplication;
import io.cairn.support.Api;
import io.cairn.support.TcpGate;
import io.cairn.support.TestServers;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The cluster profile's search with Elasticsearch away: an application of its own (started here, like
 * {@code RestartTest}'s, so the shared test context keeps running) whose Elasticsearch URL is a
 * {@link TcpGate}, closed (connection refused). Searches (global and run search) answer 503 problem+json
 * quickly, writes and reads go on, health stays UP, the {@code search} projection retries the unindexed events
 * instead of skipping them and the run index keeps its queue. With a real server
 * ({@code -Dcairn.test.elasticsearch}), the gate then opens and both indexes catch up with what was written
 * meanwhile.
 */
class SearchUnavailableTest {

    @TempDir
    Path dataDir;

    private final TcpGate gate = new TcpGate(URI.create(TestServers.elasticsearch().orElse("http://127.0.0.1:19200")));
    private ConfigurableApplicationContext application;
    private int port;

    @BeforeEach
    void start() {
        String unique = UUID.randomUUID().toString().replace("-", "");
        List<String> args = new ArrayList<>(List.of("--cairn.data-dir=" + dataDir, "--server.port=0",
                "--cairn.global-search.engine=elasticsearch", "--cairn.search.engine=elasticsearch",
                "--cairn.elasticsearch.url=" + gate.url(),
                "--cairn.elasticsearch.index-prefix=fault-" + unique.substring(0, 8) + "-",
                "--cairn.elasticsearch.connect-timeout=500ms"));
        TestServers.postgresUrl().ifPresent(url -> args.add("--spring.datasource.url=" + url));
        TestServers.kafka().ifPresent(servers -> args.add("--cairn.kafka.topic=cairn.events.test-" + unique));
        TestServers.cassandra().ifPresent(nodes -> args.add("--cairn.cassandra.keyspace=cairn_test_" + unique));
        application = new SpringApplicationBuilder(CairnApplication.class).run(args.toArray(String[]::new));
        port = ((WebServerApplicationContext) application).getWebServer().getPort();
    }

    @AfterEach
    void stop() throws IOException {
        application.close();
        gate.close();
    }

    @Test
    void searchAnswers503WhileElasticsearchIsAwayAndTheIndexCatchesUpAfterwards() throws IOException {
        Api admin = new Api(port, Files.readString(dataDir.resolve("bootstrap-token")).trim());
        String word = "outage" + UUID.randomUUID().toString().substring(0, 8);

        Api.Response created = admin.post("/api/v1/projects", Map.of("name", word));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String project = created.get("/id");
        assertThat(admin.get("/api/v1/projects/" + project).status()).isEqualTo(200);

        Api.Response run = admin.post("/api/v1/runs", Map.of("projectId", project, "name", word));
        assertThat(run.status()).as(run.text()).isEqualTo(201);
        String runId = run.get("/id");
        assertThat(admin.post("/api/v1/runs/" + runId + "/params", Map.of("params", Map.of("lr", "0.1"))).status())
                .isLessThan(300);
        assertThat(admin.get("/api/v1/runs/" + runId).status()).isEqualTo(200);
        Map<String, Object> runSearch = Map.of("projectIds", List.of(project), "filter", "params.lr = '0.1'");
        long runSearchStart = System.nanoTime();
        Api.Response runs = admin.post("/api/v1/runs/search", runSearch);
        assertThat(Duration.ofNanos(System.nanoTime() - runSearchStart)).isLessThan(Duration.ofSeconds(5));
        assertThat(runs.status()).as(runs.text()).isEqualTo(503);
        assertThat(runs.contentType()).startsWith("application/problem+json");
        assertThat(runs.text()).doesNotContain("Exception");
        Api.Response badRun = admin.post("/api/v1/runs/search", Map.of("projectIds", List.of(project),
                "filter", "params.lr > '0.1'"));
        assertThat(badRun.status()).as("a bad filter is refused before Elasticsearch is asked").isEqualTo(400);

        long start = System.nanoTime();
        Api.Response search = admin.get("/api/v1/search?q=" + word);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(search.status()).as(search.text()).isEqualTo(503);
        assertThat(search.contentType()).startsWith("application/problem+json");
        assertThat(search.get("/status")).isEqualTo("503");
        assertThat(search.text()).doesNotContain("Exception");

        // the projection retries the batch holding the project's event (releasing its claim between tries):
        // it never moves past that event
        long projectEvent = admin.get("/api/v1/admin/projections/search").json().get("head").asLong();
        for (int i = 0; i < 5; i++) {
            Api.Response status = admin.get("/api/v1/admin/projections/search");
            assertThat(status.json().get("position").asLong()).as(status.text()).isLessThan(projectEvent);
            sleep(500);
        }
        Api.Response health = admin.withToken(null).get("/actuator/health");
        assertThat(health.status()).as(health.text()).isEqualTo(200);
        assertThat(health.get("/status")).isEqualTo("UP");

        if (TestServers.elasticsearch().isEmpty()) {
            return;
        }
        gate.open();
        // the processor retries with back-off (1 s, 2 s, 4 s, … at most 60 s between tries)
        waitFor(Duration.ofSeconds(90), () -> admin.get("/api/v1/search?q=" + word).text().contains(project));
        Api.Response found = admin.post("/api/v1/runs/search", runSearch);
        assertThat(found.status()).as(found.text()).isEqualTo(200);
        assertThat(found.json().get("runs")).hasSize(1);
        assertThat(found.json().get("runs").get(0).get("id").asString()).isEqualTo(runId);
        waitFor(Duration.ofSeconds(30), () -> admin.get("/api/v1/admin/projections/search").json().get("position")
                .asLong() >= projectEvent);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void waitFor(Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within " + timeout).isLessThan(deadline);
            sleep(100);
        }
    }
}
