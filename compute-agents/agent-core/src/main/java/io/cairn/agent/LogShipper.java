package io.cairn.agent;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

/**
 * Buffers one run's stdout and stderr and ships them as log chunks ({@code POST /runs/{id}/logs}), in the order they
 * were written, when a chunk is large enough and when {@link #flush} is called (periodically, and by {@link #close}
 * at the end). A chunk leaves the queue only once the backend has stored it: when the backend cannot be reached or
 * answers 429 or 5xx, the chunk waits for the next flush; {@link #close} retries a few times before giving up.
 */
public class LogShipper {

    static final int MAX_CHUNK = 32_768;
    /** At most this many chunks (8 MiB) wait for a backend that does not answer; the oldest are dropped beyond. */
    static final int MAX_PENDING = 256;

    private record Chunk(String stream, String text) {
    }

    private final CairnClient client;
    private final String runId;
    private final int closeAttempts;
    private final Duration closeBackoff;
    private final Deque<Chunk> pending = new ArrayDeque<>();
    private final StringBuilder buffer = new StringBuilder();
    private String bufferedStream;
    private long dropped;

    public LogShipper(CairnClient client, String runId) {
        this(client, runId, 5, Duration.ofSeconds(1));
    }

    LogShipper(CairnClient client, String runId, int closeAttempts, Duration closeBackoff) {
        this.client = client;
        this.runId = runId;
        this.closeAttempts = closeAttempts;
        this.closeBackoff = closeBackoff;
    }

    public synchronized void append(String stream, String text) {
        if (bufferedStream != null && !bufferedStream.equals(stream)) {
            cut();
        }
        bufferedStream = stream;
        buffer.append(text);
        if (buffer.length() >= MAX_CHUNK) {
            flush();
        }
    }

    /** Ships what is buffered; false when the backend could not take all of it (it stays queued). */
    public synchronized boolean flush() {
        cut();
        while (!pending.isEmpty()) {
            if (!ship(pending.peekFirst())) {
                return false;
            }
            pending.pollFirst();
        }
        return true;
    }

    /** The last flush of an attempt: retried with a pause while the backend is unavailable, then given up. */
    public void close() throws InterruptedException {
        for (int attempt = 1; attempt <= closeAttempts; attempt++) {
            if (flush()) {
                reportDropped();
                return;
            }
            if (attempt < closeAttempts) {
                Thread.sleep(closeBackoff.toMillis());
            }
        }
        synchronized (this) {
            dropped += pending.size();
            pending.clear();
        }
        reportDropped();
    }

    private void cut() {
        while (buffer.length() > 0) {
            int end = Math.min(buffer.length(), MAX_CHUNK);
            pending.addLast(new Chunk(bufferedStream, buffer.substring(0, end)));
            buffer.delete(0, end);
        }
        while (pending.size() > MAX_PENDING) {
            pending.pollFirst();
            dropped++;
        }
    }

    /** True once the chunk is stored, or refused for good (a 4xx other than 429: retrying would not help). */
    private boolean ship(Chunk chunk) {
        CairnClient.Response response;
        try {
            response = client.post("/api/v1/runs/" + runId + "/logs", Map.of("stream", chunk.stream(), "text", chunk.text()));
        } catch (CairnClient.ApiException e) {
            System.err.println("[cairn-agent] could not ship logs of run " + runId + " (will retry): " + e.getMessage());
            return false;
        }
        if (response.ok()) {
            return true;
        }
        boolean retry = response.status() == 429 || response.status() >= 500;
        System.err.println("[cairn-agent] the backend answered " + response.status() + " to logs of run " + runId
                + (retry ? " (will retry)" : "; the chunk is dropped") + ": " + response.body());
        if (!retry) {
            dropped++;
        }
        return !retry;
    }

    private synchronized void reportDropped() {
        if (dropped > 0) {
            System.err.println("[cairn-agent] " + dropped + " log chunk(s) of run " + runId + " could not be shipped");
        }
    }
}
