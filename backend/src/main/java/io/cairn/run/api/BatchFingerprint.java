package io.cairn.run.api;

import java.util.List;
import java.util.Objects;

/** A stable 64-bit fingerprint of a metric batch, to tell a retried batch from a different one under the same key. */
public final class BatchFingerprint {

    private BatchFingerprint() {
    }

    /** A point without a key (which the run refuses afterwards) fingerprints like the empty key. */
    public static String of(List<MetricPoint> points) {
        long hash = 0xcbf29ce484222325L;
        for (MetricPoint point : points) {
            hash = mix(hash, Objects.hashCode(point.key()));
            hash = mix(hash, Double.doubleToLongBits(point.value()));
            hash = mix(hash, point.step());
            hash = mix(hash, point.timestamp());
        }
        return Long.toHexString(hash);
    }

    private static long mix(long hash, long value) {
        hash ^= value;
        hash *= 0x100000001b3L;
        return hash ^ (hash >>> 29);
    }
}
