package io.cairn.run.query.metric;

import io.cairn.run.api.MetricPoint;
import io.cairn.run.api.RunEvent.MetricsLoggedEvent;
import io.cairn.run.query.RunIndexQueue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Feeds the metric series ({@link MetricStore}) and the latest value per key ({@code run_latest_metrics},
 * used by run views and run search). "Latest" is MLflow's: the highest step, then the latest timestamp.
 */
@Component
@ProcessingGroup("run-metrics")
public class MetricProjection {

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
        List<MetricPoint> points = event.points();
        store.append(event.tenantId(), event.runId(), batchSeq, points);
        updateLatest(event.tenantId(), event.runId(), points);
        index.runChanged(event.tenantId(), event.runId());
    }

    @ResetHandler
    void reset() {
        store.clear();
        jdbc.update("DELETE FROM run_latest_metrics");
    }

    private void updateLatest(String tenantId, String runId, List<MetricPoint> points) {
        Map<String, MetricPoint> latestInBatch = new LinkedHashMap<>();
        for (MetricPoint point : points) {
            latestInBatch.merge(point.key(), point, (a, b) -> newer(b, a) ? b : a);
        }
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
