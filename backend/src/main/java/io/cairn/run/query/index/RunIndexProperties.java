package io.cairn.run.query.index;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the embedded run index.
 *
 * @param engine         {@code lucene} (default) or {@code sql}: what answers run searches
 * @param commitInterval how often the index is made durable (and its queue entries deleted); searches see
 *                       changes at once, whatever this is
 */
@ConfigurationProperties("cairn.search")
public record RunIndexProperties(
        @DefaultValue("lucene") String engine,
        @DefaultValue("1s") Duration commitInterval) {
}
