package io.cairn.run.query.search;

import io.cairn.common.error.InvalidInputException;
import java.util.List;
import java.util.Objects;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Sort;

/**
 * Translates a run search (the grammar documented on {@link RunSearchSql}) into a Lucene query and sort over
 * {@link RunDocument}s: the embedded profile's run index answers searches with it.
 */
public final class RunSearchLucene {

    private RunSearchLucene() {
    }

    /** The query selecting the tenant's matching runs of {@code projectIds}, and their order. */
    public record LuceneQuery(Query query, Sort sort) {
    }

    /**
     * @throws InvalidInputException if the filter or an order-by entry is invalid
     */
    public static LuceneQuery build(String tenantId, List<String> projectIds, String filter, List<String> orderBy) {
        Objects.requireNonNull(tenantId, "tenantId");
        if (projectIds == null || projectIds.isEmpty()) {
            throw new IllegalArgumentException("projectIds must not be empty");
        }
        List<Comparison> comparisons = SearchParser.parseFilter(filter);
        List<OrderTerm> orderTerms = SearchParser.parseOrderBy(orderBy);
        return new LuceneQuery(LuceneRenderer.query(tenantId, projectIds, comparisons),
                LuceneRenderer.sort(orderTerms));
    }
}
