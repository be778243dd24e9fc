package io.cairn.audit.query;

import io.cairn.common.jdbc.BatchedStatements;
import io.cairn.common.messaging.MessageMetadata;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.serialization.Serializer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Indexes every event of every tenant for the audit log (who, when, what, which aggregate). Payloads are
 * not copied: the audit API reads them from the event store itself. Handles messages without touching
 * their payload, so indexing never deserializes a metric batch. The rows are queued in {@link BatchedStatements}:
 * one JDBC batch per processor batch, committed with the processor's token.
 */
@Component
@ProcessingGroup("audit")
public class AuditProjection {

    private final BatchedStatements statements;
    private final JdbcTemplate jdbc;
    private final Serializer serializer;

    public AuditProjection(BatchedStatements statements, JdbcTemplate jdbc, Serializer serializer) {
        this.statements = statements;
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    /**
     * The event's global index is looked up by its id in the same statement (typed casts, so that PostgreSQL
     * knows the parameters' types in the select list): the tracking token's index is the
     * highest seen so far, not the event's own when the event fills a gap (an append that committed late). The
     * statement only reads the event store, which the batch does not write, so it may run at the batch's commit.
     */
    @EventHandler
    void on(EventMessage<?> event) {
        Object tenant = event.getMetaData().get(MessageMetadata.TENANT_ID);
        if (tenant == null) {
            return;
        }
        DomainEventMessage<?> domain = event instanceof DomainEventMessage<?> d ? d : null;
        statements.update("""
                        INSERT INTO audit_events (tenant_id, global_index, event_id, event_time, actor, aggregate_type,
                                                  aggregate_id, sequence_number, event_type, correlation_id)
                        SELECT CAST(? AS VARCHAR(64)), e.globalindex, e.eventidentifier, CAST(? AS BIGINT),
                               CAST(? AS VARCHAR(64)), CAST(? AS VARCHAR(255)), CAST(? AS VARCHAR(255)),
                               CAST(? AS BIGINT), CAST(? AS VARCHAR(255)), CAST(? AS VARCHAR(255))
                        FROM domainevententry e WHERE e.eventidentifier = ?""",
                tenant.toString(), event.getTimestamp().toEpochMilli(), event.getMetaData().get(MessageMetadata.PRINCIPAL),
                domain == null ? null : domain.getType(), domain == null ? null : domain.getAggregateIdentifier(),
                domain == null ? null : domain.getSequenceNumber(), serializer.typeForClass(event.getPayloadType()).getName(),
                event.getMetaData().get(MessageMetadata.CORRELATION_ID), event.getIdentifier());
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM audit_events");
    }
}
