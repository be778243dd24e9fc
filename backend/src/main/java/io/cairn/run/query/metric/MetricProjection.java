package io.cairn.run.query.metric;

import io.cairn.run.api.MetricPoint;
import io.cairn.run.api.RunEvent.MetricsLoggedEvent;
import io.cairn.run.query.RunIndexQueue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Feeds the metric series ({@link MetricStore}) and the latest value per key ({@code run_latest_metrics},
 * used by run views and run search). "Latest" is MLflow's: the highest step, then the latest timestamp.
 *
 * <p>The work of one processing batch (up to 100 events) is gathered and finished when the batch is about to
 * commit, before the processor's token moves past its events: the series writes are in flight together (at most
 * {@value #MAX_IN_FLIGHT} logged batches at once) and awaited then, and the latest values are merged in memory and
 * written once per run. A replay or a burst of batches therefore no longer waits for Cassandra and the database
 * once per event; a write that fails still fails (and retries) the whole processing batch, which idempotent series
 * writes and the latest-value comparison allow.
 */
@Component
@ProcessingGroup("run-metrics")
public class MetricProjection {

    static final int MAX_IN_FLIGHT = 16;
    private static final String PENDING = MetricProjection.class.getName() + ".pending";

    private final MetricStore store;
    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final RunIndexQueue index;

    public MetricProjection(MetricStore store, JdbcTemplate jdbc, RunIndexQueue index) {
        this.store = store;
        this.jdbc = jdbc;
        this.index = index;
        this.named = new NamedParameterJdbcTemplate(jdbc);
    }

    @EventHandler
    void on(MetricsLoggedEvent event, @SequenceNumber long batchSeq) {
        Pending pending = pending();
        if (pending.writes.size() >= MAX_IN_FLIGHT) {
            pending.awaitWrites();
        }
        pending.writes.add(store.appendAsync(event.tenantId(), event.runId(), batchSeq, event.points()));
        Map<String, MetricPoint> latest = pending.latest.computeIfAbsent(new RunKey(event.tenantId(), event.runId()),
                run -> new LinkedHashMap<>());
        for (MetricPoint point : event.points()) {
            latest.merge(point.key(), point, (a, b) -> newer(b, a) ? b : a);
        }
    }

    /** What the current processing batch has left to finish, finished when it is about to commit. */
    private Pending pending() {
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        return batch.getOrComputeResource(PENDING, name -> {
            Pending pending = new Pending();
            batch.onPrepareCommit(u -> {
                pending.awaitWrites();
                pending.latest.forEach((run, points) -> {
                    updateLatest(run.tenantId(), run.runId(), points);
                    index.runChanged(run.tenantId(), run.runId());
                });
            });
            return pending;
        });
    }

    private record RunKey(String tenantId, String runId) {
    }

    private static final class Pending {
        final List<CompletableFuture<Void>> writes = new ArrayList<>();
        final Map<RunKey, Map<String, MetricPoint>> latest = new LinkedHashMap<>();

        void awaitWrites() {
            try {
                CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            } finally {
                writes.clear();
            }
        }
    }

    @ResetHandler
    void reset() {
        store.clear();
        jdbc.update("DELETE FROM run_latest_metrics");
    }

    private void updateLatest(String tenantId, String runId, Map<String, MetricPoint> latestInBatch) {
        Map<String, long[]> stored = new HashMap<>();
        named.query("""
                        SELECT metric_key, step, ts FROM run_latest_metrics
                        WHERE tenant_id = :tenant AND run_id = :run AND metric_key IN (:keys)""",
                Map.of("tenant", tenantId, "run", runId, "keys", latestInBatch.keySet()),
                rs -> {
                    stored.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)});
                });
        List<Object[]> inserts = new ArrayList<>();
        List<Object[]> updates = new ArrayList<>();
        latestInBatch.forEach((key, point) -> {
            long[] current = stored.get(key);
            if (current == null) {
                inserts.add(new Object[] {tenantId, runId, key, point.value(), point.step(), point.timestamp()});
            } else if (point.step() > current[0] || point.step() == current[0] && point.timestamp() >= current[1]) {
                updates.add(new Object[] {point.value(), point.step(), point.timestamp(), tenantId, runId, key});
            }
        });
        if (!inserts.isEmpty()) {
            jdbc.batchUpdate("""
                    INSERT INTO run_latest_metrics (tenant_id, run_id, metric_key, metric_value, step, ts)
                    VALUES (?, ?, ?, ?, ?, ?)""", inserts);
        }
        if (!updates.isEmpty()) {
            jdbc.batchUpdate("""
                    UPDATE run_latest_metrics SET metric_value = ?, step = ?, ts = ?
                    WHERE tenant_id = ? AND run_id = ? AND metric_key = ?""", updates);
        }
    }

    private static boolean newer(MetricPoint candidate, MetricPoint current) {
        return candidate.step() > current.step()
                || candidate.step() == current.step() && candidate.timestamp() >= current.timestamp();
    }
}
