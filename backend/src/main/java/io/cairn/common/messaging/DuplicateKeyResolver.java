package io.cairn.common.messaging;

import java.sql.SQLException;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcSQLErrorCodesResolver;

/**
 * Tells Axon when an append failed on the event store's unique (aggregate, sequence) key, so it raises a
 * {@code ConcurrencyException} (another writer appended first; {@code Commands} tries again) rather than an opaque
 * store failure. Recognizes SQLState 23505 (unique violation, PostgreSQL and H2) anywhere in the cause chain,
 * including a JDBC batch's next exceptions, which Axon's vendor-code resolver misses on PostgreSQL.
 */
public class DuplicateKeyResolver implements PersistenceExceptionResolver {

    private static final String UNIQUE_VIOLATION = "23505";

    private final JdbcSQLErrorCodesResolver vendorCodes = new JdbcSQLErrorCodesResolver();

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                for (SQLException next = sql; next != null; next = next.getNextException()) {
                    if (UNIQUE_VIOLATION.equals(next.getSQLState())) {
                        return true;
                    }
                }
            }
        }
        return vendorCodes.isDuplicateKeyViolation(exception);
    }
}
