package io.cairn.audit.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.audit.command.AuditChain;
import io.cairn.common.messaging.MessageMetadata;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Recomputes a tenant's hash chain from the stored events and reports the first broken link. */
@Component
public class AuditVerifier {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcTemplate jdbc;

    public AuditVerifier(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param brokenAt the global index of the first event whose stored digest or link does not match, or null
     */
    public record Verdict(String organization, boolean valid, long eventsChecked, Long brokenAt, String brokenEventId,
                          String reason, String headDigest) {
    }

    public Verdict verify(String tenantId) {
        Chain chain = new Chain(tenantId);
        jdbc.query(connection -> {
            var statement = connection.prepareStatement("""
                    SELECT globalindex, eventidentifier, aggregateidentifier, sequencenumber, timestamp, payloadtype,
                           payloadrevision, metadata, payload FROM domainevententry ORDER BY globalindex""");
            statement.setFetchSize(500);
            return statement;
        }, rs -> {
            if (chain.broken == null) {
                chain.check(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getBytes(8), rs.getBytes(9));
            }
        });
        if (chain.broken == null) {
            String head = jdbc.query("SELECT last_digest FROM audit_chain_heads WHERE tenant_id = ?",
                    rs -> rs.next() ? rs.getString(1) : AuditChain.GENESIS, tenantId);
            if (!head.equals(chain.previous)) {
                return new Verdict(tenantId, false, chain.checked, null, null,
                        "The chain ends before its recorded head: the newest events were removed", head);
            }
        }
        return new Verdict(tenantId, chain.broken == null, chain.checked, chain.broken, chain.brokenEventId, chain.reason,
                chain.previous);
    }

    private static final class Chain {
        private final String tenantId;
        private String previous = AuditChain.GENESIS;
        private long checked;
        private Long broken;
        private String brokenEventId;
        private String reason;

        Chain(String tenantId) {
            this.tenantId = tenantId;
        }

        void check(long index, String eventId, String aggregateId, long sequence, String timestamp, String type,
                   String revision, byte[] metaDataJson, byte[] payload) {
            Map<String, Object> metaData = parse(metaDataJson);
            if (metaData == null) {
                fail(index, eventId, "The event's metadata is unreadable: it was altered after it was stored");
                return;
            }
            if (!tenantId.equals(metaData.get(MessageMetadata.TENANT_ID))) {
                return;
            }
            checked++;
            Object storedDigest = metaData.get(AuditChain.DIGEST);
            if (!previous.equals(metaData.get(AuditChain.PREVIOUS))) {
                fail(index, eventId, "The event does not link to the one before it: an event was removed, "
                        + "inserted or reordered");
                return;
            }
            String digest = AuditChain.digest(previous, new AuditChain.Link(eventId, aggregateId, sequence,
                    timestamp, type, revision, metaData, payload));
            if (!digest.equals(storedDigest)) {
                fail(index, eventId, "The event's content does not match its digest: it was altered after it was stored");
                return;
            }
            previous = digest;
        }

        private void fail(long index, String eventId, String why) {
            broken = index;
            brokenEventId = eventId;
            reason = why;
        }

        private static Map<String, Object> parse(byte[] json) {
            try {
                @SuppressWarnings("unchecked")
                Map<String, Object> map = JSON.readValue(json, LinkedHashMap.class);
                return map;
            } catch (IOException e) {
                return null;
            }
        }
    }
}
