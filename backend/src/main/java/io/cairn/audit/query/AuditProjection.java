package io.cairn.audit.query;

import io.cairn.common.messaging.MessageMetadata;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.serialization.Serializer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Indexes every event of every tenant for the audit log (who, when, what, which aggregate). Payloads are
 * not copied: the audit API reads them from the event store itself. Handles messages without touching
 * their payload, so indexing never deserializes a metric batch.
 */
@Component
@ProcessingGroup("audit")
public class AuditProjection {

    private final JdbcClient jdbc;
    private final Serializer serializer;

    public AuditProjection(JdbcClient jdbc, Serializer serializer) {
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    @EventHandler
    void on(EventMessage<?> event, TrackingToken token) {
        Object tenant = event.getMetaData().get(MessageMetadata.TENANT_ID);
        GapAwareTrackingToken position = WrappedToken.unwrap(token, GapAwareTrackingToken.class).orElse(null);
        if (tenant == null || position == null) {
            return;
        }
        DomainEventMessage<?> domain = event instanceof DomainEventMessage<?> d ? d : null;
        jdbc.sql("""
                        INSERT INTO audit_events (tenant_id, global_index, event_id, event_time, actor, aggregate_type,
                                                  aggregate_id, sequence_number, event_type, correlation_id)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(tenant.toString(), position.getIndex(), event.getIdentifier(), event.getTimestamp().toEpochMilli(),
                        event.getMetaData().get(MessageMetadata.PRINCIPAL),
                        domain == null ? null : domain.getType(), domain == null ? null : domain.getAggregateIdentifier(),
                        domain == null ? null : domain.getSequenceNumber(),
                        serializer.typeForClass(event.getPayloadType()).getName(),
                        event.getMetaData().get(MessageMetadata.CORRELATION_ID))
                .update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM audit_events").update();
    }
}
