package io.cairn.common.messaging.publication;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Publication of the event log to Kafka (the {@code cluster} profile turns it on).
 *
 * @param bootstrapServers Kafka's {@code bootstrap.servers}; publication is off while unset
 * @param topic            the topic every event goes to
 * @param ackTimeout       how long a batch waits for the broker's acknowledgements before it is retried
 * @param producer         further producer settings, passed through verbatim (e.g. {@code compression.type})
 */
@ConfigurationProperties("cairn.kafka")
public record KafkaPublicationProperties(
        String bootstrapServers,
        @DefaultValue("cairn.events") String topic,
        @DefaultValue("30s") Duration ackTimeout,
        Map<String, String> producer) {

    public KafkaPublicationProperties {
        producer = producer == null ? Map.of() : Map.copyOf(producer);
    }
}
