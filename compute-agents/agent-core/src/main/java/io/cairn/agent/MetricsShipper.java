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
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Follows a run's metrics file (one {@code {"step", "metrics": {key: value}}} line per epoch or iteration, e.g.
 * dl4j's and spark's {@code metrics.jsonl}, or a {@code process} run's {@code $CAIRN_METRICS_FILE}) and posts the
 * complete lines written since the last call as metric batches ({@code POST /runs/{id}/metrics}): consecutive lines
 * share a batch up to {@value #MAX_POINTS} points, so a burst of lines costs a few requests rather than one each.
 * Each batch carries an {@code Idempotency-Key} naming the attempt and the batch's place in the file; a batch the
 * backend could not take is posted again, with the same lines and key, at the next call, so a retry of a batch that
 * was stored after all is recognised and not stored twice.
 */
public class MetricsShipper {

    /** The most points one metric batch of the API holds. */
    static final int MAX_POINTS = 1000;

    private final CairnClient client;
    private final String runId;
    private final int attempt;
    private final Path file;
    /** The file's bytes up to here are shipped. */
    private long offset;
    /** Where the batch that failed ends, so its retry holds the same lines; -1 when none failed. */
    private long retryEnd = -1;

    public MetricsShipper(CairnClient client, String runId, int attempt, Path file) {
        this.client = client;
        this.runId = runId;
        this.attempt = attempt;
        this.file = file;
    }

    /** Posts the lines written since the last call; false when a batch could not be posted (it is tried again). */
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
            long base = offset;
            List<Map<String, Object>> batch = new ArrayList<>();
            int batchStart = 0;
            int lineStart = 0;
            for (int i = 0; i < bytes.length; i++) {
                if (bytes[i] != '\n') {
                    continue;
                }
                String line = new String(bytes, lineStart, i - lineStart, StandardCharsets.UTF_8);
                List<Map<String, Object>> points = points(line, base + lineStart);
                boolean full = !batch.isEmpty() && batch.size() + points.size() > MAX_POINTS;
                boolean failedBefore = retryEnd == base + lineStart && lineStart > batchStart;
                if (full || failedBefore) {
                    if (!post(batch, base + batchStart, base + lineStart)) {
                        return false;
                    }
                    batch = new ArrayList<>();
                    batchStart = lineStart;
                }
                batch.addAll(points);
                lineStart = i + 1;
            }
            return post(batch, base + batchStart, base + lineStart);
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

    /** Posts the batch of the file's bytes {@code from}–{@code to}; on success, the file is shipped up to {@code to}. */
    private boolean post(List<Map<String, Object>> batch, long from, long to) {
        if (to == from) {
            return true;
        }
        if (!batch.isEmpty() && !post(batch, "agent:" + runId + ":" + attempt + ":" + from)) {
            retryEnd = to;
            return false;
        }
        offset = to;
        retryEnd = -1;
        return true;
    }

    private boolean post(List<Map<String, Object>> points, String idempotencyKey) {
        CairnClient.Response answer;
        try {
            answer = client.post("/api/v1/runs/" + runId + "/metrics", Map.of("points", points),
                    Map.of("Idempotency-Key", idempotencyKey));
        } catch (CairnClient.ApiException e) {
            return false;
        }
        if (!answer.ok()) {
            System.err.println("[cairn-agent] the backend answered " + answer.status() + " to metrics of run " + runId
                    + ": " + answer.body());
        }
        return answer.ok() || answer.status() / 100 == 4 && answer.status() != 429;
    }

    /** The points of one line of the file; none (and a word in the agent's log) for a line that is not JSON. */
    private List<Map<String, Object>> points(String text, long position) {
        if (text.isBlank()) {
            return List.of();
        }
        JsonNode line;
        try {
            line = client.json().readTree(text);
        } catch (JacksonException e) {
            System.err.println("[cairn-agent] skipped the line at byte " + position + " of the metrics file of run " + runId
                    + ": not JSON");
            return List.of();
        }
        long step = line.path("step").asLong();
        List<Map<String, Object>> points = new ArrayList<>();
        for (Map.Entry<String, JsonNode> metric : line.path("metrics").properties()) {
            JsonNode value = metric.getValue();
            // the trainer writes NaN/Infinity as text; the API takes them as the strings "NaN", "Infinity"
            Object number = value.isNumber() ? (Object) value.asDouble() : value.asString();
            points.add(Map.of("key", metric.getKey(), "value", number, "step", step));
        }
        return points;
    }
}
