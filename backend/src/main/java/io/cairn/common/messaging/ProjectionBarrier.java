package io.cairn.common.messaging;

import io.cairn.common.CairnProperties;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Read-your-writes for API clients: after a command, waits until the given projection has processed the
 * aggregate's latest event, so the response (and the client's next GET) reflect the write. Bounded by
 * {@code cairn.read-your-writes}; on timeout the write stands and the read model catches up later.
 */
@Component
public class ProjectionBarrier {

    private static final Logger log = LoggerFactory.getLogger(ProjectionBarrier.class);

    private final JdbcClient jdbc;
    private final EventProcessingConfiguration processing;
    private final SegmentTokens tokens;
    private final long timeoutNanos;

    public ProjectionBarrier(JdbcClient jdbc, EventProcessingConfiguration processing, SegmentTokens tokens,
                             CairnProperties properties) {
        this.jdbc = jdbc;
        this.processing = processing;
        this.tokens = tokens;
        this.timeoutNanos = properties.readYourWrites().toNanos();
    }

    /** Whether the projection has applied every event of the aggregate so far (without waiting). */
    public boolean caughtUp(String processingGroup, String aggregateId) {
        Long index = lastIndex(aggregateId);
        return index == null || processed(processor(processingGroup), aggregateId, index);
    }

    public void await(String processingGroup, String aggregateId) {
        Long index = lastIndex(aggregateId);
        if (index == null) {
            return;
        }
        TrackingEventProcessor processor = processor(processingGroup);
        long deadline = System.nanoTime() + timeoutNanos;
        long pauseMicros = 200;
        while (!processed(processor, aggregateId, index)) {
            if (System.nanoTime() > deadline || processor.isError()) {
                log.warn("Projection '{}' has not caught up with event {} of {} within the read-your-writes timeout",
                        processingGroup, index, aggregateId);
                return;
            }
            try {
                TimeUnit.MICROSECONDS.sleep(pauseMicros);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            pauseMicros = Math.min(pauseMicros * 2, 5_000);
        }
    }

    private Long lastIndex(String aggregateId) {
        return jdbc.sql("SELECT MAX(globalindex) FROM domainevententry WHERE aggregateidentifier = ?")
                .param(aggregateId).query(Long.class).optional().orElse(null);
    }

    private TrackingEventProcessor processor(String processingGroup) {
        return processing.eventProcessorByProcessingGroup(processingGroup, TrackingEventProcessor.class)
                .orElseThrow(() -> new IllegalArgumentException("No tracking processor for " + processingGroup));
    }

    /**
     * Whether the segment that processes the aggregate's events has applied the event at {@code index}: asked of
     * this instance's processor when it holds that segment, otherwise of the token store (another instance of a
     * cluster holds it, or nobody does at the moment).
     */
    private boolean processed(TrackingEventProcessor processor, String aggregateId, long index) {
        int hash = Objects.hashCode(aggregateId);
        for (EventTrackerStatus segment : processor.processingStatus().values()) {
            if (segment.getSegment().matches(hash)) {
                return SegmentTokens.covers(segment.getTrackingToken(), index);
            }
        }
        return tokens.segmentOf(processor.getName(), aggregateId).map(segment -> segment.covers(index)).orElse(false);
    }
}
