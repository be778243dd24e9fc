package io.cairn.common.jdbc;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes of projections, sent to the database in JDBC batches. Inside an Axon unit of work (a tracking processor's
 * batch of up to 100 events) a statement is queued and runs when the root unit of work prepares to commit, in the
 * transaction that stores the processor's token, so the rows still commit with the token and each event is applied
 * exactly once; outside one (or once the queue has run) it runs at once. The queue groups statements of the same SQL
 * as {@link StatementGroups} describes (the statements on one table keep their order) and runs each group as one
 * {@link JdbcTemplate#batchUpdate batch}: one round trip for the group instead of one per statement.
 *
 * <p>A statement must write only the table it names, must not read a table that other queued statements write,
 * and nobody may need its update count (an upsert is one {@code MERGE}, not an update then an insert).
 *
 * <p>Errors: a failing statement no longer fails while its event is handled but when the batch commits, and the
 * whole batch rolls back, token included. The processor's error handler then sees the failure; for the projections
 * that queue their writes here ({@code AxonConfig.BATCHED_PROJECTIONS}) an event handler's own failure also
 * propagates, so either way the processor retries the batch from its last token (with back-off) instead of skipping
 * an event, and reports the error (health DOWN) until the batch goes through.
 */
@Component
public class BatchedStatements {

    private final JdbcTemplate jdbc;
    private final String resource = BatchedStatements.class.getName() + "@" + Integer.toHexString(hashCode());

    public BatchedStatements(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Runs {@code sql} with {@code args} at the current batch's commit, or at once outside a unit of work. */
    public void update(String sql, Object... args) {
        if (!CurrentUnitOfWork.isStarted()) {
            StatementGroups.table(sql); // the same statements are accepted with and without a unit of work
            jdbc.update(sql, args);
            return;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        if (root.phase().isAfter(UnitOfWork.Phase.PREPARE_COMMIT)) {
            jdbc.update(sql, args);
            return;
        }
        Queue queue = root.getOrComputeResource(resource, key -> {
            Queue created = new Queue();
            root.onPrepareCommit(u -> created.flush());
            return created;
        });
        queue.add(sql, args);
    }

    /** One unit of work's statements; what is queued after it ran (by a later prepare-commit handler) runs at once. */
    private final class Queue {

        private StatementGroups pending = new StatementGroups();

        void add(String sql, Object[] args) {
            if (pending == null) {
                jdbc.update(sql, args);
            } else {
                pending.add(sql, args);
            }
        }

        void flush() {
            StatementGroups groups = pending;
            pending = null;
            for (StatementGroups.Group group : groups.groups()) {
                jdbc.batchUpdate(group.sql(), group.rows());
            }
        }
    }
}
