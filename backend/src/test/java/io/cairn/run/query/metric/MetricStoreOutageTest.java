package io.cairn.run.query.metric;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.CairnApplication;
import io.cairn.support.Api;
import io.cairn.support.MetricHistory;
import io.cairn.support.TcpGate;
import io.cairn.support.TestServers;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Cassandra away during ingestion: an application of its own whose only Cassandra node is reached through a
 * {@link TcpGate}. While the gate is closed, metric batches are still accepted (the event log is the truth),
 * history reads answer 503 problem+json saying the projection is behind, and health stays UP. Once the gate
 * opens, the {@code run-metrics} projection retries and catches up: every acknowledged point is in Cassandra
 * exactly once.
 */
@EnabledIfSystemProperty(named = "cairn.test.cassandra", matches = ".+")
class MetricStoreOutageTest {

    private static final int BATCH = 1000;

    @TempDir
    Path dataDir;

    private final TcpGate gate = new TcpGate(URI.create("http://" + TestServers.cassandra().orElseThrow()));
    private ConfigurableApplicationContext application;
    private Api admin;

    @BeforeEach
    void start() throws IOException {
        gate.open();
        String unique = UUID.randomUUID().toString().replace("-", "");
        List<String> args = new ArrayList<>(List.of("--cairn.data-dir=" + dataDir, "--server.port=0",
                "--cairn.metrics.store=cassandra", "--cairn.cassandra.contact-points=" + gate.url().getAuthority(),
                "--cairn.cassandra.keyspace=cairn_outage_" + unique.substring(0, 12),
                "--cairn.cassandra.request-timeout=5s"));
        TestServers.postgresUrl().ifPresent(url -> args.add("--spring.datasource.url=" + url));
        TestServers.kafka().ifPresent(servers -> args.add("--cairn.kafka.topic=cairn.events.test-" + unique));
        application = new SpringApplicationBuilder(CairnApplication.class).run(args.toArray(String[]::new));
        int port = ((WebServerApplicationContext) application).getWebServer().getPort();
        admin = new Api(port, Files.readString(dataDir.resolve("bootstrap-token")).trim());
    }

    @AfterEach
    void stop() throws IOException {
        application.close();
        gate.close();
    }

    @Test
    void ingestionGoesOnWhileCassandraIsAwayAndTheProjectionCatchesUpWithoutLossOrDuplicates() throws IOException {
        Api.Response project = admin.post("/api/v1/projects", Map.of("name", "outage-" + UUID.randomUUID()));
        assertThat(project.status()).as(project.text()).isEqualTo(201);
        Api.Response run = admin.post("/api/v1/runs", Map.of("projectId", project.get("/id")));
        String metrics = "/api/v1/runs/" + run.get("/id") + "/metrics";

        int batches = 0;
        for (; batches < 10; batches++) {
            log(metrics, batches);
        }
        waitFor(Duration.ofSeconds(30), () -> "false".equals(admin.get(metrics + "/loss").header("Cairn-Projection-Behind")));

        gate.close();
        for (; batches < 30; batches++) {
            log(metrics, batches);
        }
        Api.Response history = admin.get(metrics + "/loss?maxResults=10");
        assertThat(history.status()).as(history.text()).isEqualTo(503);
        assertThat(history.isProblem()).isTrue();
        assertThat(history.header("Cairn-Projection-Behind")).isEqualTo("true");
        assertThat(history.text()).contains("Cassandra").doesNotContain("Exception");
        Api.Response run2 = admin.get("/api/v1/runs/" + run.get("/id"));
        assertThat(run2.status()).as("reads of the run itself go on").isEqualTo(200);
        Api.Response health = admin.withToken(null).get("/actuator/health");
        assertThat(health.get("/status")).as(health.text()).isEqualTo("UP");

        gate.open();
        // the projection retries with back-off (1 s, 2 s, 4 s, … at most 60 s between tries)
        waitFor(Duration.ofSeconds(120), () -> {
            Api.Response page = admin.get(metrics + "/loss?maxResults=1");
            return page.status() == 200 && "false".equals(page.header("Cairn-Projection-Behind"));
        });
        List<Long> stored = MetricHistory.steps(admin, run.get("/id"), "loss");
        int points = stored.size();
        Set<Long> steps = new HashSet<>(stored);
        assertThat(points).as("points read back").isEqualTo(batches * BATCH);
        assertThat(steps).as("distinct steps").hasSize(batches * BATCH);
    }

    private void log(String metrics, int batch) {
        List<Map<String, Object>> points = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            long step = (long) batch * BATCH + i;
            points.add(Map.of("key", "loss", "value", 1.0 / (step + 1), "step", step, "timestamp", 1_790_000_000_000L + step));
        }
        Api.Response logged = admin.post(metrics, Map.of("points", points));
        assertThat(logged.status()).as("batch %d: %s", batch, logged.text()).isEqualTo(200);
    }

    private static void waitFor(Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within " + timeout).isLessThan(deadline);
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
