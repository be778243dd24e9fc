package io.cairn.search.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.support.Api;
import io.cairn.support.ApiTestBase;
import io.cairn.support.TcpGate;
import io.cairn.support.TestServers;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The cluster profile's search with Elasticsearch away: an application of its own whose Elasticsearch URL
 * is a {@link TcpGate}, closed (connection refused). Searches answer 503 problem+json quickly, writes and
 * reads go on, health stays UP, and the {@code search} projection retries the unindexed events instead of
 * skipping them. With a real server ({@code -Dcairn.test.elasticsearch}), the gate then opens and the
 * index catches up with what was written meanwhile.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SearchUnavailableTest {

    private static final Path DATA_DIR = createDataDir();
    private static final TcpGate GATE = new TcpGate(URI.create(TestServers.elasticsearch()
            .orElse("http://127.0.0.1:19200")));

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        String unique = UUID.randomUUID().toString().replace("-", "");
        ApiTestBase.applicationProperties(registry, DATA_DIR, "cairn.events.test-" + unique, "cairn_test_" + unique);
        registry.add("cairn.global-search.engine", () -> "elasticsearch");
        registry.add("cairn.elasticsearch.url", () -> GATE.url().toString());
        registry.add("cairn.elasticsearch.index-prefix", () -> "fault-" + unique.substring(0, 8) + "-");
        registry.add("cairn.elasticsearch.connect-timeout", () -> "500ms");
    }

    @AfterAll
    static void closeGate() throws IOException {
        GATE.close();
    }

    @Test
    void searchAnswers503WhileElasticsearchIsAwayAndTheIndexCatchesUpAfterwards() throws IOException {
        Api admin = new Api(port, Files.readString(DATA_DIR.resolve("bootstrap-token")).trim());
        String word = "outage" + UUID.randomUUID().toString().substring(0, 8);

        Api.Response created = admin.post("/api/v1/projects", Map.of("name", word));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String project = created.get("/id");
        assertThat(admin.get("/api/v1/projects/" + project).status()).isEqualTo(200);

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
        GATE.open();
        // the processor retries with back-off (1 s, 2 s, 4 s, … at most 60 s between tries)
        waitFor(Duration.ofSeconds(90), () -> admin.get("/api/v1/search?q=" + word).text().contains(project));
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

    private static Path createDataDir() {
        try {
            return Files.createTempDirectory("cairn-test-search-fault-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
