package io.cairn;

import static io.cairn.support.CairnProcess.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.support.Api;
import io.cairn.support.CairnProcess;
import io.cairn.support.MetricHistory;
import io.cairn.support.TestServers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * The cluster profile's durability promise under the harshest stop: one Cairn, ingesting 1,000,000 points (1,000
 * batches of 1,000) from two clients, is killed with SIGKILL halfway and started again. Every batch Cairn
 * acknowledged is then in the event store exactly once and all its points are in Cassandra exactly once; a batch
 * it did not acknowledge is there completely or not at all, and sending it again with its {@code Idempotency-Key}
 * completes the runs without a duplicate.
 */
@EnabledIfSystemProperty(named = "cairn.test.postgres", matches = ".+")
class SigkillDuringIngestionTest {

    private static final int RUNS = 4;
    private static final int BATCHES = 250;
    private static final int POINTS = 1_000;
    private static final String METRICS_LOGGED = "cairn.run.MetricsLogged";

    @TempDir
    Path dir;

    private CairnProcess cairn;

    @AfterEach
    void stop() {
        if (cairn != null) {
            cairn.close();
        }
    }

    @Test
    void everyAcknowledgedPointSurvivesASigkillExactlyOnce() throws Exception {
        String unique = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String database = TestServers.postgresUrl().orElseThrow();
        cairn = CairnProcess.start(List.of("--spring.datasource.url=" + database,
                "--cairn.kafka.topic=cairn.events.kill-" + unique, "--cairn.cassandra.keyspace=cairn_kill_" + unique,
                "--cairn.elasticsearch.index-prefix=kill-" + unique + "-", "--cairn.oidc.issuer=http://cairn.test"), dir);
        Api api = new Api(cairn.port(), Files.readString(dir.resolve("bootstrap-token")).trim());
        String project = api.post("/api/v1/projects", Map.of("name", "kill-" + unique)).get("/id");
        List<String> runs = new ArrayList<>();
        for (int r = 0; r < RUNS; r++) {
            runs.add(api.post("/api/v1/runs", Map.of("projectId", project)).get("/id"));
        }

        // two clients, two runs each, batches in order; Cairn dies by SIGKILL once half the batches are acknowledged
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger count = new AtomicInteger();
        List<String> refused = new CopyOnWriteArrayList<>();
        Thread killer = new Thread(() -> {
            try {
                while (count.get() < RUNS * BATCHES / 2 && refused.isEmpty()) {
                    Thread.sleep(1);
                }
                cairn.kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        killer.start();
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < 2; c++) {
            List<String> mine = runs.subList(c * 2, c * 2 + 2);
            clients.add(new Thread(() -> {
                for (int batch = 0; batch < BATCHES; batch++) {
                    for (String run : mine) {
                        try {
                            Api.Response logged = log(api, run, batch);
                            if (logged.status() != 200) {
                                refused.add(logged.status() + " " + logged.text());
                                return;
                            }
                        } catch (RuntimeException connectionLost) {
                            return;
                        }
                        acknowledged.add(key(run, batch));
                        count.incrementAndGet();
                    }
                }
            }));
        }
        clients.forEach(Thread::start);
        for (Thread client : clients) {
            client.join();
        }
        killer.join();
        assertThat(refused).as("batches refused while Cairn was up").isEmpty();
        assertThat(cairn.isAlive()).isFalse();
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(RUNS * BATCHES / 2).hasSizeLessThan(RUNS * BATCHES);

        cairn.restart();
        for (String run : runs) {
            Map<Integer, Integer> stored = storedBatches(api, run);
            Set<Integer> logged = loggedBatches(database, run);
            assertThat(stored.keySet()).as("batches of run %s in Cassandra and in the event store", run)
                    .isEqualTo(logged);
            stored.forEach((batch, points) -> assertThat(points).as("points of batch %d of run %s", batch, run)
                    .isEqualTo(POINTS));
            for (int batch = 0; batch < BATCHES; batch++) {
                if (acknowledged.contains(key(run, batch))) {
                    assertThat(logged).as("acknowledged batch %d of run %s", batch, run).contains(batch);
                }
            }
        }

        // the clients carry on after the restart: what was not acknowledged is sent again, with the same key, and
        // so is the last acknowledged batch of each run, which must not be stored twice
        for (String run : runs) {
            boolean resentAcknowledged = false;
            for (int batch = BATCHES - 1; batch >= 0; batch--) {
                boolean wasAcknowledged = acknowledged.contains(key(run, batch));
                if (!wasAcknowledged || !resentAcknowledged) {
                    Api.Response logged = log(api, run, batch);
                    assertThat(logged.status()).as(logged.text()).isEqualTo(200);
                    resentAcknowledged |= wasAcknowledged;
                }
            }
        }
        for (String run : runs) {
            Map<Integer, Integer> stored = storedBatches(api, run);
            assertThat(stored).as("run %s complete", run).hasSize(BATCHES);
            assertThat(stored.values()).containsOnly(POINTS);
            assertThat(loggedBatches(database, run)).hasSize(BATCHES);
        }
    }

    private static Api.Response log(Api api, String run, int batch) {
        List<Map<String, Object>> points = new ArrayList<>(POINTS);
        for (int i = 0; i < POINTS; i++) {
            long step = (long) batch * POINTS + i;
            points.add(Map.of("key", "loss", "value", 1.0 / (step + 1), "step", step));
        }
        return api.withHeader("Idempotency-Key", key(run, batch))
                .post("/api/v1/runs/" + run + "/metrics", Map.of("points", points));
    }

    private static String key(String run, int batch) {
        return run + "-" + batch;
    }

    /** Batch number → points of it in the metric store (Cassandra), once the projection has caught up. */
    private static Map<Integer, Integer> storedBatches(Api api, String run) throws InterruptedException {
        waitFor(Duration.ofSeconds(120), "run " + run + " projected", () ->
                "false".equals(api.get("/api/v1/runs/" + run + "/metrics/loss?maxResults=1")
                        .header("Cairn-Projection-Behind")));
        List<Long> steps = MetricHistory.steps(api, run, "loss");
        assertThat(new HashSet<>(steps)).as("distinct steps of run %s", run).hasSize(steps.size());
        Map<Integer, Integer> batches = new TreeMap<>();
        steps.forEach(step -> batches.merge((int) (step / POINTS), 1, Integer::sum));
        return batches;
    }

    /** The batches of the run's {@code MetricsLogged} events in the event store; fails on a batch stored twice. */
    private static Set<Integer> loggedBatches(String database, String run) throws Exception {
        Set<Integer> batches = new TreeSet<>();
        JsonMapper json = JsonMapper.builder().build();
        try (Connection connection = DriverManager.getConnection(database, TestServers.user(), TestServers.password());
             PreparedStatement query = connection.prepareStatement(
                     "SELECT payload FROM domainevententry WHERE aggregateidentifier = ? AND payloadtype = ?")) {
            query.setString(1, run);
            query.setString(2, METRICS_LOGGED);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    long firstStep = json.readTree(new String(rows.getBytes(1), StandardCharsets.UTF_8))
                            .get("steps").get(0).asLong();
                    assertThat(batches.add((int) (firstStep / POINTS)))
                            .as("batch %d of run %s stored once in the event store", firstStep / POINTS, run).isTrue();
                }
            }
        }
        return batches;
    }
}
