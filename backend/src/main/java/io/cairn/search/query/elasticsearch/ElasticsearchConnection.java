package io.cairn.search.query.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.mapping.TypeMapping;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.indices.IndexSettings;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest5_client.Rest5ClientTransport;
import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import io.cairn.common.error.ServiceUnavailableException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.message.BasicHeader;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client of the cluster configured by {@link ElasticsearchProperties}, shared by the global search index
 * and the run index, and the one rule both apply to failures: an unreachable or overloaded cluster is
 * {@link ServiceUnavailableException} (503 for a request, a retry for a projection) after at most the connect
 * timeout; any other refusal is a bug and fails loudly.
 */
public final class ElasticsearchConnection implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ElasticsearchConnection.class);

    private final Rest5Client rest;
    private final ElasticsearchClient client;
    private final ElasticsearchProperties properties;

    /** Does not contact the cluster. */
    public ElasticsearchConnection(ElasticsearchProperties properties) {
        this.properties = properties;
        List<Header> headers = new ArrayList<>();
        if (!properties.username().isEmpty()) {
            String credentials = properties.username() + ":" + properties.password();
            headers.add(new BasicHeader(HttpHeaders.AUTHORIZATION,
                    "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8))));
        }
        this.rest = Rest5Client.builder(properties.url())
                .setDefaultHeaders(headers.toArray(Header[]::new))
                .setConnectionConfigCallback(c -> c.setConnectTimeout(timeout(properties.connectTimeout().toMillis())))
                .setRequestConfigCallback(c -> c
                        .setConnectionRequestTimeout(timeout(properties.connectTimeout().toMillis()))
                        .setResponseTimeout(timeout(properties.requestTimeout().toMillis())))
                .build();
        ElasticsearchClient base = new ElasticsearchClient(new Rest5ClientTransport(rest, new JacksonJsonpMapper()));
        if (properties.compatibleWith() > 0) {
            // The 9.x client asks for its own major version, which an 8.x server refuses (400).
            String mediaType = "application/vnd.elasticsearch+json; compatible-with=" + properties.compatibleWith();
            base = base.withTransportOptions(o -> o.setHeader("Accept", mediaType).setHeader("Content-Type", mediaType));
        }
        this.client = base;
    }

    public ElasticsearchClient client() {
        return client;
    }

    public ElasticsearchProperties properties() {
        return properties;
    }

    /** One request to the cluster. */
    public interface Call<T> {
        T run() throws IOException;
    }

    /**
     * Runs one request on {@code index}. A missing index (deleted under us: a replay started, or an operator)
     * calls {@code indexMissing}, so that the caller recreates it on its next call, and is unavailable meanwhile.
     */
    public <T> T call(String index, Call<T> request, Runnable indexMissing) {
        try {
            return request.run();
        } catch (IOException e) {
            throw unavailable(e);
        } catch (ElasticsearchException e) {
            if (e.status() == 429 || e.status() >= 500) {
                throw unavailable(e);
            }
            if ("index_not_found_exception".equals(e.error().type())) {
                indexMissing.run();
                throw unavailable(e);
            }
            throw new IllegalStateException("Elasticsearch refused a request on " + index + ": " + e.getMessage(), e);
        }
    }

    /**
     * Creates {@code index} with the configured shards and replicas, {@code settings} and {@code mapping} unless
     * it exists; whether this call created it (false also when another instance just did).
     */
    public boolean createIfMissing(String index, IndexSettings.Builder settings, TypeMapping mapping,
            Runnable indexMissing) {
        if (call(index, () -> client.indices().exists(e -> e.index(index)).value(), indexMissing)) {
            return false;
        }
        IndexSettings indexSettings = settings.numberOfShards(String.valueOf(properties.shards()))
                .numberOfReplicas(String.valueOf(properties.replicas())).build();
        try {
            call(index, () -> client.indices().create(c -> c.index(index).settings(indexSettings).mappings(mapping)),
                    indexMissing);
            log.info("Created the index {} on {}", index, properties.url());
            return true;
        } catch (IllegalStateException e) {
            // another instance created it first
            if (!call(index, () -> client.indices().exists(x -> x.index(index)).value(), indexMissing)) {
                throw e;
            }
            return false;
        }
    }

    /**
     * Fails like {@link #call} when an item of a bulk request failed, unless {@code acceptable}: a full or
     * unavailable cluster is a retry, any other refusal a bug.
     */
    public void requireWritten(String index, BulkResponse response, Predicate<BulkResponseItem> acceptable) {
        if (!response.errors()) {
            return;
        }
        for (BulkResponseItem item : response.items()) {
            if (item.error() != null && !acceptable.test(item)) {
                if (item.status() == 429 || item.status() >= 500) {
                    throw unavailable(new IllegalStateException(item.error().reason()));
                }
                throw new IllegalStateException("Elasticsearch refused a write to " + index + ": "
                        + item.error().type() + " " + item.error().reason());
            }
        }
    }

    /** The failure of a request, or of one item of a bulk request, that a later try may not meet. */
    public ServiceUnavailableException unavailable(Exception cause) {
        log.warn("Elasticsearch at {} is unavailable: {}", properties.url(), cause.toString());
        ServiceUnavailableException unavailable = new ServiceUnavailableException(
                "Search is unavailable for the moment; try again shortly");
        unavailable.initCause(cause);
        return unavailable;
    }

    @Override
    public void close() throws IOException {
        rest.close();
    }

    private static Timeout timeout(long millis) {
        return Timeout.of(millis, TimeUnit.MILLISECONDS);
    }
}
