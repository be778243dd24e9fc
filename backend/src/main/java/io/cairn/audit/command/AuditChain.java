package io.cairn.audit.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The hash chain that makes each tenant's history tamper-evident. Every event's metadata carries
 * {@code auditDigest} = SHA-256 over the previous digest of the same tenant and the event's identity,
 * time, type, canonical metadata and stored payload bytes, and {@code auditPrevious}, the digest it links
 * to. Changing, removing or reordering any stored event breaks the chain at that event.
 */
public final class AuditChain {

    public static final String DIGEST = "auditDigest";
    public static final String PREVIOUS = "auditPrevious";
    /** The link of a tenant's first event. */
    public static final String GENESIS = "0".repeat(64);

    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private AuditChain() {
    }

    /** What is hashed of one event. {@code timestamp} is the ISO-8601 instant exactly as the event store writes it. */
    public record Link(String eventId, String aggregateId, long sequenceNumber, String timestamp, String payloadType,
                       String payloadRevision, Map<String, ?> metaData, byte[] payload) {
    }

    public static String digest(String previous, Link link) {
        MessageDigest sha = sha256();
        update(sha, previous);
        update(sha, link.eventId());
        update(sha, link.aggregateId());
        update(sha, Long.toString(link.sequenceNumber()));
        update(sha, link.timestamp());
        update(sha, link.payloadType());
        update(sha, link.payloadRevision() == null ? "" : link.payloadRevision());
        update(sha, canonicalMetaData(link.metaData()));
        sha.update(link.payload());
        return HexFormat.of().formatHex(sha.digest());
    }

    /** The metadata without the chain's own keys, as JSON with keys in order. */
    static String canonicalMetaData(Map<String, ?> metaData) {
        Map<String, Object> sorted = new TreeMap<>(metaData);
        sorted.remove(DIGEST);
        sorted.remove(PREVIOUS);
        try {
            return CANONICAL.writeValueAsString(sorted);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Metadata cannot be written as JSON", e);
        }
    }

    private static void update(MessageDigest sha, String value) {
        sha.update(value.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0x1f);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
