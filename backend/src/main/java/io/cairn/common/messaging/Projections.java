package io.cairn.common.messaging;

import io.cairn.common.error.ConflictException;
import io.cairn.common.error.NotFoundException;
import io.cairn.common.messaging.publication.KafkaEventPublisher;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
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
    private final SegmentTokens tokens;
    private final List<String> names;

    public Projections(EventProcessingConfiguration processing, JdbcClient jdbc, SegmentTokens tokens,
                       MeterRegistry registry, ObjectProvider<KafkaEventPublisher> publisher) {
        this.processing = processing;
        this.jdbc = jdbc;
        this.tokens = tokens;
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
     * @param running   this instance's processor runs (in a cluster each instance has one)
     * @param error     this instance's processor is retrying a failed batch
     * @param position  index of the last event processed (the lowest over all segments, whichever instance holds
     *                  them), -1 before the first
     * @param head      index of the newest event in the log, -1 when the log is empty
     * @param replaying a replay has been started and has not caught up with the log yet
     * @param segments  each segment's stored token: the instance holding it ({@code owner}, null when none does)
     *                  and its position
     */
    public record Status(String name, boolean running, boolean error, boolean replaying, long position, long head,
                         List<SegmentStatus> segments) {
    }

    public record SegmentStatus(int segment, String owner, long position) {
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
        try {
            processor.resetTokens();
        } catch (UnableToClaimTokenException e) {
            throw new ConflictException(null, "Another instance holds segments of '" + name + "': a replay resets"
                    + " every segment, so stop the other instances first");
        } finally {
            processor.start();
        }
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
        List<SegmentTokens.SegmentState> stored = tokens.segments(name);
        List<SegmentStatus> segments = stored.stream()
                .map(s -> new SegmentStatus(s.segment(), s.owner(), s.position().orElse(-1))).toList();
        // the token store knows every segment; before the processor stored its first token, ask the processor
        long position = (segments.isEmpty()
                ? processor.processingStatus().values().stream().mapToLong(s -> s.getCurrentPosition().orElse(-1))
                : segments.stream().mapToLong(SegmentStatus::position))
                .min().orElse(-1);
        // Axon keeps a replay token until an event newer than the reset point arrives; for clients a replay
        // is over once the projection has caught up with the log. resetTokens stores replay tokens at once,
        // before any thread of any instance has claimed a segment again.
        boolean replaying = position < head
                && (stored.stream().anyMatch(segment -> segment.token() instanceof ReplayToken)
                || processor.processingStatus().values().stream().anyMatch(EventTrackerStatus::isReplaying));
        return new Status(name, processor.isRunning(), processor.isError(), replaying, position, head, segments);
    }

    private TrackingEventProcessor processor(String name) {
        if (!names.contains(name)) {
            throw new NotFoundException("Projection", name);
        }
        return processing.eventProcessorByProcessingGroup(name, TrackingEventProcessor.class)
                .orElseThrow(() -> new NotFoundException("Projection", name));
    }
}
