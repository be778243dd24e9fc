package io.cairn.run.query.search;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.json.JsonData;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders parsed comparisons and order terms as an Elasticsearch query and sort over the documents of
 * {@link RunSearchElasticsearch}, with the meaning of {@link LuceneRenderer}'s (the shared contract test runs
 * both, and the SQL):
 * <ul>
 *   <li>every comparison is a filter clause; {@code !=} and {@code NOT IN} also require the field to exist;</li>
 *   <li>params, tags and metrics are keys of {@code flattened} fields ({@code params.lr}): term, terms,
 *       exists, bounded ranges and sorting work on them, wildcards do not, so {@code LIKE} and {@code ILIKE}
 *       query the {@code like} and {@code ilike} keywords, which hold {@code <field>\0<value>} per string
 *       value (lowercased in {@code ilike}), with the field as the literal prefix of the pattern;</li>
 *   <li>metric values are held as {@link RunSearchElasticsearch#metric(double) order-preserving hex strings}
 *       (a flattened field's values are strings), so NaN is greater than every number as in SQL;</li>
 *   <li>runs lacking an ordered-by field sort last in both directions ({@code missing: _last}) and the run id
 *       breaks ties so that paging is stable.</li>
 * </ul>
 */
final class ElasticsearchRenderer {

    private ElasticsearchRenderer() {
    }

    static Query query(String tenantId, List<String> projectIds, List<Comparison> comparisons) {
        BoolQuery.Builder query = new BoolQuery.Builder()
                .filter(term(RunSearchElasticsearch.TENANT, FieldValue.of(tenantId)))
                .filter(terms(Attribute.PROJECT_ID.column, projectIds));
        for (Comparison comparison : comparisons) {
            query.filter(condition(comparison));
        }
        return query.build()._toQuery();
    }

    static List<SortOptions> sort(List<OrderTerm> orderTerms) {
        List<SortOptions> sort = new ArrayList<>();
        for (OrderTerm term : orderTerms) {
            String field = DocumentField.of(term.field()).name();
            SortOrder order = term.descending() ? SortOrder.Desc : SortOrder.Asc;
            sort.add(SortOptions.of(s -> s.field(f -> f.field(field).order(order).missing("_last"))));
        }
        sort.add(SortOptions.of(s -> s.field(f -> f.field(Attribute.RUN_ID.column).order(SortOrder.Asc))));
        return sort;
    }

    private static Query condition(Comparison comparison) {
        DocumentField target = DocumentField.of(comparison.field());
        String field = target.name();
        Value value = comparison.value();
        Operator operator = comparison.operator();
        if (operator == Operator.NE || operator == Operator.NOT_IN) {
            Query equal = operator == Operator.NE ? equal(field, target.type(), value) : terms(field, texts(value));
            Query present = target.mayBeMissing() ? Query.of(q -> q.exists(e -> e.field(field)))
                    : Query.of(q -> q.matchAll(m -> m));
            return Query.of(q -> q.bool(b -> b.filter(present).mustNot(equal)));
        }
        switch (operator) {
            case EQ:
                return equal(field, target.type(), value);
            case IN:
                return terms(field, texts(value));
            case LIKE:
                return like(RunSearchElasticsearch.LIKE, field, text(value));
            case ILIKE:
                return like(RunSearchElasticsearch.ILIKE, field, RunDocument.lowercase(text(value)));
            default:
                return range(field, target.type(), operator, value);
        }
    }

    private static Query equal(String field, ValueType type, Value value) {
        switch (type) {
            case NUMBER:
                return term(field, FieldValue.of(RunSearchElasticsearch.metric(((Value.Real) value).value())));
            case MILLIS:
                return term(field, FieldValue.of(((Value.Millis) value).value()));
            default:
                return term(field, FieldValue.of(text(value)));
        }
    }

    private static Query range(String field, ValueType type, Operator operator, Value value) {
        if (type == ValueType.NUMBER) {
            // Ranges on a flattened key take both bounds; the extreme longs lie beyond every metric value.
            long bound = DocumentField.sortable(((Value.Real) value).value());
            long from = switch (operator) {
                case GT -> bound + 1;
                case GE -> bound;
                default -> Long.MIN_VALUE;
            };
            long to = switch (operator) {
                case LT -> bound - 1;
                case LE -> bound;
                default -> Long.MAX_VALUE;
            };
            String gte = RunSearchElasticsearch.sortableHex(from);
            String lte = RunSearchElasticsearch.sortableHex(to);
            return Query.of(q -> q.range(r -> r.term(t -> t.field(field).gte(gte).lte(lte))));
        }
        JsonData bound = JsonData.of(((Value.Millis) value).value());
        return Query.of(q -> q.range(r -> r.untyped(u -> {
            u.field(field);
            return switch (operator) {
                case GT -> u.gt(bound);
                case GE -> u.gte(bound);
                case LT -> u.lt(bound);
                default -> u.lte(bound);
            };
        })));
    }

    /** The pattern on {@code field}'s entries of the {@code like} or {@code ilike} keyword. */
    private static Query like(String keyword, String field, String pattern) {
        String wildcard = RunSearchElasticsearch.likePattern(field, DocumentField.wildcard(field, pattern));
        return Query.of(q -> q.wildcard(w -> w.field(keyword).value(wildcard)));
    }

    private static Query term(String field, FieldValue value) {
        return Query.of(q -> q.term(t -> t.field(field).value(value)));
    }

    private static Query terms(String field, List<String> values) {
        List<FieldValue> terms = values.stream().map(FieldValue::of).toList();
        return Query.of(q -> q.terms(t -> t.field(field).terms(v -> v.value(terms))));
    }

    private static String text(Value value) {
        return ((Value.Text) value).value();
    }

    private static List<String> texts(Value value) {
        return value instanceof Value.TextList list ? list.values() : List.of(text(value));
    }
}
