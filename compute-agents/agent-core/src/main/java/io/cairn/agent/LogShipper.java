package io.cairn.agent;

import java.util.Map;

/**
 * Buffers one run's stdout and stderr and ships them as log chunks ({@code POST /runs/{id}/logs}) when a chunk is
 * large enough, when {@link #flush} is called (periodically and at the end) — in the order they were written.
 */
class LogShipper {

    static final int MAX_CHUNK = 32_768;

    private final CairnClient client;
    private final String runId;
    private final StringBuilder buffer = new StringBuilder();
    private String bufferedStream;

    LogShipper(CairnClient client, String runId) {
        this.client = client;
        this.runId = runId;
    }

    synchronized void append(String stream, String text) {
        if (bufferedStream != null && !bufferedStream.equals(stream)) {
            flush();
        }
        bufferedStream = stream;
        buffer.append(text);
        if (buffer.length() >= MAX_CHUNK) {
            flush();
        }
    }

    synchronized void flush() {
        while (buffer.length() > 0) {
            int end = Math.min(buffer.length(), MAX_CHUNK);
            String chunk = buffer.substring(0, end);
            buffer.delete(0, end);
            try {
                client.post("/api/v1/runs/" + runId + "/logs", Map.of("stream", bufferedStream, "text", chunk));
            } catch (CairnClient.ApiException e) {
                System.err.println("[cairn-agent] could not ship logs of run " + runId + ": " + e.getMessage());
            }
        }
    }
}
