package io.cairn.common.messaging.publication;

import io.cairn.common.messaging.MessageMetadata;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;

/**
 * Publishes every event of the log to Kafka, in log order, at least once.
 *
 * <p>It is a tracking processor ({@value #PROCESSING_GROUP}) like the projections: records are sent as the
 * processor reads events, and the batch's token is stored only after the broker acknowledged every record
 * of the batch, so a crash or a broker outage re-sends, never skips. Consumers drop duplicates by the
 * {@code cairn-event-id} header.
 *
 * <p>Record: key {@code <tenantId>:<aggregateId>} (one aggregate's events stay in one partition, in order);
 * value the event payload as JSON, exactly as stored in the log; headers {@code cairn-event-id},
 * {@code cairn-event-type} (the wire name, e.g. {@code cairn.run.MetricsLogged}), {@code cairn-event-revision},
 * {@code cairn-timestamp} (ISO-8601), {@code cairn-aggregate-id}, {@code cairn-sequence-number} and one
 * {@code cairn-meta-<key>} per metadata entry ({@code tenantId}, {@code principal}, {@code correlationId},
 * {@code causationId}, ...).
 */
@ProcessingGroup(KafkaEventPublisher.PROCESSING_GROUP)
public class KafkaEventPublisher {

    public static final String PROCESSING_GROUP = "kafka-publisher";

    private final Producer<String, byte[]> producer;
    private final Serializer serializer;
    private final String topic;
    private final long ackTimeoutMillis;

    public KafkaEventPublisher(Producer<String, byte[]> producer, Serializer serializer,
                               KafkaPublicationProperties properties) {
        this.producer = producer;
        this.serializer = serializer;
        this.topic = properties.topic();
        this.ackTimeoutMillis = properties.ackTimeout().toMillis();
    }

    /**
     * Takes the message rather than its payload, so the payload is never deserialized: the record's value is the
     * payload as read from the event store. Deserializing and serializing again each event (for a metric batch,
     * a thousand doubles parsed from text and printed back) was an eighth of the backend's CPU time during
     * ingestion on the cluster profile.
     */
    @EventHandler
    void on(EventMessage<?> event) {
        Future<RecordMetadata> sent = producer.send(record(event));
        CurrentUnitOfWork.get().onPrepareCommit(unitOfWork -> awaitAck(sent, event));
    }

    ProducerRecord<String, byte[]> record(EventMessage<?> event) {
        SerializedObject<byte[]> payload = event.serializePayload(serializer, byte[].class);
        RecordHeaders headers = new RecordHeaders();
        header(headers, "cairn-event-id", event.getIdentifier());
        header(headers, "cairn-event-type", payload.getType().getName());
        header(headers, "cairn-event-revision", payload.getType().getRevision());
        header(headers, "cairn-timestamp", event.getTimestamp().toString());
        String aggregateId = event.getIdentifier();
        if (event instanceof DomainEventMessage<?> domainEvent) {
            aggregateId = domainEvent.getAggregateIdentifier();
            header(headers, "cairn-aggregate-id", aggregateId);
            header(headers, "cairn-sequence-number", Long.toString(domainEvent.getSequenceNumber()));
        }
        event.getMetaData().forEach((key, value) -> header(headers, "cairn-meta-" + key, String.valueOf(value)));
        Object tenant = event.getMetaData().get(MessageMetadata.TENANT_ID);
        String key = (tenant == null ? "" : tenant) + ":" + aggregateId;
        return new ProducerRecord<>(topic, null, key, payload.getData(), headers);
    }

    private void awaitAck(Future<RecordMetadata> sent, EventMessage<?> event) {
        try {
            sent.get(ackTimeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaPublicationException("Interrupted while publishing event " + event.getIdentifier(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaPublicationException("Kafka did not acknowledge event " + event.getIdentifier()
                    + " within " + ackTimeoutMillis + " ms; the batch will be published again", e);
        }
    }

    private static void header(RecordHeaders headers, String name, String value) {
        if (value != null) {
            headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A batch could not be published; the processor retries it (nothing is skipped). */
    static final class KafkaPublicationException extends RuntimeException {
        KafkaPublicationException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
