package io.cairn.run.query.metric;

import io.cairn.common.error.InvalidInputException;
import io.cairn.run.api.MetricPoint;
import io.cairn.run.query.metric.MetricStore.HistoryPage;
import io.cairn.run.query.metric.MetricStore.Series;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What both metric stores share: a series is stored as one {@link MetricChunk} per (batch, key), keyed by
 * the batch's sequence number in its run, so storing a batch again overwrites itself. History pages walk the
 * chunks in batch order; downsampling reads them all and orders the points by step.
 */
final class ChunkedSeries {

    private ChunkedSeries() {
    }

    /** One stored chunk: the batch's sequence number and its points of one key. */
    record Chunk(long seq, byte[] points) {
    }

    /** Reads up to {@code limit} chunks of one series with {@code seq >= fromSeq}, in seq order. */
    @FunctionalInterface
    interface ChunkReader {
        List<Chunk> read(long fromSeq, int limit);
    }

    /** A batch's points grouped by key, in first-logged order. */
    static Map<String, List<MetricPoint>> byKey(List<MetricPoint> points) {
        Map<String, List<MetricPoint>> byKey = new LinkedHashMap<>();
        for (MetricPoint point : points) {
            byKey.computeIfAbsent(point.key(), k -> new ArrayList<>()).add(point);
        }
        return byKey;
    }

    static HistoryPage history(String key, String pageToken, int maxResults, int chunksPerRead, ChunkReader reader) {
        long[] position = decode(pageToken);
        long fromSeq = position[0];
        int skip = (int) position[1];
        List<MetricPoint> points = new ArrayList<>(Math.min(maxResults, 4096));
        while (true) {
            List<Chunk> chunks = reader.read(fromSeq, chunksPerRead);
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
            if (chunks.size() < chunksPerRead) {
                return new HistoryPage(points, null);
            }
            fromSeq = chunks.get(chunks.size() - 1).seq() + 1;
            skip = 0;
        }
    }

    /** The whole series from its chunks (in batch order), ordered by step and downsampled. */
    static Series downsampled(String key, List<byte[]> chunks, int maxPoints) {
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
            return new long[] {0, 0};
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split(":");
            if (parts.length == 3 && parts[0].equals("m")) {
                long seq = Long.parseLong(parts[1]);
                long index = Long.parseLong(parts[2]);
                if (seq >= 0 && index >= 0 && index < Integer.MAX_VALUE) {
                    return new long[] {seq, index};
                }
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new InvalidInputException("pageToken", "Invalid page token; pass the nextPageToken of a previous page");
    }
}
