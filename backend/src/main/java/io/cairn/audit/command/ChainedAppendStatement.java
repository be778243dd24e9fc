package io.cairn.audit.command;

import io.cairn.common.messaging.MessageMetadata;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.AppendEventsStatementBuilder;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.TimestampWriter;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Axon's event insert, extended with the audit chain: within the appending transaction it locks the
 * tenant's chain head, links each event to it, and moves the head. Locking serializes the appends of one
 * tenant (only their commit), so the chain order is the order of the event log.
 *
 * <p>Appends of one tenant in this JVM first queue on an in-memory lock, held until their transaction ends, and
 * only then take the database row lock, which is therefore free or held by another instance of a cluster.
 * Without it, H2 (the embedded profile) waits for a locked row by retrying, and concurrent appends of one tenant
 * burnt a fifth of the ingestion threads' CPU doing so.
 */
public final class ChainedAppendStatement implements AppendEventsStatementBuilder {

    private static final String NO_TENANT = "-";

    private final Map<String, ReentrantLock> tenantLocks = new ConcurrentHashMap<>();

    @Override
    public PreparedStatement build(Connection connection, EventSchema schema, Class<?> dataType,
                                   List<? extends EventMessage<?>> events, Serializer serializer,
                                   TimestampWriter timestampWriter) throws SQLException {
        Map<String, String> heads = new HashMap<>();
        Map<String, String> lastEvents = new LinkedHashMap<>();
        PreparedStatement statement = connection.prepareStatement("INSERT INTO " + schema.domainEventTable() + " ("
                + schema.domainEventFields() + ") VALUES (?,?,?,?,?,?,?,?,?)");
        for (EventMessage<?> message : events) {
            DomainEventMessage<?> event = asDomainEvent(message);
            String tenant = String.valueOf(event.getMetaData().getOrDefault(MessageMetadata.TENANT_ID, NO_TENANT));
            String previous = heads.containsKey(tenant) ? heads.get(tenant) : lockHead(connection, tenant);
            SerializedObject<?> payload = event.serializePayload(serializer, dataType);
            byte[] payloadBytes = serializer.getConverter().convert(payload.getData(), byte[].class);
            String digest = AuditChain.digest(previous, new AuditChain.Link(event.getIdentifier(),
                    event.getAggregateIdentifier(), event.getSequenceNumber(), DateTimeUtils.formatInstant(event.getTimestamp()),
                    payload.getType().getName(), payload.getType().getRevision(), event.getMetaData(), payloadBytes));
            DomainEventMessage<?> linked = event.andMetaData(MetaData.with(AuditChain.DIGEST, digest)
                    .and(AuditChain.PREVIOUS, previous));
            heads.put(tenant, digest);
            lastEvents.put(tenant, event.getIdentifier());
            statement.setString(1, linked.getIdentifier());
            statement.setString(2, linked.getAggregateIdentifier());
            statement.setLong(3, linked.getSequenceNumber());
            statement.setString(4, linked.getType());
            timestampWriter.writeTimestamp(statement, 5, linked.getTimestamp());
            statement.setString(6, payload.getType().getName());
            statement.setString(7, payload.getType().getRevision());
            statement.setObject(8, payload.getData());
            statement.setObject(9, linked.serializeMetaData(serializer, dataType).getData());
            statement.addBatch();
        }
        try (PreparedStatement move = connection.prepareStatement(
                "UPDATE audit_chain_heads SET last_digest = ?, last_event_id = ? WHERE tenant_id = ?")) {
            for (Map.Entry<String, String> head : heads.entrySet()) {
                move.setString(1, head.getValue());
                move.setString(2, lastEvents.get(head.getKey()));
                move.setString(3, head.getKey());
                move.addBatch();
            }
            move.executeBatch();
        }
        return statement;
    }

    /** Locks the tenant's chain head until the transaction ends and returns its digest. */
    private String lockHead(Connection connection, String tenant) throws SQLException {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            ReentrantLock lock = tenantLocks.computeIfAbsent(tenant, t -> new ReentrantLock());
            lock.lock();
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    lock.unlock();
                }
            });
        }
        try (PreparedStatement create = connection.prepareStatement(
                "INSERT INTO audit_chain_heads (tenant_id, last_digest) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            create.setString(1, tenant);
            create.setString(2, AuditChain.GENESIS);
            create.executeUpdate();
        }
        try (PreparedStatement lock = connection.prepareStatement(
                "SELECT last_digest FROM audit_chain_heads WHERE tenant_id = ? FOR UPDATE")) {
            lock.setString(1, tenant);
            try (ResultSet rs = lock.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private static DomainEventMessage<?> asDomainEvent(EventMessage<?> event) {
        if (event instanceof DomainEventMessage<?> domain) {
            return domain;
        }
        return new GenericDomainEventMessage<>(null, event.getIdentifier(), 0L, event, event::getTimestamp);
    }
}
