package io.cairn.common.messaging;

import io.cairn.common.error.NotFoundException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The replayable projections: their status, their lag behind the event log, and replays. */
@Component
public class Projections {

    private final EventProcessingConfiguration processing;
    private final JdbcClient jdbc;

    public Projections(EventProcessingConfiguration processing, JdbcClient jdbc, MeterRegistry registry) {
        this.processing = processing;
        this.jdbc = jdbc;
        for (String name : AxonConfig.PROJECTIONS) {
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
        return AxonConfig.PROJECTIONS.stream().map(name -> status(name, head)).toList();
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
        if (!AxonConfig.PROJECTIONS.contains(name)) {
            throw new NotFoundException("Projection", name);
        }
        return processing.eventProcessorByProcessingGroup(name, TrackingEventProcessor.class)
                .orElseThrow(() -> new NotFoundException("Projection", name));
    }
}
