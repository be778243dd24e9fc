package io.cairn.common.messaging;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Shares the segmented projections' segments among the instances of a cluster. Every instance notes itself alive
 * in {@code cluster_nodes} every {@code cairn.processing.node-heartbeat}; an instance holding more than its share
 * (segments ÷ live instances, rounded up) releases one segment at a time for a while, and another instance's
 * idle thread claims it. An instance that dies (even by SIGKILL) stops extending its claims: after Axon's claim
 * timeout the survivors' threads take its segments over, and their share grows as it ages out of the table.
 */
@Component
@ConditionalOnExpression("${cairn.processing.segments:1} > 1")
public class SegmentBalancer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SegmentBalancer.class);

    private final JdbcClient jdbc;
    private final EventProcessingConfiguration processing;
    private final SegmentTokens tokens;
    private final ProcessingProperties properties;
    private final Clock clock;
    private final String nodeId = UUID.randomUUID().toString();
    private ScheduledExecutorService scheduler;

    public SegmentBalancer(JdbcClient jdbc, EventProcessingConfiguration processing, SegmentTokens tokens,
                           ProcessingProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.processing = processing;
        this.tokens = tokens;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "segment-balancer");
            thread.setDaemon(true);
            return thread;
        });
        long period = properties.nodeHeartbeat().toMillis();
        scheduler.scheduleWithFixedDelay(this::tick, 0, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
            // leave at once, so the others' share grows without waiting for the timeout
            jdbc.sql("DELETE FROM cluster_nodes WHERE node_id = ?").param(nodeId).update();
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }

    private void tick() {
        try {
            long now = clock.millis();
            if (jdbc.sql("UPDATE cluster_nodes SET last_seen = ? WHERE node_id = ?").params(now, nodeId).update() == 0) {
                jdbc.sql("INSERT INTO cluster_nodes (node_id, last_seen) VALUES (?, ?)").params(nodeId, now).update();
            }
            long since = now - properties.nodeTimeout().toMillis();
            int live = jdbc.sql("SELECT COUNT(*) FROM cluster_nodes WHERE last_seen >= ?").param(since)
                    .query(Integer.class).single();
            jdbc.sql("DELETE FROM cluster_nodes WHERE last_seen < ?").param(since).update();
            for (String group : AxonConfig.SEGMENTED_PROJECTIONS) {
                balance(group, Math.max(1, live));
            }
        } catch (RuntimeException e) {
            log.warn("Segment balancing failed this round: {}", e.toString());
        }
    }

    private void balance(String group, int live) {
        TrackingEventProcessor processor = processing.eventProcessorByProcessingGroup(group, TrackingEventProcessor.class)
                .orElse(null);
        if (processor == null) {
            return;
        }
        int segments = tokens.segments(group).size();
        int share = (segments + live - 1) / live;
        Map<Integer, EventTrackerStatus> held = processor.processingStatus();
        if (held.size() > share) {
            int released = held.keySet().stream().mapToInt(Integer::intValue).max().orElseThrow();
            // long enough for another instance's thread to claim it (it looks every 2 s)
            processor.releaseSegment(released, 3 * properties.nodeHeartbeat().toMillis(), TimeUnit.MILLISECONDS);
            log.info("Released segment {} of '{}': this instance held {} of {} segments, {} instances are live",
                    released, group, held.size(), segments, live);
        }
    }
}
