package io.cairn.run.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.support.Api;
import io.cairn.support.ApiTestBase;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class MetricApiTest extends ApiTestBase {

    @Autowired
    EventProcessingConfiguration processing;

    private static List<Map<String, Object>> batch(String key, int fromStep, int count) {
        List<Map<String, Object>> points = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int step = fromStep + i;
            points.add(Map.of("key", key, "value", Math.sin(step / 10.0), "step", step,
                    "timestamp", 1_700_000_000_000L + step));
        }
        return points;
    }

    private int count(String runId, String key) {
        Api.Response history = admin.get("/api/v1/runs/" + runId + "/metrics/" + key + "?maxResults=25000");
        return history.status() == 200 ? history.json().get("points").size() : -1;
    }

    @Test
    void logsBatchesAndReadsHistoryInPages() {
        String runId = createRun(admin, createProject(admin));
        for (int b = 0; b < 3; b++) {
            Api.Response logged = admin.post("/api/v1/runs/" + runId + "/metrics", Map.of("points", batch("train/loss", b * 1000, 1000)));
            assertThat(logged.status()).as(logged.text()).isEqualTo(200);
            assertThat(logged.get("/accepted")).isEqualTo("1000");
        }
        eventually(() -> count(runId, "train/loss") == 3000);

        List<JsonNode> all = new ArrayList<>();
        String token = null;
        do {
            Api.Response page = admin.get("/api/v1/runs/" + runId + "/metrics/train/loss?maxResults=700"
                    + (token == null ? "" : "&pageToken=" + token));
            page.json().get("points").forEach(all::add);
            token = page.get("/nextPageToken");
        } while (token != null);
        assertThat(all).hasSize(3000);
        for (int i = 0; i < all.size(); i++) {
            assertThat(all.get(i).get("step").asLong()).isEqualTo(i);
            assertThat(all.get(i).get("value").asDouble()).isEqualTo(Math.sin(i / 10.0));
            assertThat(all.get(i).get("timestamp").asLong()).isEqualTo(1_700_000_000_000L + i);
        }
        Api.Response run = admin.get("/api/v1/runs/" + runId);
        assertThat(run.json().at("/metrics/train~1loss/step").asLong()).isEqualTo(2999);
        Api.Response latest = admin.get("/api/v1/runs/" + runId + "/metrics");
        assertThat(latest.status()).isEqualTo(200);
        assertThat(latest.json().at("/metrics/train~1loss/step").asLong()).isEqualTo(2999);
    }

    @Test
    void historyReadsSayWhileTheMetricProjectionIsBehindAndBatchesAreStillAccepted() {
        String run = createRun(admin, createProject(admin));
        String history = "/api/v1/runs/" + run + "/metrics/loss";
        assertThat(admin.get(history).header("Cairn-Projection-Behind")).isEqualTo("false");
        TrackingEventProcessor projection = processing
                .eventProcessorByProcessingGroup("run-metrics", TrackingEventProcessor.class).orElseThrow();
        projection.shutDown();
        try {
            Api.Response accepted = admin.post("/api/v1/runs/" + run + "/metrics",
                    Map.of("points", List.of(Map.of("key", "loss", "value", 0.5, "step", 1))));
            assertThat(accepted.status()).as(accepted.text()).isEqualTo(200);
            Api.Response behind = admin.get(history);
            assertThat(behind.header("Cairn-Projection-Behind")).isEqualTo("true");
            assertThat(behind.json().get("points")).isEmpty();
        } finally {
            projection.start();
        }
        eventually(() -> "false".equals(admin.get(history).header("Cairn-Projection-Behind")));
        assertThat(admin.get(history).json().get("points")).hasSize(1);
    }

    @Test
    void downsamplesKeepingExtremes() {
        String runId = createRun(admin, createProject(admin));
        for (int b = 0; b < 10; b++) {
            List<Map<String, Object>> points = batch("acc", b * 1000, 1000);
            if (b == 7) {
                points.set(123, Map.of("key", "acc", "value", 42.0, "step", 7123, "timestamp", 1_700_000_000_000L));
            }
            admin.post("/api/v1/runs/" + runId + "/metrics", Map.of("points", points));
        }
        eventually(() -> count(runId, "acc") == 10_000);
        Api.Response series = admin.get("/api/v1/runs/" + runId + "/metrics/acc?maxPoints=100");
        assertThat(series.status()).isEqualTo(200);
        JsonNode points = series.json().get("points");
        assertThat(points.size()).isLessThanOrEqualTo(100).isGreaterThan(50);
        assertThat(series.get("/totalPoints")).isEqualTo("10000");
        assertThat(series.get("/downsampled")).isEqualTo("true");
        assertThat(points.get(0).get("step").asLong()).isZero();
        assertThat(points.get(points.size() - 1).get("step").asLong()).isEqualTo(9999);
        double max = 0;
        long previous = -1;
        for (JsonNode point : points) {
            max = Math.max(max, point.get("value").asDouble());
            assertThat(point.get("step").asLong()).isGreaterThan(previous);
            previous = point.get("step").asLong();
        }
        assertThat(max).isEqualTo(42.0);
    }

    @Test
    void nonFiniteValuesOnlyAsExplicitStrings() {
        String runId = createRun(admin, createProject(admin));
        List<Map<String, Object>> points = List.of(
                Map.of("key", "gn", "value", "NaN", "step", 1),
                Map.of("key", "gn", "value", "Infinity", "step", 2),
                Map.of("key", "gn", "value", "-Infinity", "step", 3),
                Map.of("key", "gn", "value", 1.5, "step", 4));
        assertThat(admin.post("/api/v1/runs/" + runId + "/metrics", Map.of("points", points)).status()).isEqualTo(200);
        eventually(() -> count(runId, "gn") == 4);
        JsonNode history = admin.get("/api/v1/runs/" + runId + "/metrics/gn").json().get("points");
        assertThat(history.get(0).get("value").asString()).isEqualTo("NaN");
        assertThat(history.get(1).get("value").asString()).isEqualTo("Infinity");
        assertThat(history.get(2).get("value").asString()).isEqualTo("-Infinity");
        assertThat(history.get(3).get("value").asDouble()).isEqualTo(1.5);

        Api.Response bad = assertProblem(admin.post("/api/v1/runs/" + runId + "/metrics",
                Map.of("points", List.of(Map.of("key", "gn", "value", "nan")))), 400);
        assertThat(bad.get("/field")).isEqualTo("points[0].value");
        assertThat(assertProblem(admin.postRaw("/api/v1/runs/" + runId + "/metrics",
                "{\"points\": [{\"key\": \"gn\", \"value\": 1e999}]}"), 400).get("/field")).isEqualTo("points[0].value");
        assertProblem(admin.postRaw("/api/v1/runs/" + runId + "/metrics",
                "{\"points\": [{\"key\": \"gn\", \"value\": NaN}]}"), 400);
    }

    @Test
    void badBatchesAreRefusedAndLoseNothing() {
        String runId = createRun(admin, createProject(admin));
        admin.post("/api/v1/runs/" + runId + "/metrics", Map.of("points", batch("loss", 0, 10)));
        eventually(() -> count(runId, "loss") == 10);

        Api.Response oversized = assertProblem(admin.post("/api/v1/runs/" + runId + "/metrics",
                Map.of("points", batch("loss", 10, 1001))), 400);
        assertThat(oversized.get("/field")).isEqualTo("points");
        assertThat(oversized.get("/detail")).isEqualTo("A batch holds at most 1000 points; got 1001");

        List<Map<String, Object>> badKey = new ArrayList<>(batch("loss", 10, 5));
        badKey.set(3, Map.of("key", "loss<script>", "value", 1));
        assertThat(assertProblem(admin.post("/api/v1/runs/" + runId + "/metrics", Map.of("points", badKey)), 400)
                .get("/field")).isEqualTo("points[3].key");
        assertThat(assertProblem(admin.post("/api/v1/runs/" + runId + "/metrics",
                Map.of("points", List.of(Map.of("key", "k".repeat(251), "value", 1)))), 400).get("/field"))
                .isEqualTo("points[0].key");
        assertThat(assertProblem(admin.post("/api/v1/runs/" + runId + "/metrics", Map.of("points", List.of())), 400)
                .get("/field")).isEqualTo("points");
        assertThat(assertProblem(admin.postRaw("/api/v1/runs/" + runId + "/metrics",
                "{\"points\": [{\"key\": \"loss\", \"value\": 1, \"step\": \"ten\"}]}"), 400).get("/field"))
                .isEqualTo("points[0].step");
        assertThat(assertProblem(admin.post("/api/v1/runs/" + runId + "/metrics",
                Map.of("points", List.of(Map.of("key", "loss", "value", 1, "timestamp", -5)))), 400).get("/field"))
                .isEqualTo("points[0].timestamp");
        assertProblem(admin.post("/api/v1/runs/nope/metrics", Map.of("points", batch("loss", 0, 1))), 404);

        admin.post("/api/v1/runs/" + runId + "/finish", Map.of("status", "FINISHED"));
        assertProblem(admin.post("/api/v1/runs/" + runId + "/metrics", Map.of("points", batch("loss", 10, 1))), 409);
        assertThat(count(runId, "loss")).isEqualTo(10);
        assertThat(assertProblem(admin.get("/api/v1/runs/" + runId + "/metrics/loss?maxPoints=2"), 400).get("/field"))
                .isEqualTo("maxPoints");
        assertProblem(admin.get("/api/v1/runs/" + runId + "/metrics/loss?pageToken=bogus"), 400);
    }

    @Test
    void aRetriedBatchWithTheSameIdempotencyKeyIsANoOp() {
        String runId = createRun(admin, createProject(admin));
        Api keyed = admin.withHeader("Idempotency-Key", "batch-0001");
        Map<String, Object> body = Map.of("points", batch("loss", 0, 100));
        Api.Response first = keyed.post("/api/v1/runs/" + runId + "/metrics", body);
        Api.Response retry = keyed.post("/api/v1/runs/" + runId + "/metrics", body);
        assertThat(first.get("/duplicate")).isEqualTo("false");
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.get("/duplicate")).isEqualTo("true");
        Api.Response misuse = assertProblem(keyed.post("/api/v1/runs/" + runId + "/metrics",
                Map.of("points", batch("loss", 100, 100))), 409);
        assertThat(misuse.get("/field")).isEqualTo("Idempotency-Key");

        // points without timestamps get the time of arrival; resending the same request is still a retry
        Api untimed = admin.withHeader("Idempotency-Key", "batch-0002");
        Map<String, Object> noTimestamps = Map.of("points", List.of(Map.of("key", "loss", "value", 0.5, "step", 100),
                Map.of("key", "loss", "value", 0.4, "step", 101)));
        assertThat(untimed.post("/api/v1/runs/" + runId + "/metrics", noTimestamps).get("/duplicate")).isEqualTo("false");
        Api.Response resent = untimed.post("/api/v1/runs/" + runId + "/metrics", noTimestamps);
        assertThat(resent.status()).as(resent.text()).isEqualTo(200);
        assertThat(resent.get("/duplicate")).isEqualTo("true");
        admin.post("/api/v1/runs/" + runId + "/metrics", Map.of("points", batch("marker", 0, 1)));
        eventually(() -> count(runId, "marker") == 1);
        assertThat(count(runId, "loss")).isEqualTo(102);
    }

    @Test
    void anotherTenantCannotLogOrReadMetrics() {
        String runId = createRun(admin, createProject(admin));
        admin.post("/api/v1/runs/" + runId + "/metrics", Map.of("points", batch("loss", 0, 5)));
        eventually(() -> count(runId, "loss") == 5);
        Api eve = userOf(unique("evil-corp"));
        assertProblem(eve.post("/api/v1/runs/" + runId + "/metrics", Map.of("points", batch("loss", 5, 5))), 404);
        assertProblem(eve.get("/api/v1/runs/" + runId + "/metrics/loss"), 404);
        assertProblem(eve.get("/api/v1/runs/" + runId + "/metrics/loss?maxPoints=10"), 404);
        assertProblem(eve.get("/api/v1/runs/" + runId + "/metrics"), 404);
        admin.post("/api/v1/runs/" + runId + "/metrics", Map.of("points", batch("marker", 0, 1)));
        eventually(() -> count(runId, "marker") == 1);
        assertThat(count(runId, "loss")).isEqualTo(5);
    }

    @Test
    void latestValueIsTheHighestStep() {
        String runId = createRun(admin, createProject(admin));
        Map<String, Object> late = new HashMap<>(Map.of("key", "acc", "value", 0.9, "step", 10));
        Map<String, Object> early = new HashMap<>(Map.of("key", "acc", "value", 0.1, "step", 2));
        admin.post("/api/v1/runs/" + runId + "/metrics", Map.of("points", List.of(late)));
        admin.post("/api/v1/runs/" + runId + "/metrics", Map.of("points", List.of(early)));
        eventually(() -> count(runId, "acc") == 2);
        assertThat(admin.get("/api/v1/runs/" + runId).json().at("/metrics/acc/value").asDouble()).isEqualTo(0.9);
    }
}
