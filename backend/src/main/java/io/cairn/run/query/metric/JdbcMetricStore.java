package io.cairn.run.query.metric;

import io.cairn.common.error.InvalidInputException;
import io.cairn.run.api.MetricPoint;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Metric series in the {@code metric_chunks} table: one row per (batch, key) holding that batch's points of
 * the key in binary, so a 1000-point batch is a handful of rows and a 100,000-point series a few hundred.
 */
@Component
public class JdbcMetricStore implements MetricStore {

    private static final int CHUNKS_PER_QUERY = 64;

    private final JdbcTemplate jdbc;

    public JdbcMetricStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void append(String tenantId, String runId, long batchSeq, List<MetricPoint> points) {
        Map<String, List<MetricPoint>> byKey = new LinkedHashMap<>();
        for (MetricPoint point : points) {
            byKey.computeIfAbsent(point.key(), k -> new ArrayList<>()).add(point);
        }
        List<Object[]> rows = new ArrayList<>(byKey.size());
        byKey.forEach((key, series) -> {
            long minStep = series.stream().mapToLong(MetricPoint::step).min().orElseThrow();
            long maxStep = series.stream().mapToLong(MetricPoint::step).max().orElseThrow();
            rows.add(new Object[] {tenantId, runId, key, batchSeq, series.size(), minStep, maxStep,
                    MetricChunk.encode(series)});
        });
        jdbc.batchUpdate("""
                INSERT INTO metric_chunks (tenant_id, run_id, metric_key, batch_seq, point_count, min_step, max_step, points)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""", rows);
    }

    @Override
    public HistoryPage history(String tenantId, String runId, String key, String pageToken, int maxResults) {
        long[] position = decode(pageToken);
        long fromSeq = position[0];
        int skip = (int) position[1];
        List<MetricPoint> points = new ArrayList<>(Math.min(maxResults, 4096));
        while (true) {
            List<Chunk> chunks = jdbc.query("""
                            SELECT batch_seq, points FROM metric_chunks
                            WHERE tenant_id = ? AND run_id = ? AND metric_key = ? AND batch_seq >= ?
                            ORDER BY batch_seq LIMIT ?""",
                    (rs, n) -> new Chunk(rs.getLong(1), rs.getBytes(2)),
                    tenantId, runId, key, fromSeq, CHUNKS_PER_QUERY);
            for (Chunk chunk : chunks) {
                ByteBuffer buffer = ByteBuffer.wrap(chunk.points());
                int size = MetricChunk.size(chunk.points());
                int start = chunk.seq() == fromSeq ? skip : 0;
                for (int i = start; i < size; i++) {
                    if (points.size() == maxResults) {
                        return new HistoryPage(points, encode(chunk.seq(), i));
                    }
                    points.add(MetricChunk.point(key, buffer, i));
                }
            }
            if (chunks.size() < CHUNKS_PER_QUERY) {
                return new HistoryPage(points, null);
            }
            fromSeq = chunks.get(chunks.size() - 1).seq() + 1;
            skip = 0;
        }
    }

    @Override
    public Series downsampled(String tenantId, String runId, String key, int maxPoints) {
        List<byte[]> chunks = jdbc.query("""
                        SELECT points FROM metric_chunks WHERE tenant_id = ? AND run_id = ? AND metric_key = ?
                        ORDER BY batch_seq""",
                (rs, n) -> rs.getBytes(1), tenantId, runId, key);
        int count = chunks.stream().mapToInt(MetricChunk::size).sum();
        long[] steps = new long[count];
        long[] timestamps = new long[count];
        double[] values = new double[count];
        int at = 0;
        boolean sorted = true;
        for (byte[] chunk : chunks) {
            ByteBuffer buffer = ByteBuffer.wrap(chunk);
            for (int i = 0, n = MetricChunk.size(chunk); i < n; i++, at++) {
                int offset = i * MetricChunk.POINT_BYTES;
                steps[at] = buffer.getLong(offset);
                timestamps[at] = buffer.getLong(offset + 8);
                values[at] = buffer.getDouble(offset + 16);
                sorted &= at == 0 || steps[at - 1] <= steps[at];
            }
        }
        if (!sorted) {
            sortByStep(steps, timestamps, values);
        }
        List<MetricPoint> points = Downsampler.minMax(key, steps, timestamps, values, count, maxPoints);
        return new Series(points, count, points.size() < count);
    }

    @Override
    public void clear() {
        jdbc.update("DELETE FROM metric_chunks");
    }

    /** Stable sort of the three aligned arrays by step (points logged out of step order are rare). */
    private static void sortByStep(long[] steps, long[] timestamps, double[] values) {
        Integer[] order = new Integer[steps.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingLong(i -> steps[i]));
        long[] s = steps.clone();
        long[] t = timestamps.clone();
        double[] v = values.clone();
        for (int i = 0; i < order.length; i++) {
            steps[i] = s[order[i]];
            timestamps[i] = t[order[i]];
            values[i] = v[order[i]];
        }
    }

    private static String encode(long seq, int index) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("m:" + seq + ":" + index).getBytes(StandardCharsets.UTF_8));
    }

    private static long[] decode(String token) {
        if (token == null || token.isEmpty()) {
            return new long[] {Long.MIN_VALUE, 0};
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split(":");
            if (parts.length == 3 && parts[0].equals("m")) {
                long index = Long.parseLong(parts[2]);
                if (index >= 0 && index < Integer.MAX_VALUE) {
                    return new long[] {Long.parseLong(parts[1]), index};
                }
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new InvalidInputException("pageToken", "Invalid page token; pass the nextPageToken of a previous page");
    }

    private record Chunk(long seq, byte[] points) {
    }
}
