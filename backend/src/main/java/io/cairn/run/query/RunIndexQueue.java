package io.cairn.run.query;

import io.cairn.common.jdbc.BatchedStatements;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Records that a run's search document is stale. The run projections call it in the transaction that changes
 * the run's rows, so the note commits (or rolls back) with the change (queued in {@link BatchedStatements}, it runs
 * in the same JDBC batch as the other notes of the processor's batch); a run index reads the notes, rebuilds
 * the runs' documents from the read model and deletes the notes once its index is durable: the embedded
 * Lucene index ({@code cairn.search.engine=lucene}) or Elasticsearch ({@code elasticsearch}, the cluster
 * profile). With SQL run search ({@code sql}) there is no index and nothing is noted.
 */
@Component
public class RunIndexQueue {

    private final BatchedStatements statements;
    private final boolean indexed;

    public RunIndexQueue(BatchedStatements statements, @Value("${cairn.search.engine:lucene}") String engine) {
        this.statements = statements;
        this.indexed = "lucene".equals(engine) || "elasticsearch".equals(engine);
    }

    public void runChanged(String tenantId, String runId) {
        if (!indexed) {
            return;
        }
        statements.update("INSERT INTO run_index_queue (tenant_id, run_id) VALUES (?, ?)", tenantId, runId);
    }
}
