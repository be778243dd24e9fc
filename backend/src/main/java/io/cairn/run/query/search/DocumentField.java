package io.cairn.run.query.search;

import io.cairn.common.error.InvalidInputException;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.WildcardQuery;
import org.apache.lucene.util.NumericUtils;
import org.apache.lucene.util.automaton.Operations;
import org.apache.lucene.util.automaton.TooComplexToDeterminizeException;

/**
 * What a comparison or an order-by entry addresses in a run's index document, the same for the Lucene index
 * ({@link LuceneRenderer}) and Elasticsearch ({@link ElasticsearchRenderer}): the field name (as
 * {@link RunDocument} names it), how its values compare, and whether a run may lack it. Also the translations
 * both renderers need: SQL LIKE patterns into Lucene wildcard syntax (which Elasticsearch shares) and metric
 * values into order-preserving longs.
 *
 * @param name         {@code metrics.acc}, {@code params.lr}, {@code tags.team} or an attribute's column
 * @param type         how the field's values compare
 * @param mayBeMissing whether a run can lack the field (a key it never logged, a NULL end time)
 */
record DocumentField(String name, ValueType type, boolean mayBeMissing) {

    static DocumentField of(SearchField field) {
        if (field instanceof SearchField.Keyed keyed) {
            return new DocumentField(RunDocument.field(keyed.entity(), keyed.key()), keyed.valueType(), true);
        }
        Attribute attribute = ((SearchField.RunAttribute) field).attribute();
        return new DocumentField(attribute.column, attribute.valueType, attribute.nullable);
    }

    /** The field holding the lowercased values, for ILIKE. */
    String lowercaseName() {
        return RunDocument.LOWERCASE + name;
    }

    /**
     * SQL's LIKE pattern ({@code %}, {@code _}, {@code \} escaping) in Lucene's wildcard syntax ({@code *},
     * {@code ?}, {@code \}), refused when its automaton would be too large to evaluate.
     *
     * @throws InvalidInputException naming the filter when the pattern holds too many wildcards
     */
    static String wildcard(String field, String pattern) {
        StringBuilder wildcard = new StringBuilder(pattern.length());
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                appendLiteral(wildcard, pattern.charAt(++i));
            } else if (c == '%') {
                wildcard.append(WildcardQuery.WILDCARD_STRING);
            } else if (c == '_') {
                wildcard.append(WildcardQuery.WILDCARD_CHAR);
            } else {
                appendLiteral(wildcard, c);
            }
        }
        try {
            // the limit Lucene (and so Elasticsearch) applies when it runs the query
            new WildcardQuery(new Term(field, wildcard.toString()), Operations.DEFAULT_DETERMINIZE_WORK_LIMIT);
        } catch (TooComplexToDeterminizeException e) {
            throw new InvalidInputException("filter", "Invalid filter: the LIKE pattern '" + pattern
                    + "' has too many wildcards to evaluate; use fewer '%' and '_'");
        }
        return wildcard.toString();
    }

    /**
     * A metric value as a long that orders like the double does, NaN above +Infinity (as H2 and PostgreSQL
     * order it) and -0.0 equal to 0.0 (as SQL compares them).
     */
    static long sortable(double value) {
        return NumericUtils.doubleToSortableLong(RunDocument.normalize(value));
    }

    private static void appendLiteral(StringBuilder wildcard, char c) {
        if (c == WildcardQuery.WILDCARD_STRING || c == WildcardQuery.WILDCARD_CHAR || c == WildcardQuery.WILDCARD_ESCAPE) {
            wildcard.append(WildcardQuery.WILDCARD_ESCAPE);
        }
        wildcard.append(c);
    }
}
