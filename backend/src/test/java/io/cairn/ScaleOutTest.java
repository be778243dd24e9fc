package io.cairn;

import static io.cairn.support.CairnProcess.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.support.Api;
import io.cairn.support.CairnProcess;
import io.cairn.support.MetricHistory;
import io.cairn.support.TestServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Scale-out on the cluster profile's servers: two instances share one PostgreSQL database, Kafka topic, Cassandra
 * keyspace and Elasticsearch index. Instance A runs in this JVM, instance B in a JVM of its own. The segmented
 * projections' segments are split between them; metric batches go through both; B is killed with SIGKILL during
 * ingestion and its client fails over to A with the same {@code Idempotency-Key}. A takes B's segments over, and
 * every acknowledged batch is in the event log once and every point in the metric store once.
 */
@EnabledIfSystemProperty(named = "cairn.test.postgres", matches = ".+")
class ScaleOutTest {

    private static final int RUNS = 6;
    private static final int BATCHES = 40;
    private static final int POINTS = 500;

    @TempDir
    Path dirA;

    @TempDir
    Path dirB;

    private ConfigurableApplicationContext instanceA;
    private CairnProcess instanceB;

    @AfterEach
    void stop() {
        if (instanceB != null) {
            instanceB.close();
        }
        if (instanceA != null) {
            instanceA.close();
        }
    }

    @Test
    void twoInstancesShareTheSegmentsAndTheSurvivorOfASigkillTakesThemOverLosingNothing() throws Exception {
        String unique = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        List<String> shared = new ArrayList<>(List.of("--cairn.processing.segments=2",
                "--cairn.processing.node-heartbeat=1s", "--cairn.processing.node-timeout=4s",
                "--cairn.kafka.topic=cairn.events.scale-" + unique, "--cairn.cassandra.keyspace=cairn_scale_" + unique,
                "--cairn.elasticsearch.index-prefix=scale-" + unique + "-", "--cairn.oidc.issuer=http://cairn.test"));
        TestServers.postgresUrl().ifPresent(url -> shared.add("--spring.datasource.url=" + url));
        TestServers.kafka().ifPresent(servers -> shared.add("--cairn.kafka.bootstrap-servers=" + servers));
        TestServers.cassandra().ifPresent(nodes -> shared.add("--cairn.cassandra.contact-points=" + nodes));
        TestServers.elasticsearch().ifPresent(url -> shared.add("--cairn.elasticsearch.url=" + url));

        List<String> argsA = new ArrayList<>(shared);
        argsA.addAll(List.of("--cairn.data-dir=" + dirA, "--server.port=0"));
        instanceA = new SpringApplicationBuilder(CairnApplication.class).run(argsA.toArray(String[]::new));
        String token = Files.readString(dirA.resolve("bootstrap-token")).trim();
        Api a = new Api(((WebServerApplicationContext) instanceA).getWebServer().getPort(), token);

        instanceB = CairnProcess.start(shared, dirB);
        Api b = new Api(instanceB.port(), token);
        String ownerB = instanceB.ownerPrefix();
        waitFor(Duration.ofSeconds(60), "the segments split between A and B", () ->
                owners(a, "run-metrics").stream().anyMatch(o -> o != null && o.startsWith(ownerB))
                        && owners(a, "run-metrics").stream().anyMatch(o -> o != null && !o.startsWith(ownerB)));

        List<String> runs = new ArrayList<>();
        String project = a.post("/api/v1/projects", Map.of("name", "scale-" + unique)).get("/id");
        for (int r = 0; r < RUNS; r++) {
            runs.add(b.post("/api/v1/runs", Map.of("projectId", project)).get("/id"));
        }
        // B dies by SIGKILL about a third into the ingestion, whatever it is doing at that moment
        AtomicInteger acknowledged = new AtomicInteger();
        Thread killer = new Thread(() -> {
            try {
                while (acknowledged.get() < RUNS * BATCHES / 3) {
                    Thread.sleep(1);
                }
                instanceB.kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        killer.start();
        int failedOver = 0;
        for (int batch = 0; batch < BATCHES; batch++) {
            for (int r = 0; r < RUNS; r++) {
                Map<String, Object> body = Map.of("points", points(batch));
                Api viaB = b.withHeader("Idempotency-Key", runs.get(r) + "-" + batch);
                Api.Response logged = null;
                if ((batch + r) % 2 == 0 && instanceB.isAlive()) {
                    try {
                        logged = viaB.post("/api/v1/runs/" + runs.get(r) + "/metrics", body);
                    } catch (RuntimeException connectionLost) {
                        logged = null;
                    }
                }
                if (logged == null || logged.status() != 200) {
                    // not acknowledged by B (or not sent to it): the client sends it to A with the same key
                    failedOver += logged == null ? 0 : 1;
                    logged = a.withHeader("Idempotency-Key", runs.get(r) + "-" + batch)
                            .post("/api/v1/runs/" + runs.get(r) + "/metrics", body);
                }
                assertThat(logged.status()).as("batch %d of run %d: %s", batch, r, logged.text()).isEqualTo(200);
                acknowledged.incrementAndGet();
            }
        }
        killer.join();
        assertThat(instanceB.isAlive()).isFalse();

        for (String projection : List.of("runs", "run-metrics", "search", "audit")) {
            waitFor(Duration.ofSeconds(60), "A holds every segment of " + projection, () ->
                    owners(a, projection).stream().allMatch(o -> o != null && !o.startsWith(ownerB)));
        }
        for (String run : runs) {
            waitFor(Duration.ofSeconds(60), "run " + run + " projected", () ->
                    "false".equals(a.get("/api/v1/runs/" + run + "/metrics/loss?maxResults=1")
                            .header("Cairn-Projection-Behind")));
            List<Long> stored = MetricHistory.steps(a, run, "loss");
            int points = stored.size();
            Set<Long> steps = new HashSet<>(stored);
            assertThat(points).as("points of run %s in the metric store", run).isEqualTo(BATCHES * POINTS);
            assertThat(steps).as("distinct steps of run %s", run).hasSize(BATCHES * POINTS);
            JsonNode events = a.get("/api/v1/runs/" + run).json();
            assertThat(events.get("metrics").get("loss").get("step").asLong()).isEqualTo(BATCHES * POINTS - 1L);
        }
        assertThat(failedOver).as("requests refused by B before it died").isZero();
    }

    private static List<Map<String, Object>> points(int batch) {
        List<Map<String, Object>> points = new ArrayList<>(POINTS);
        for (int i = 0; i < POINTS; i++) {
            long step = (long) batch * POINTS + i;
            points.add(Map.of("key", "loss", "value", 1.0 / (step + 1), "step", step));
        }
        return points;
    }

    private static List<String> owners(Api api, String projection) {
        Api.Response status = api.get("/api/v1/admin/projections/" + projection);
        assertThat(status.status()).as(status.text()).isEqualTo(200);
        List<String> owners = new ArrayList<>();
        status.json().get("segments").forEach(segment -> {
            JsonNode owner = segment.get("owner");
            owners.add(owner == null || owner.isNull() ? null : owner.asString());
        });
        return owners;
    }
}
