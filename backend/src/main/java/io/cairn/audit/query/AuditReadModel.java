package io.cairn.audit.query;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The audit log of one tenant, oldest first, with each event's payload and metadata from the event store. */
@Component
public class AuditReadModel {

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    public AuditReadModel(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Filters of the audit log; null fields do not filter. Times are epoch milliseconds, inclusive. */
    public record Filter(String actor, String aggregateType, String aggregateId, String eventType, Long from, Long to) {
    }

    public record AuditEvent(long globalIndex, String eventId, long time, String actor, String aggregateType,
                             String aggregateId, Long sequenceNumber, String type, String revision,
                             String correlationId, String causationId, String digest, JsonNode payload) {
    }

    /** Events after {@code afterIndex}, at most {@code limit}. */
    public List<AuditEvent> page(String tenantId, Filter filter, long afterIndex, int limit) {
        List<AuditEvent> events = new ArrayList<>();
        query(tenantId, filter, afterIndex, limit, events::add);
        return events;
    }

    /** Every matching event, in order, handed to {@code sink} as it is read. */
    public void stream(String tenantId, Filter filter, Consumer<AuditEvent> sink) {
        query(tenantId, filter, -1, Integer.MAX_VALUE, sink);
    }

    private void query(String tenantId, Filter filter, long afterIndex, int limit, Consumer<AuditEvent> sink) {
        StringBuilder sql = new StringBuilder("""
                SELECT a.global_index, a.event_id, a.event_time, a.actor, a.aggregate_type, a.aggregate_id,
                       a.sequence_number, a.event_type, a.correlation_id, e.payloadrevision, e.metadata, e.payload
                FROM audit_events a JOIN domainevententry e ON e.globalindex = a.global_index
                WHERE a.tenant_id = ? AND a.global_index > ?""");
        List<Object> args = new ArrayList<>(List.of(tenantId, afterIndex));
        condition(sql, args, "a.actor = ?", filter.actor());
        condition(sql, args, "a.aggregate_type = ?", filter.aggregateType());
        condition(sql, args, "a.aggregate_id = ?", filter.aggregateId());
        condition(sql, args, "a.event_type = ?", filter.eventType());
        condition(sql, args, "a.event_time >= ?", filter.from());
        condition(sql, args, "a.event_time <= ?", filter.to());
        sql.append(" ORDER BY a.global_index");
        if (limit != Integer.MAX_VALUE) {
            sql.append(" LIMIT ?");
            args.add(limit);
        }
        jdbc.query(connection -> {
            var statement = connection.prepareStatement(sql.toString());
            for (int i = 0; i < args.size(); i++) {
                statement.setObject(i + 1, args.get(i));
            }
            statement.setFetchSize(200);
            return statement;
        }, rs -> {
            sink.accept(row(rs));
        });
    }

    private AuditEvent row(ResultSet rs) throws SQLException {
        JsonNode metaData = json.readTree(rs.getBytes("metadata"));
        return new AuditEvent(rs.getLong("global_index"), rs.getString("event_id"), rs.getLong("event_time"),
                rs.getString("actor"), rs.getString("aggregate_type"), rs.getString("aggregate_id"),
                (Long) rs.getObject("sequence_number"), rs.getString("event_type"), rs.getString("payloadrevision"),
                rs.getString("correlation_id"), text(metaData, "causationId"), text(metaData, "auditDigest"),
                json.readTree(rs.getBytes("payload")));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    private static void condition(StringBuilder sql, List<Object> args, String clause, Object value) {
        if (value != null) {
            sql.append(" AND ").append(clause);
            args.add(value);
        }
    }
}
