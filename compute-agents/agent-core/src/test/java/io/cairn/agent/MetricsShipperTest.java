package io.cairn.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Metric shipping against a real HTTP server that answers what each test scripts. */
class MetricsShipperTest {

    /** One POST the server received: its Idempotency-Key, the points' steps and how many points. */
    record Posted(String key, long firstStep, long lastStep, int points, int status) {
    }

    private final List<Posted> posted = new CopyOnWriteArrayList<>();
    private ScriptedBackend backend;
    private CairnClient client;
    @TempDir
    Path dir;
    private Path file;

    @BeforeEach
    void startServer() throws IOException {
        backend = new ScriptedBackend("/api/v1/runs/r-1/metrics", "{\"accepted\":1}", request -> {
            JsonNode points = request.body().get("points");
            posted.add(new Posted(request.idempotencyKey(), points.get(0).get("step").asLong(),
                    points.get(points.size() - 1).get("step").asLong(), points.size(), request.status()));
        });
        client = backend.client();
        file = dir.resolve("metrics.jsonl");
    }

    @AfterEach
    void stopServer() {
        backend.close();
    }

    private void write(int fromStep, int toStep, int keys) throws IOException {
        StringBuilder lines = new StringBuilder();
        for (int step = fromStep; step < toStep; step++) {
            lines.append("{\"step\": ").append(step).append(", \"metrics\": {");
            for (int k = 0; k < keys; k++) {
                lines.append(k == 0 ? "" : ", ").append("\"k").append(k).append("\": ").append(step * 0.5);
            }
            lines.append("}}\n");
        }
        append(lines.toString());
    }

    private void append(String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Test
    void aBurstOfLinesIsShippedInBatchesOfAtMostAThousandPointsEachWithItsOwnKey() throws IOException {
        write(0, 250, 10);
        MetricsShipper shipper = new MetricsShipper(client, "r-1", 2, file);
        assertThat(shipper.ship()).isTrue();
        assertThat(posted).extracting(Posted::points).containsExactly(1000, 1000, 500);
        assertThat(posted).extracting(Posted::firstStep).containsExactly(0L, 100L, 200L);
        assertThat(posted).extracting(Posted::lastStep).containsExactly(99L, 199L, 249L);
        assertThat(posted).extracting(Posted::key).doesNotHaveDuplicates()
                .allSatisfy(key -> assertThat(key).startsWith("agent:r-1:2:"));
        assertThat(posted.get(0).key()).isEqualTo("agent:r-1:2:0");
        assertThat(shipper.ship()).isTrue();
        assertThat(posted).hasSize(3); // nothing new, nothing posted
    }

    @Test
    void aBatchTheBackendDidNotTakeIsRetriedWithTheSameLinesAndKeyBeforeLaterLines() throws IOException {
        write(0, 5, 2);
        MetricsShipper shipper = new MetricsShipper(client, "r-1", 1, file);
        backend.answer(503);
        assertThat(shipper.ship()).isFalse();
        write(5, 8, 2);
        assertThat(shipper.ship()).isTrue();
        assertThat(posted).hasSize(3);
        Posted failed = posted.get(0);
        Posted retried = posted.get(1);
        assertThat(failed.status()).isEqualTo(503);
        assertThat(retried).isEqualTo(new Posted(failed.key(), 0, 4, 10, 200));
        assertThat(posted.get(2)).extracting(Posted::firstStep, Posted::lastStep, Posted::points).containsExactly(5L, 7L, 6);
    }

    @Test
    void aLineNotYetCompleteWaitsAndALineThatIsNotJsonIsSkipped() throws IOException {
        write(0, 2, 1);
        append("not json\n{\"step\": 2, \"metrics\": {\"k0\": 1.0}}\n{\"step\": 3, \"metr");
        MetricsShipper shipper = new MetricsShipper(client, "r-1", 1, file);
        assertThat(shipper.ship()).isTrue();
        assertThat(posted).extracting(Posted::firstStep, Posted::lastStep, Posted::points)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0L, 2L, 3));
        append("ics\": {\"k0\": 2.0}}\n");
        assertThat(shipper.ship()).isTrue();
        assertThat(posted).hasSize(2);
        assertThat(posted.get(1)).extracting(Posted::firstStep, Posted::points).containsExactly(3L, 1);
    }

    @Test
    void aBatchTheBackendRefusesIsNotRetried() throws IOException {
        write(0, 3, 1);
        MetricsShipper shipper = new MetricsShipper(client, "r-1", 1, file);
        backend.answer(400);
        assertThat(shipper.ship()).isTrue();
        write(3, 4, 1);
        assertThat(shipper.ship()).isTrue();
        assertThat(posted).extracting(Posted::firstStep, Posted::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple(0L, 400), org.assertj.core.groups.Tuple.tuple(3L, 200));
    }
}
