package io.cairn.run.query.search;

import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.mapping.DynamicMapping;
import co.elastic.clients.elasticsearch._types.mapping.TypeMapping;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import io.cairn.common.error.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A run search (the grammar documented on {@link RunSearchSql}) as an Elasticsearch query and sort, and the
 * document of one run they run over: the cluster profile's run index answers searches with them.
 *
 * <p>The document (field names are wire names: a change of mapping gets a new index name and a re-index):
 * {@code tenant}; the attributes under their {@code runs} column names ({@code id project_id name status
 * created_by lifecycle_stage} keywords, {@code start_time end_time} longs); {@code params}, {@code tags} and
 * {@code metrics} as {@code flattened} fields keyed by the params', tags' and metrics' keys (one mapped field
 * each, however many keys the organizations use: per-key fields would grow the shared mapping without bound);
 * {@code like} and {@code ilike} keywords for LIKE and ILIKE; and {@code view}, the run as the API shows it
 * (JSON), kept in the source only.
 *
 * <p>Metric values are held as strings, since a flattened field's values are strings: 16 hex digits of
 * {@link DocumentField#sortable} with the sign bit flipped, whose string order is the numeric order and which
 * keeps NaN and the infinities (an Elasticsearch {@code double} refuses them).
 */
public final class RunSearchElasticsearch {

    public static final String TENANT = "tenant";
    public static final String VIEW = "view";
    static final String LIKE = "like";
    static final String ILIKE = "ilike";
    /** Longest string value indexed for search (longer ones are kept in the view only), in characters. */
    static final int IGNORE_ABOVE = 8191;

    private RunSearchElasticsearch() {
    }

    /** The query selecting the tenant's matching runs of {@code projectIds}, and their order. */
    public record ElasticsearchQuery(Query query, List<SortOptions> sort) {
    }

    /**
     * @throws InvalidInputException if the filter or an order-by entry is invalid
     */
    public static ElasticsearchQuery build(String tenantId, List<String> projectIds, String filter,
            List<String> orderBy) {
        Objects.requireNonNull(tenantId, "tenantId");
        if (projectIds == null || projectIds.isEmpty()) {
            throw new IllegalArgumentException("projectIds must not be empty");
        }
        List<Comparison> comparisons = SearchParser.parseFilter(filter);
        List<OrderTerm> orderTerms = SearchParser.parseOrderBy(orderBy);
        return new ElasticsearchQuery(ElasticsearchRenderer.query(tenantId, projectIds, comparisons),
                ElasticsearchRenderer.sort(orderTerms));
    }

    /** The index's mapping: only the fields above are indexed; {@code view} stays in the source. */
    public static TypeMapping mapping() {
        return TypeMapping.of(m -> m.dynamic(DynamicMapping.False)
                .properties(TENANT, p -> p.keyword(k -> k))
                .properties(Attribute.RUN_ID.column, p -> p.keyword(k -> k))
                .properties(Attribute.PROJECT_ID.column, p -> p.keyword(k -> k))
                .properties(Attribute.RUN_NAME.column, p -> p.keyword(k -> k.ignoreAbove(IGNORE_ABOVE)))
                .properties(Attribute.STATUS.column, p -> p.keyword(k -> k))
                .properties(Attribute.CREATED_BY.column, p -> p.keyword(k -> k.ignoreAbove(IGNORE_ABOVE)))
                .properties(Attribute.LIFECYCLE_STAGE.column, p -> p.keyword(k -> k))
                .properties(Attribute.START_TIME.column, p -> p.long_(l -> l))
                .properties(Attribute.END_TIME.column, p -> p.long_(l -> l))
                .properties(KeyedEntity.PARAM.prefix, p -> p.flattened(f -> f.ignoreAbove(IGNORE_ABOVE)))
                .properties(KeyedEntity.TAG.prefix, p -> p.flattened(f -> f.ignoreAbove(IGNORE_ABOVE)))
                .properties(KeyedEntity.METRIC.prefix, p -> p.flattened(f -> f))
                .properties(LIKE, p -> p.keyword(k -> k.ignoreAbove(IGNORE_ABOVE)))
                .properties(ILIKE, p -> p.keyword(k -> k.ignoreAbove(IGNORE_ABOVE))));
    }

    /** The run's document, {@code view} being the run as the API shows it (JSON). */
    public static Map<String, Object> document(RunDocument.Values run, String view) {
        Map<String, Object> doc = new LinkedHashMap<>();
        List<String> like = new ArrayList<>();
        List<String> ilike = new ArrayList<>();
        doc.put(TENANT, run.tenantId());
        doc.put(Attribute.RUN_ID.column, run.id());
        doc.put(Attribute.PROJECT_ID.column, run.projectId());
        putString(doc, like, ilike, Attribute.RUN_NAME.column, run.name());
        putString(doc, like, ilike, Attribute.STATUS.column, run.status());
        putString(doc, like, ilike, Attribute.CREATED_BY.column, run.createdBy());
        doc.put(Attribute.LIFECYCLE_STAGE.column, run.lifecycleStage());
        doc.put(Attribute.START_TIME.column, run.startTime());
        if (run.endTime() != null) {
            doc.put(Attribute.END_TIME.column, run.endTime());
        }
        doc.put(KeyedEntity.PARAM.prefix, keyed(KeyedEntity.PARAM, run.params(), like, ilike));
        doc.put(KeyedEntity.TAG.prefix, keyed(KeyedEntity.TAG, run.tags(), like, ilike));
        Map<String, String> metrics = new LinkedHashMap<>();
        run.metrics().forEach((key, value) -> metrics.put(key, metric(value)));
        doc.put(KeyedEntity.METRIC.prefix, metrics);
        doc.put(LIKE, like);
        doc.put(ILIKE, ilike);
        doc.put(VIEW, view);
        return doc;
    }

    /** A metric value as indexed and queried. */
    static String metric(double value) {
        return sortableHex(DocumentField.sortable(value));
    }

    /** 16 hex digits whose string order is the signed order of {@code sortable}. */
    static String sortableHex(long sortable) {
        String hex = Long.toHexString(sortable ^ Long.MIN_VALUE);
        return "0".repeat(16 - hex.length()) + hex;
    }

    /** An entry of the {@code like} and {@code ilike} keywords: the field, a NUL (keys never hold one), the value. */
    static String likeEntry(String field, String value) {
        return field + '\0' + value;
    }

    /** The wildcard pattern matching {@code field}'s entries whose value matches {@code wildcard}. */
    static String likePattern(String field, String wildcard) {
        return likeEntry(field.replaceAll("([*?\\\\])", "\\\\$1"), wildcard);
    }

    private static Map<String, String> keyed(KeyedEntity entity, Map<String, String> values, List<String> like,
            List<String> ilike) {
        values.forEach((key, value) -> {
            String field = RunDocument.field(entity, key);
            like.add(likeEntry(field, value));
            ilike.add(likeEntry(field, RunDocument.lowercase(value)));
        });
        return values;
    }

    private static void putString(Map<String, Object> doc, List<String> like, List<String> ilike, String field,
            String value) {
        doc.put(field, value);
        like.add(likeEntry(field, value));
        ilike.add(likeEntry(field, RunDocument.lowercase(value)));
    }
}
