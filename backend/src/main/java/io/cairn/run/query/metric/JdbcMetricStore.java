package io.cairn.run.query.metric;

import io.cairn.run.api.MetricPoint;
import io.cairn.run.query.metric.ChunkedSeries.Chunk;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Metric series in the {@code metric_chunks} table beside the other read models ({@code cairn.metrics.store=jdbc},
 * the default): one row per (batch, key) holding that batch's points of the key in binary, so a 1000-point
 * batch is a handful of rows and a 100,000-point series a few hundred.
 */
@Component
@ConditionalOnProperty(name = "cairn.metrics.store", havingValue = "jdbc", matchIfMissing = true)
public class JdbcMetricStore implements MetricStore {

    private static final int CHUNKS_PER_QUERY = 64;

    private final JdbcTemplate jdbc;

    public JdbcMetricStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public CompletableFuture<Void> appendAsync(String tenantId, String runId, long batchSeq, List<MetricPoint> points) {
        List<Object[]> rows = new ArrayList<>();
        ChunkedSeries.byKey(points).forEach((key, series) -> {
            long minStep = series.stream().mapToLong(MetricPoint::step).min().orElseThrow();
            long maxStep = series.stream().mapToLong(MetricPoint::step).max().orElseThrow();
            rows.add(new Object[] {tenantId, runId, key, batchSeq, series.size(), minStep, maxStep,
                    MetricChunk.encode(series)});
        });
        jdbc.batchUpdate("""
                INSERT INTO metric_chunks (tenant_id, run_id, metric_key, batch_seq, point_count, min_step, max_step, points)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""", rows);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public HistoryPage history(String tenantId, String runId, String key, String pageToken, int maxResults) {
        return ChunkedSeries.history(key, pageToken, maxResults, CHUNKS_PER_QUERY, (fromSeq, limit) -> jdbc.query("""
                        SELECT batch_seq, points FROM metric_chunks
                        WHERE tenant_id = ? AND run_id = ? AND metric_key = ? AND batch_seq >= ?
                        ORDER BY batch_seq LIMIT ?""",
                (rs, n) -> new Chunk(rs.getLong(1), rs.getBytes(2)), tenantId, runId, key, fromSeq, limit));
    }

    @Override
    public Series downsampled(String tenantId, String runId, String key, int maxPoints) {
        List<byte[]> chunks = jdbc.query("""
                        SELECT points FROM metric_chunks WHERE tenant_id = ? AND run_id = ? AND metric_key = ?
                        ORDER BY batch_seq""",
                (rs, n) -> rs.getBytes(1), tenantId, runId, key);
        return ChunkedSeries.downsampled(key, chunks, maxPoints);
    }

    @Override
    public void clear() {
        jdbc.update("DELETE FROM metric_chunks");
    }
}
