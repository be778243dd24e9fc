package io.cairn.common.messaging.publication;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.serialization.Serializer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires {@link KafkaEventPublisher} when {@code cairn.kafka.bootstrap-servers} is set. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("cairn.kafka.bootstrap-servers")
public class KafkaPublicationConfig {

    @Bean(destroyMethod = "close")
    public Producer<String, byte[]> kafkaEventProducer(KafkaPublicationProperties properties) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers());
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, "cairn-event-publisher");
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        int linger = 5;
        int delivery = (int) properties.ackTimeout().toMillis();
        settings.put(ProducerConfig.LINGER_MS_CONFIG, linger);
        // Kafka's rule: delivery.timeout.ms >= linger.ms + request.timeout.ms.
        settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, delivery);
        settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(1, Math.min(delivery - linger, 30_000)));
        settings.putAll(properties.producer());
        return new KafkaProducer<>(settings, new StringSerializer(), new ByteArraySerializer());
    }

    @Bean
    public KafkaEventPublisher kafkaEventPublisher(Producer<String, byte[]> producer, Serializer serializer,
                                                   KafkaPublicationProperties properties) {
        return new KafkaEventPublisher(producer, serializer, properties);
    }

    @Bean
    public ConfigurerModule kafkaPublisherProcessor() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerTrackingEventProcessor(KafkaEventPublisher.PROCESSING_GROUP)
                .registerTrackingEventProcessorConfiguration(KafkaEventPublisher.PROCESSING_GROUP, c ->
                        TrackingEventProcessorConfiguration.forSingleThreadedProcessing().andBatchSize(100)));
    }
}
