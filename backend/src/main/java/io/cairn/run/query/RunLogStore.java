package io.cairn.run.query;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The stdout and stderr of runs as numbered chunks, appended by whoever executes the run (a compute agent). Logs are
 * operational output, not history: they live in {@code run_log_chunks}, outside the event log, and survive replays.
 */
@Component
public class RunLogStore {

    /** A chunk of a run's output; {@code seq} numbers the chunks of a run from 1. */
    public record LogChunk(long seq, String stream, String text, long time) {
    }

    private final JdbcClient jdbc;

    public RunLogStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Appends a chunk and answers its sequence number. */
    public long append(String tenantId, String runId, String stream, String text, long time) {
        for (int attempt = 0; ; attempt++) {
            long seq = jdbc.sql("SELECT COALESCE(MAX(seq), 0) + 1 FROM run_log_chunks WHERE tenant_id = ? AND run_id = ?")
                    .params(tenantId, runId).query(Long.class).single();
            try {
                jdbc.sql("INSERT INTO run_log_chunks (tenant_id, run_id, seq, stream, text, logged_time) VALUES (?, ?, ?, ?, ?, ?)")
                        .params(tenantId, runId, seq, stream, text, time).update();
                return seq;
            } catch (DuplicateKeyException concurrentAppend) {
                if (attempt == 10) {
                    throw concurrentAppend;
                }
            }
        }
    }

    /** Chunks after {@code afterSeq} in order (at most {@code limit}), or, with {@code tail}, the last {@code limit}. */
    public List<LogChunk> read(String tenantId, String runId, String stream, long afterSeq, int limit, boolean tail) {
        String streamCondition = stream == null ? "" : " AND stream = ?";
        List<Object> params = new ArrayList<>(List.of(tenantId, runId, afterSeq));
        if (stream != null) {
            params.add(stream);
        }
        params.add(limit);
        List<LogChunk> chunks = new ArrayList<>(jdbc.sql("SELECT seq, stream, text, logged_time FROM run_log_chunks"
                        + " WHERE tenant_id = ? AND run_id = ? AND seq > ?" + streamCondition
                        + " ORDER BY seq " + (tail ? "DESC" : "ASC") + " LIMIT ?")
                .params(params)
                .query((rs, n) -> new LogChunk(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4)))
                .list());
        if (tail) {
            Collections.reverse(chunks);
        }
        return chunks;
    }
}
