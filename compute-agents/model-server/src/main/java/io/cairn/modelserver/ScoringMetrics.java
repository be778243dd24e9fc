package io.cairn.modelserver;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters and latency of scoring requests: requests by outcome ({@code ok}, {@code invalid} for 4xx,
 * {@code error} for 5xx), rows scored, and latency percentiles over the most recent {@value #WINDOW}
 * requests. Shown as JSON ({@code /v1/stats}) and in the Prometheus text format ({@code /metrics}).
 */
final class ScoringMetrics {

    static final int WINDOW = 8192;

    private final LongAdder ok = new LongAdder();
    private final LongAdder invalid = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder rows = new LongAdder();
    private final long[] recent = new long[WINDOW];
    private long recorded;
    private double totalSeconds;

    void record(int status, int rowCount, long nanos) {
        if (status >= 500) {
            errors.increment();
        } else if (status >= 400) {
            invalid.increment();
        } else {
            ok.increment();
            rows.add(rowCount);
        }
        synchronized (recent) {
            recent[(int) (recorded % WINDOW)] = nanos;
            recorded++;
            totalSeconds += nanos / 1e9;
        }
    }

    Map<String, Object> snapshot() {
        long[] window;
        long count;
        double sum;
        synchronized (recent) {
            count = recorded;
            sum = totalSeconds;
            window = Arrays.copyOf(recent, (int) Math.min(count, WINDOW));
        }
        Arrays.sort(window);
        Map<String, Object> latency = new LinkedHashMap<>();
        latency.put("p50", millis(window, 0.50));
        latency.put("p95", millis(window, 0.95));
        latency.put("p99", millis(window, 0.99));
        latency.put("max", window.length == 0 ? 0.0 : window[window.length - 1] / 1e6);
        latency.put("window", window.length);
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("requests", count);
        stats.put("ok", ok.sum());
        stats.put("invalid", invalid.sum());
        stats.put("errors", errors.sum());
        stats.put("rows", rows.sum());
        stats.put("latencySecondsTotal", sum);
        stats.put("latencyMs", latency);
        return stats;
    }

    /** Nearest-rank percentile of the sorted window, in milliseconds. */
    private static double millis(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return 0.0;
        }
        int rank = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(rank, sorted.length - 1))] / 1e6;
    }

    @SuppressWarnings("unchecked")
    String prometheus() {
        Map<String, Object> stats = snapshot();
        Map<String, Object> latency = (Map<String, Object>) stats.get("latencyMs");
        StringBuilder out = new StringBuilder();
        out.append("# HELP cairn_model_server_requests_total Scoring requests by outcome.\n");
        out.append("# TYPE cairn_model_server_requests_total counter\n");
        out.append("cairn_model_server_requests_total{outcome=\"ok\"} ").append(stats.get("ok")).append('\n');
        out.append("cairn_model_server_requests_total{outcome=\"invalid\"} ").append(stats.get("invalid")).append('\n');
        out.append("cairn_model_server_requests_total{outcome=\"error\"} ").append(stats.get("errors")).append('\n');
        out.append("# HELP cairn_model_server_rows_total Rows scored.\n");
        out.append("# TYPE cairn_model_server_rows_total counter\n");
        out.append("cairn_model_server_rows_total ").append(stats.get("rows")).append('\n');
        out.append("# HELP cairn_model_server_latency_seconds Scoring latency over the most recent requests.\n");
        out.append("# TYPE cairn_model_server_latency_seconds summary\n");
        for (String[] quantile : new String[][] {{"0.5", "p50"}, {"0.95", "p95"}, {"0.99", "p99"}}) {
            out.append("cairn_model_server_latency_seconds{quantile=\"").append(quantile[0]).append("\"} ")
                    .append((Double) latency.get(quantile[1]) / 1e3).append('\n');
        }
        out.append("cairn_model_server_latency_seconds_sum ").append(stats.get("latencySecondsTotal")).append('\n');
        out.append("cairn_model_server_latency_seconds_count ").append(stats.get("requests")).append('\n');
        return out.toString();
    }
}
