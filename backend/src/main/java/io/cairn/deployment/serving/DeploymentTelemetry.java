package io.cairn.deployment.serving;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.springframework.stereotype.Component;

/**
 * Scoring telemetry per deployment and version, kept in memory by the backend that answered: request, invalid
 * (4xx) and error (5xx, or no model server) counts since the backend started, and latency percentiles over the
 * most recent {@value #WINDOW} requests, measured at the backend (proxying included).
 */
@Component
public class DeploymentTelemetry {

    static final int WINDOW = 8192;

    private record Key(String tenantId, String deploymentId) {
    }

    /** Counts and a ring of recent latencies (microseconds) of one version. */
    private static final class Series {
        final LongAdder requests = new LongAdder();
        final LongAdder invalid = new LongAdder();
        final LongAdder errors = new LongAdder();
        private final long[] ring = new long[WINDOW];
        private long recorded;

        void record(int status, long micros) {
            requests.increment();
            if (status >= 500) {
                errors.increment();
            } else if (status >= 400) {
                invalid.increment();
            }
            synchronized (this) {
                ring[(int) (recorded++ % WINDOW)] = micros;
            }
        }

        synchronized long[] window() {
            return Arrays.copyOf(ring, (int) Math.min(recorded, WINDOW));
        }
    }

    /** Latency percentiles in milliseconds over {@code window} requests. */
    public record Latency(double p50, double p95, double p99, double max, int window) {
    }

    public record VersionTelemetry(int version, long requests, long invalid, long errors, Latency latencyMs) {
    }

    /** {@code total} sums every version the deployment answered with, including versions it no longer serves. */
    public record Telemetry(String deploymentId, VersionTelemetry total, List<VersionTelemetry> versions) {
    }

    private final Map<Key, Map<Integer, Series>> series = new ConcurrentHashMap<>();

    /** One answered request; {@code version} 0 when no version could answer. */
    public void record(String tenantId, String deploymentId, int version, int status, long nanos) {
        series.computeIfAbsent(new Key(tenantId, deploymentId), k -> new ConcurrentHashMap<>())
                .computeIfAbsent(version, v -> new Series())
                .record(status, nanos / 1000);
    }

    public Telemetry of(String tenantId, String deploymentId) {
        Map<Integer, Series> byVersion = new TreeMap<>(series.getOrDefault(new Key(tenantId, deploymentId), Map.of()));
        List<VersionTelemetry> versions = new ArrayList<>();
        long requests = 0;
        long invalid = 0;
        long errors = 0;
        List<long[]> windows = new ArrayList<>();
        for (Map.Entry<Integer, Series> entry : byVersion.entrySet()) {
            Series s = entry.getValue();
            long[] window = s.window();
            windows.add(window);
            versions.add(new VersionTelemetry(entry.getKey(), s.requests.sum(), s.invalid.sum(), s.errors.sum(),
                    latency(window)));
            requests += s.requests.sum();
            invalid += s.invalid.sum();
            errors += s.errors.sum();
        }
        long[] all = windows.stream().flatMapToLong(Arrays::stream).toArray();
        return new Telemetry(deploymentId, new VersionTelemetry(0, requests, invalid, errors, latency(all)), versions);
    }

    /** Forgets a deleted deployment. */
    public void forget(String tenantId, String deploymentId) {
        series.remove(new Key(tenantId, deploymentId));
    }

    static Latency latency(long[] micros) {
        if (micros.length == 0) {
            return new Latency(0, 0, 0, 0, 0);
        }
        long[] sorted = micros.clone();
        Arrays.sort(sorted);
        return new Latency(percentile(sorted, 0.50), percentile(sorted, 0.95), percentile(sorted, 0.99),
                sorted[sorted.length - 1] / 1000.0, sorted.length);
    }

    /** Nearest-rank percentile, in milliseconds. */
    private static double percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1000.0;
    }
}
