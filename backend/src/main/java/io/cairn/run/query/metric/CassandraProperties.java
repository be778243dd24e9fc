package io.cairn.run.query.metric;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Cassandra for the metric store ({@code cairn.metrics.store=cassandra}).
 *
 * @param contactPoints   {@code host:port} of one or more nodes
 * @param localDatacenter the driver's local data center ({@code datacenter1} for a default single node)
 * @param keyspace        created at start if missing, with {@code replication}
 * @param replication     the keyspace's replication map, e.g. {@code {'class': 'NetworkTopologyStrategy', 'dc1': 3}}
 * @param requestTimeout  per request; schema changes get four times as long
 */
@ConfigurationProperties("cairn.cassandra")
public record CassandraProperties(
        @DefaultValue("127.0.0.1:19042") List<String> contactPoints,
        @DefaultValue("datacenter1") String localDatacenter,
        @DefaultValue("cairn") String keyspace,
        @DefaultValue("{'class': 'SimpleStrategy', 'replication_factor': 1}") String replication,
        @DefaultValue("10s") Duration requestTimeout) {
}
