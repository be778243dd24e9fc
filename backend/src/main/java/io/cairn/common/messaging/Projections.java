package io.cairn.common.messaging;

import io.cairn.common.error.NotFoundException;
import io.cairn.common.messaging.publication.KafkaEventPublisher;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The replayable projections — the read models of {@link AxonConfig#PROJECTIONS} and, when Kafka publication
 * is on, the {@code kafka-publisher} — their status, their lag behind the event log, and replays.
 */
@Component
public class Projections {

    private final EventProcessingConfiguration processing;
    private final JdbcClient jdbc;
    private final List<String> names;

    public Projections(EventProcessingConfiguration processing, JdbcClient jdbc, MeterRegistry registry,
                       ObjectProvider<KafkaEventPublisher> publisher) {
        this.processing = processing;
        this.jdbc = jdbc;
        List<String> all = new ArrayList<>(AxonConfig.PROJECTIONS);
        if (publisher.getIfAvailable() != null) {
            all.add(KafkaEventPublisher.PROCESSING_GROUP);
        }
        this.names = List.copyOf(all);
        for (String name : names) {
            Gauge.builder("cairn.projection.lag", this, p -> p.lag(name))
                    .description("Events in the log that the projection has not processed yet")
                    .tag("projection", name)
                    .register(registry);
        }
    }

    /**
     * @param position index of the last event processed (the lowest over segments), -1 before the first
     * @param head     index of the newest event in the log, -1 when the log is empty
     * @param replaying a replay has been started and has not caught up with the log yet
     */
    public record Status(String name, boolean running, boolean error, boolean replaying, long position, long head) {
    }

    public List<Status> all() {
        long head = head();
        return names.stream().map(name -> status(name, head)).toList();
    }

    public Status status(String name) {
        return status(name, head());
    }

    /** Wipes the projection's read model and rebuilds it from the whole event log, in the background. */
    public Status replay(String name) {
        TrackingEventProcessor processor = processor(name);
        processor.shutDown();
        processor.resetTokens();
        processor.start();
        return status(name);
    }

    public long head() {
        Long head = jdbc.sql("SELECT MAX(globalindex) FROM domainevententry").query(Long.class).optional().orElse(null);
        return head == null ? -1 : head;
    }

    private double lag(String name) {
        Status status = status(name);
        return Math.max(0, status.head() - status.position());
    }

    private Status status(String name, long head) {
        TrackingEventProcessor processor = processor(name);
        long position = processor.processingStatus().values().stream()
                .mapToLong(s -> s.getCurrentPosition().orElse(-1))
                .min().orElse(-1);
        // Axon keeps a replay token until an event newer than the reset point arrives; for clients a replay
        // is over once the projection has caught up with the log.
        boolean replaying = position < head
                && processor.processingStatus().values().stream().anyMatch(EventTrackerStatus::isReplaying);
        return new Status(name, processor.isRunning(), processor.isError(), replaying, position, head);
    }

    private TrackingEventProcessor processor(String name) {
        if (!names.contains(name)) {
            throw new NotFoundException("Projection", name);
        }
        return processing.eventProcessorByProcessingGroup(name, TrackingEventProcessor.class)
                .orElseThrow(() -> new NotFoundException("Projection", name));
    }
}
