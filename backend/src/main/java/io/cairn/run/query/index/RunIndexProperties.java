package io.cairn.run.query.index;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the run index.
 *
 * @param engine         what answers run searches: {@code lucene} (default), {@code elasticsearch} (the cluster
 *                       profile's default; server settings under {@code cairn.elasticsearch}) or {@code sql}
 * @param commitInterval how often the index is made durable (and its queue entries deleted): the Lucene index
 *                       commits, the Elasticsearch index writes what searches have not; searches see changes at
 *                       once, whatever this is
 */
@ConfigurationProperties("cairn.search")
public record RunIndexProperties(
        @DefaultValue("lucene") String engine,
        @DefaultValue("1s") Duration commitInterval) {
}
