package io.cairn.search.query.elasticsearch;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Elasticsearch for the global search ({@code cairn.global-search.engine=elasticsearch}, set by the cluster
 * profile).
 *
 * @param url            the cluster's HTTP endpoint
 * @param username       basic-auth user; empty for a cluster without security
 * @param password       basic-auth password
 * @param indexPrefix    put before the index name {@value ElasticsearchSearchIndex#INDEX}, so that several
 *                       Cairn installations (or test runs) can share one cluster
 * @param shards         primary shards of the index, when Cairn creates it
 * @param replicas       replicas of the index, when Cairn creates it
 * @param compatibleWith the major version of the server's REST API the client asks for ({@code 8} for an 8.x
 *                       server: the 9.x client then sends {@code compatible-with=8} media types); 0 sends the
 *                       client's own
 * @param connectTimeout how long to wait for a connection: an unreachable cluster fails a search this fast
 * @param requestTimeout how long to wait for an answer
 */
@ConfigurationProperties("cairn.elasticsearch")
public record ElasticsearchProperties(
        @DefaultValue("http://127.0.0.1:19200") URI url,
        @DefaultValue("") String username,
        @DefaultValue("") String password,
        @DefaultValue("") String indexPrefix,
        @DefaultValue("1") int shards,
        @DefaultValue("0") int replicas,
        @DefaultValue("8") int compatibleWith,
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("10s") Duration requestTimeout) {
}
