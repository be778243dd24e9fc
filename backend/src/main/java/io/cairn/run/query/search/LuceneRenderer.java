package io.cairn.run.query.search;

import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.WildcardQuery;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.automaton.Operations;

/**
 * Renders parsed comparisons and order terms as a Lucene query and sort over {@link RunDocument}s, with the
 * same meaning as {@link SqlRenderer}'s SQL (the shared contract test runs both):
 * <ul>
 *   <li>every comparison is a filter clause; {@code !=} and {@code NOT IN} also require the field to exist,
 *       because a run lacking a key never matches, and a NULL end time never compares;</li>
 *   <li>{@code LIKE} becomes a wildcard query on the exact terms, {@code ILIKE} one on the lowercased terms;</li>
 *   <li>metric comparisons treat NaN as greater than every number, as H2 and PostgreSQL do;</li>
 *   <li>runs lacking an ordered-by field sort last in both directions (the missing value is chosen per
 *       direction), and the run id breaks ties so that paging is stable.</li>
 * </ul>
 */
final class LuceneRenderer {

    private LuceneRenderer() {
    }

    static Query query(String tenantId, List<String> projectIds, List<Comparison> comparisons) {
        BooleanQuery.Builder query = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(RunDocument.TENANT, tenantId)), Occur.FILTER)
                .add(terms(Attribute.PROJECT_ID.column, projectIds), Occur.FILTER);
        for (Comparison comparison : comparisons) {
            query.add(condition(comparison), Occur.FILTER);
        }
        return query.build();
    }

    static Sort sort(List<OrderTerm> orderTerms) {
        List<SortField> fields = new ArrayList<>();
        for (OrderTerm term : orderTerms) {
            fields.add(sortField(term));
        }
        fields.add(new SortField(Attribute.RUN_ID.column, SortField.Type.STRING));
        return new Sort(fields.toArray(SortField[]::new));
    }

    private static Query condition(Comparison comparison) {
        DocumentField target = DocumentField.of(comparison.field());
        String field = target.name();
        ValueType type = target.type();
        Value value = comparison.value();
        Operator operator = comparison.operator();
        if (operator == Operator.NE || operator == Operator.NOT_IN) {
            Query equal = operator == Operator.NE ? equal(field, type, value) : terms(field, texts(value));
            return new BooleanQuery.Builder()
                    .add(target.mayBeMissing() ? new FieldExistsQuery(field) : new MatchAllDocsQuery(), Occur.FILTER)
                    .add(equal, Occur.MUST_NOT)
                    .build();
        }
        switch (operator) {
            case EQ:
                return equal(field, type, value);
            case IN:
                return terms(field, texts(value));
            case LIKE:
                return like(field, text(value));
            case ILIKE:
                return like(target.lowercaseName(), RunDocument.lowercase(text(value)));
            default:
                return range(field, type, operator, value);
        }
    }

    private static Query equal(String field, ValueType type, Value value) {
        switch (type) {
            case NUMBER:
                return DoublePoint.newExactQuery(field, RunDocument.normalize(((Value.Real) value).value()));
            case MILLIS:
                return LongPoint.newExactQuery(field, ((Value.Millis) value).value());
            default:
                return new TermQuery(new Term(field, text(value)));
        }
    }

    private static Query range(String field, ValueType type, Operator operator, Value value) {
        if (type == ValueType.NUMBER) {
            double bound = RunDocument.normalize(((Value.Real) value).value());
            // NaN is the upper end: DoublePoint orders it above +Infinity, like H2 and PostgreSQL do.
            switch (operator) {
                case GT:
                    return DoublePoint.newRangeQuery(field, DoublePoint.nextUp(bound), Double.NaN);
                case GE:
                    return DoublePoint.newRangeQuery(field, bound, Double.NaN);
                case LT:
                    return DoublePoint.newRangeQuery(field, Double.NEGATIVE_INFINITY, DoublePoint.nextDown(bound));
                default:
                    return DoublePoint.newRangeQuery(field, Double.NEGATIVE_INFINITY, bound);
            }
        }
        long bound = ((Value.Millis) value).value();
        switch (operator) {
            case GT:
                return bound == Long.MAX_VALUE ? new BooleanQuery.Builder().build()
                        : LongPoint.newRangeQuery(field, bound + 1, Long.MAX_VALUE);
            case GE:
                return LongPoint.newRangeQuery(field, bound, Long.MAX_VALUE);
            case LT:
                return bound == Long.MIN_VALUE ? new BooleanQuery.Builder().build()
                        : LongPoint.newRangeQuery(field, Long.MIN_VALUE, bound - 1);
            default:
                return LongPoint.newRangeQuery(field, Long.MIN_VALUE, bound);
        }
    }

    private static Query like(String field, String pattern) {
        return new WildcardQuery(new Term(field, DocumentField.wildcard(field, pattern)),
                Operations.DEFAULT_DETERMINIZE_WORK_LIMIT);
    }

    private static Query terms(String field, List<String> values) {
        return new TermInSetQuery(field, values.stream().map(BytesRef::new).toList());
    }

    private static SortField sortField(OrderTerm term) {
        boolean reverse = term.descending();
        DocumentField target = DocumentField.of(term.field());
        // Metric doc values hold NumericUtils.doubleToSortableLong, so a LONG sort orders them as doubles, and
        // the extreme longs lie beyond every double (NaN included): missing sorts last either way.
        return target.type() == ValueType.STRING ? stringSort(target.name(), reverse)
                : longSort(target.name(), reverse);
    }

    private static SortField longSort(String field, boolean reverse) {
        SortField sort = new SortField(field, SortField.Type.LONG, reverse);
        sort.setMissingValue(reverse ? Long.MIN_VALUE : Long.MAX_VALUE);
        return sort;
    }

    private static SortField stringSort(String field, boolean reverse) {
        SortField sort = new SortField(field, SortField.Type.STRING, reverse);
        sort.setMissingValue(reverse ? SortField.STRING_FIRST : SortField.STRING_LAST);
        return sort;
    }

    private static String text(Value value) {
        return ((Value.Text) value).value();
    }

    private static List<String> texts(Value value) {
        return value instanceof Value.TextList list ? list.values() : List.of(text(value));
    }
}
