package io.cairn.agent;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/**
 * Follows a training JVM's metrics file (one {@code {"step", "metrics": {key: value}}} line per epoch or iteration,
 * e.g. dl4j's and spark's {@code metrics.jsonl}) and posts each complete line as one metric batch
 * ({@code POST /runs/{id}/metrics}) with its step. A line the backend could not take is posted again at the next call.
 */
public class MetricsShipper {

    private final CairnClient client;
    private final String runId;
    private final Path file;
    private long offset;

    public MetricsShipper(CairnClient client, String runId, Path file) {
        this.client = client;
        this.runId = runId;
        this.file = file;
    }

    /** Posts the lines written since the last call; false when one could not be posted (it is tried again). */
    public synchronized boolean ship() {
        if (!Files.exists(file)) {
            return true;
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            if (in.length() <= offset) {
                return true;
            }
            byte[] bytes = new byte[(int) (in.length() - offset)];
            in.seek(offset);
            in.readFully(bytes);
            int start = 0;
            for (int i = 0; i < bytes.length; i++) {
                if (bytes[i] != '\n') {
                    continue;
                }
                String line = new String(bytes, start, i - start, StandardCharsets.UTF_8);
                if (!line.isBlank() && !post(client.json().readTree(line))) {
                    return false;
                }
                offset += i + 1 - start;
                start = i + 1;
            }
            return true;
        } catch (IOException | RuntimeException e) {
            System.err.println("[cairn-agent] could not ship metrics of run " + runId + ": " + e.getMessage());
            return false;
        }
    }

    /**
     * Runs the process to its end while shipping the file's new lines every half second, then ships the rest
     * (logging when some could not be shipped).
     */
    public RunExecutor.Outcome shipWhile(ProcessExecution process) throws IOException, InterruptedException {
        // Stopped by a latch, never interrupted: an interrupt would abort a batch's POST half-way.
        CountDownLatch ended = new CountDownLatch(1);
        Thread shipper = Agent.daemon("metrics-" + runId, () -> {
            try {
                while (!ended.await(500, TimeUnit.MILLISECONDS)) {
                    ship();
                }
            } catch (InterruptedException stop) {
                Thread.currentThread().interrupt();
            }
        });
        RunExecutor.Outcome outcome;
        try {
            outcome = process.run();
        } finally {
            ended.countDown();
            shipper.join();
        }
        if (!ship()) {
            System.err.println("[cairn-agent] some metrics of run " + runId + " could not be shipped");
        }
        return outcome;
    }

    private boolean post(JsonNode line) {
        long step = line.path("step").asLong();
        List<Map<String, Object>> points = new ArrayList<>();
        for (Map.Entry<String, JsonNode> metric : line.path("metrics").properties()) {
            JsonNode value = metric.getValue();
            // the trainer writes NaN/Infinity as text; the API takes them as the strings "NaN", "Infinity"
            Object number = value.isNumber() ? (Object) value.asDouble() : value.asString();
            points.add(Map.of("key", metric.getKey(), "value", number, "step", step));
        }
        if (points.isEmpty()) {
            return true;
        }
        CairnClient.Response answer;
        try {
            answer = client.post("/api/v1/runs/" + runId + "/metrics", Map.of("points", points));
        } catch (CairnClient.ApiException e) {
            return false;
        }
        if (!answer.ok()) {
            System.err.println("[cairn-agent] the backend answered " + answer.status() + " to metrics of run " + runId
                    + ": " + answer.body());
        }
        return answer.ok() || answer.status() / 100 == 4 && answer.status() != 429;
    }
}
