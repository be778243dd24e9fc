package io.cairn.run.query.metric;

import io.cairn.run.api.MetricPoint;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The metric time series of runs. Embedded: JDBC tables beside the other read models; cluster: Cassandra.
 * Fed only by the {@code run-metrics} projection; every call is scoped by tenant.
 */
public interface MetricStore {

    /**
     * Stores one logged batch. {@code batchSeq} is the batch's position in its run (the event's sequence
     * number); storing the same batch again changes nothing, so replays and redeliveries are harmless, and
     * batches of one run may be written in any order.
     *
     * @return completes once the batch is durable: at once for a store that writes within the caller's
     *         transaction, later for one that writes to a server of its own, so that a caller may have several
     *         batches in flight and wait for all of them before it counts them as stored
     */
    CompletableFuture<Void> appendAsync(String tenantId, String runId, long batchSeq, List<MetricPoint> points);

    /** {@link #appendAsync} and waits for it. */
    default void append(String tenantId, String runId, long batchSeq, List<MetricPoint> points) {
        appendAsync(tenantId, runId, batchSeq, points).join();
    }

    /** Points of one key in the order they were logged, one page at a time. */
    HistoryPage history(String tenantId, String runId, String key, String pageToken, int maxResults);

    /**
     * The whole series of one key ordered by step, reduced to at most {@code maxPoints} points by keeping
     * the first and last point and, per bucket of consecutive steps, the minimum and maximum value.
     */
    Series downsampled(String tenantId, String runId, String key, int maxPoints);

    /** Forgets everything (before a replay rebuilds it). */
    void clear();

    record HistoryPage(List<MetricPoint> points, String nextPageToken) {
    }

    record Series(List<MetricPoint> points, long totalPoints, boolean downsampled) {
    }
}
