package io.cairn.common.messaging;

/** Metadata keys every command and event carries. */
public final class MessageMetadata {

    public static final String TENANT_ID = "tenantId";
    public static final String PRINCIPAL = "principal";
    public static final String CORRELATION_ID = "correlationId";
    public static final String CAUSATION_ID = "causationId";
    /** On metric batches sent with an {@code Idempotency-Key}: the key and a fingerprint of the batch. */
    public static final String IDEMPOTENCY_KEY = "idempotencyKey";
    public static final String BATCH_FINGERPRINT = "batchFingerprint";

    private MessageMetadata() {
    }
}
