package io.cairn.common.messaging;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the projections are processed.
 *
 * @param segments        segments of the high-volume projections ({@link AxonConfig#SEGMENTED_PROJECTIONS}) when
 *                        their tokens are first created: the instances of a cluster share them out; 1 (the embedded
 *                        profile) processes each in one thread on one instance
 * @param nodeHeartbeat   how often an instance notes itself alive (and rebalances segments) when segments &gt; 1
 * @param nodeTimeout     an instance not heard from for this long counts as gone
 * @param batchSize       events per processing batch (one transaction, one token update) and per read of the event
 *                        store; a processor takes what is there up to this many, so it matters when a processor is
 *                        behind: a replay, or a burst
 */
@ConfigurationProperties("cairn.processing")
public record ProcessingProperties(
        @DefaultValue("1") int segments,
        @DefaultValue("5s") Duration nodeHeartbeat,
        @DefaultValue("15s") Duration nodeTimeout,
        @DefaultValue("100") int batchSize) {

    public ProcessingProperties {
        if (segments < 1 || segments > 64) {
            throw new IllegalArgumentException("cairn.processing.segments must be between 1 and 64, not " + segments);
        }
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException("cairn.processing.batch-size must be between 1 and 10000, not " + batchSize);
        }
    }
}
