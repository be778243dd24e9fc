package io.cairn.run.query.metric;

import io.cairn.run.api.MetricPoint;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The binary form of one batch's points of one key: for each point its step, timestamp and value as
 * big-endian longs/double (24 bytes), in logged order.
 */
public final class MetricChunk {

    static final int POINT_BYTES = 24;

    private MetricChunk() {
    }

    public static byte[] encode(List<MetricPoint> points) {
        ByteBuffer buffer = ByteBuffer.allocate(points.size() * POINT_BYTES);
        for (MetricPoint point : points) {
            buffer.putLong(point.step()).putLong(point.timestamp()).putDouble(point.value());
        }
        return buffer.array();
    }

    static int size(byte[] chunk) {
        return chunk.length / POINT_BYTES;
    }

    static long step(byte[] chunk, int index) {
        return ByteBuffer.wrap(chunk).getLong(index * POINT_BYTES);
    }

    static MetricPoint point(String key, ByteBuffer chunk, int index) {
        int at = index * POINT_BYTES;
        return new MetricPoint(key, chunk.getDouble(at + 16), chunk.getLong(at), chunk.getLong(at + 8));
    }
}
