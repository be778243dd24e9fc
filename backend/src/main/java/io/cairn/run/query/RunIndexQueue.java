package io.cairn.run.query;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Records that a run's search document is stale. The run projections call it in the transaction that changes
 * the run's rows, so the note commits (or rolls back) with the change; a run index reads the notes, rebuilds
 * the runs' documents from the read model and deletes the notes once its index is durable: the embedded
 * Lucene index ({@code cairn.search.engine=lucene}) or Elasticsearch ({@code elasticsearch}, the cluster
 * profile). With SQL run search ({@code sql}) there is no index and nothing is noted.
 */
@Component
public class RunIndexQueue {

    private final JdbcTemplate jdbc;
    private final boolean indexed;

    public RunIndexQueue(JdbcTemplate jdbc, @Value("${cairn.search.engine:lucene}") String engine) {
        this.jdbc = jdbc;
        this.indexed = "lucene".equals(engine) || "elasticsearch".equals(engine);
    }

    public void runChanged(String tenantId, String runId) {
        if (!indexed) {
            return;
        }
        jdbc.update("INSERT INTO run_index_queue (tenant_id, run_id) VALUES (?, ?)", tenantId, runId);
    }
}
