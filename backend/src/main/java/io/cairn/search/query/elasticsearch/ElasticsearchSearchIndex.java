package io.cairn.search.query.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.mapping.DynamicMapping;
import co.elastic.clients.elasticsearch._types.mapping.TypeMapping;
import co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery;
import co.elastic.clients.elasticsearch._types.query_dsl.Operator;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch._types.query_dsl.ZeroTermsQuery;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.MgetResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.elasticsearch.core.mget.MultiGetResponseItem;
import co.elastic.clients.elasticsearch.indices.IndexSettings;
import io.cairn.common.error.ServiceUnavailableException;
import io.cairn.search.api.SearchKind;
import io.cairn.search.query.SearchDocument;
import io.cairn.search.query.SearchIndex;
import io.cairn.search.query.SearchQuery;
import io.cairn.search.query.SearchQuery.Filter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The cluster profile's global search: one Elasticsearch index, {@code <prefix>}{@value #INDEX}, for every
 * organization. Each document carries a {@code tenant} keyword that every search filters on first and is
 * routed by tenant, so one organization's documents sit in one shard and a search touches only that shard.
 * (An index per organization would cost a shard set per organization; clusters hold a few thousand shards
 * well, organizations may be many more.)
 *
 * <p>Wire names: the index name and its field names ({@code tenant kind id key project status tag param
 * text updated source}) are fixed here; a change of mapping gets a new index name ({@code -v2}) and a
 * replay of the {@code search} projection. The whole {@link SearchDocument} is kept as JSON in the unindexed
 * {@code source} field, read back by searches and by the projection's updates.
 *
 * <p>The index is created on first use (standard analyzer only: the server may lack the analysis module).
 * A batch of events reads the documents it updates in one multi-get and writes its changes in one bulk
 * request: durable when acknowledged (Elasticsearch's translog), and searchable at once (the request refreshes
 * the index) except during a replay, whose batches leave refreshing to Elasticsearch (within its refresh
 * interval, or at the next search). When the cluster cannot be reached, every method fails with
 * {@link ServiceUnavailableException} after at most the connect timeout.
 */
public class ElasticsearchSearchIndex implements SearchIndex, AutoCloseable {

    /** The index's name after the configured prefix: a wire name, never derived from code. */
    public static final String INDEX = "cairn-search-v1";

    private static final String SOURCE = "source";

    private final ElasticsearchConnection connection;
    private final ElasticsearchClient client;
    private final JsonMapper json;
    private final String index;
    private volatile boolean indexReady;

    public ElasticsearchSearchIndex(ElasticsearchProperties properties, JsonMapper json) {
        this.connection = new ElasticsearchConnection(properties);
        this.client = connection.client();
        this.json = json;
        this.index = properties.indexPrefix() + INDEX;
    }

    /** One multi-get request for all of {@code keys}. */
    @Override
    public Map<Key, SearchDocument> find(Collection<Key> keys) {
        if (keys.isEmpty()) {
            return Map.of();
        }
        ensureIndex();
        List<Key> ordered = List.copyOf(keys);
        @SuppressWarnings("rawtypes")
        MgetResponse<Map> response = call(() -> client.mget(m -> {
            m.index(index);
            for (Key key : ordered) {
                m.docs(d -> d.id(key.documentId()).routing(key.tenantId()));
            }
            return m;
        }, Map.class));
        Map<Key, SearchDocument> found = new HashMap<>();
        for (int i = 0; i < ordered.size(); i++) {
            @SuppressWarnings("rawtypes")
            MultiGetResponseItem<Map> item = response.docs().get(i);
            if (item.isFailure()) {
                throw connection.unavailable(new IllegalStateException("Cannot read " + ordered.get(i).documentId()
                        + " from " + index + ": " + item.failure().error().reason()));
            }
            if (item.result().found() && item.result().source() != null) {
                found.put(ordered.get(i), json.readValue((String) item.result().source().get(SOURCE),
                        SearchDocument.class));
            }
        }
        return found;
    }

    /** One bulk request, which also refreshes the index when the writes must be searchable at once. */
    @Override
    public void write(List<Write> writes, boolean searchable) {
        if (writes.isEmpty()) {
            return;
        }
        ensureIndex();
        BulkRequest.Builder bulk = new BulkRequest.Builder().index(index)
                .refresh(searchable ? Refresh.True : Refresh.False);
        for (Write write : writes) {
            String documentId = write.key().documentId();
            String routing = write.key().tenantId();
            if (write.document() == null) {
                bulk.operations(o -> o.delete(d -> d.id(documentId).routing(routing)));
            } else {
                Map<String, Object> body = body(write.document());
                bulk.operations(o -> o.index(i -> i.id(documentId).routing(routing).document(body)));
            }
        }
        BulkResponse response = call(() -> client.bulk(bulk.build()));
        connection.requireWritten(index, response, item -> false);
    }

    @Override
    public synchronized void clear() {
        boolean exists = call(() -> client.indices().exists(e -> e.index(index))).value();
        if (exists) {
            call(() -> client.indices().delete(d -> d.index(index)));
        }
        indexReady = false;
        ensureIndex();
    }

    @Override
    public List<SearchDocument> search(SearchQuery query, long offset, int limit) {
        ensureIndex();
        int from = (int) Math.min(offset, MAX_WINDOW);
        int size = Math.max(0, Math.min(limit, MAX_WINDOW - from));
        if (size == 0) {
            return List.of();
        }
        @SuppressWarnings("rawtypes")
        SearchResponse<Map> response = call(() -> client.search(s -> s.index(index).routing(query.tenantId())
                .query(query(query)).from(from).size(size).trackTotalHits(t -> t.enabled(false))
                .sort(o -> o.score(sc -> sc.order(SortOrder.Desc)))
                .sort(o -> o.field(f -> f.field("key").order(SortOrder.Asc))), Map.class));
        List<SearchDocument> page = new ArrayList<>();
        for (@SuppressWarnings("rawtypes") Hit<Map> hit : response.hits().hits()) {
            page.add(json.readValue((String) hit.source().get(SOURCE), SearchDocument.class));
        }
        return page;
    }

    @Override
    public void close() throws IOException {
        connection.close();
    }

    private Map<String, Object> body(SearchDocument document) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tenant", document.tenantId());
        body.put("kind", document.kind().wireName());
        body.put("id", document.id());
        body.put("key", document.key());
        body.put("project", document.projectId());
        body.put("status", document.status());
        body.put("tag", document.tagTerms());
        body.put("param", document.paramTerms());
        body.put("text", document.text());
        body.put("updated", document.updateTime());
        body.put(SOURCE, json.writeValueAsString(document));
        return body;
    }

    private Query query(SearchQuery query) {
        BoolQuery.Builder bool = new BoolQuery.Builder();
        bool.filter(term("tenant", query.tenantId()));
        if (query.visibleProjects() != null) {
            List<FieldValue> kinds = new ArrayList<>();
            for (SearchKind kind : SearchKind.values()) {
                if (kind.organizationWide()) {
                    kinds.add(FieldValue.of(kind.wireName()));
                }
            }
            List<FieldValue> projects = query.visibleProjects().stream().map(FieldValue::of).toList();
            bool.filter(f -> f.bool(visible -> {
                visible.should(s -> s.terms(t -> t.field("kind").terms(v -> v.value(kinds))));
                if (!projects.isEmpty()) {
                    visible.should(s -> s.terms(t -> t.field("project").terms(v -> v.value(projects))));
                }
                return visible.minimumShouldMatch("1");
            }));
        }
        for (Filter filter : query.filters()) {
            bool.filter(filterQuery(filter));
        }
        for (String word : query.words()) {
            bool.must(m -> m.match(t -> t.field("text").query(word).operator(Operator.And)
                    .zeroTermsQuery(ZeroTermsQuery.All)));
        }
        for (String phrase : query.phrases()) {
            bool.must(m -> m.matchPhrase(t -> t.field("text").query(phrase).zeroTermsQuery(ZeroTermsQuery.All)));
        }
        return bool.build()._toQuery();
    }

    private static Query filterQuery(Filter filter) {
        return switch (filter.field()) {
            case KIND -> term("kind", filter.value());
            case PROJECT -> term("project", filter.value());
            case STATUS -> term("status", filter.value());
            case ID -> term("id", filter.value());
            case TAG -> term("tag", SearchDocument.term(filter.key(), filter.value()));
            case PARAM -> term("param", SearchDocument.term(filter.key(), filter.value()));
        };
    }

    private static Query term(String field, String value) {
        return Query.of(q -> q.term(t -> t.field(field).value(value)));
    }

    private void ensureIndex() {
        if (indexReady) {
            return;
        }
        synchronized (this) {
            if (!indexReady) {
                connection.createIfMissing(index, new IndexSettings.Builder(), TypeMapping.of(m -> m
                        .dynamic(DynamicMapping.False)
                        .properties("tenant", p -> p.keyword(k -> k))
                        .properties("kind", p -> p.keyword(k -> k))
                        .properties("id", p -> p.keyword(k -> k))
                        .properties("key", p -> p.keyword(k -> k))
                        .properties("project", p -> p.keyword(k -> k))
                        .properties("status", p -> p.keyword(k -> k))
                        .properties("tag", p -> p.keyword(k -> k))
                        .properties("param", p -> p.keyword(k -> k))
                        .properties("text", p -> p.text(t -> t.analyzer("standard")))
                        .properties("updated", p -> p.long_(l -> l))), () -> indexReady = false);
                indexReady = true;
            }
        }
    }

    private <T> T call(ElasticsearchConnection.Call<T> request) {
        return connection.call(index, request, () -> indexReady = false);
    }

}
