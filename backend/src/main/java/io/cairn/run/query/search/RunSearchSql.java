package io.cairn.run.query.search;

import io.cairn.common.error.InvalidInputException;
import java.util.List;
import java.util.Objects;

/**
 * Translates a run search (MLflow's {@code search_runs} filter grammar and order-by syntax) into one
 * parameterised SQL query over {@code runs}, {@code run_params}, {@code run_tags} and
 * {@code run_latest_metrics}.
 *
 * <p>Filter: comparisons joined by {@code and} (case-insensitive; {@code or} is refused):
 * <ul>
 *   <li>{@code metrics.<key>} with {@code = != > >= < <=} and a number;</li>
 *   <li>{@code params.<key>}, {@code tags.<key>} with {@code = != LIKE ILIKE} and a quoted string, or
 *       {@code IN / NOT IN ('a', 'b')}; a run lacking the key never matches, even for {@code !=};</li>
 *   <li>{@code attributes.status}, {@code run_name} ({@code name}), {@code created_by} ({@code user_id}) with
 *       the string operators; {@code run_id} ({@code id}) with {@code = != IN NOT IN}; {@code project_id}
 *       with {@code = != IN}; {@code lifecycle_stage} ({@code active} or {@code deleted}) with
 *       {@code = != IN NOT IN}; {@code start_time}, {@code end_time} with numeric operators and milliseconds.</li>
 * </ul>
 * Prefixes also come singular ({@code metric.}, {@code param.}, {@code tag.}, {@code attribute.}) and as
 * {@code attr.} or {@code run.}; keys with other characters than {@code [A-Za-z0-9_./-]} are quoted with
 * backticks or double quotes. Strings take single or double quotes, escaped by doubling or a backslash.
 *
 * <p>Order by: up to {@value #MAX_ORDER_BY_ENTRIES} entries {@code <field> [ASC|DESC]}, default
 * {@code attributes.start_time DESC}; runs lacking an ordered-by key sort last either way, and {@code r.id}
 * breaks ties so that paging is stable.
 *
 * <p>Invalid input raises {@link InvalidInputException} with field {@code filter}, {@code orderBy} or
 * {@code orderBy[i]} and a message naming the problem and its 1-based character position.
 */
public final class RunSearchSql {

    /** Longest accepted filter (and order-by entry), in characters. */
    public static final int MAX_FILTER_LENGTH = SearchParser.MAX_INPUT_LENGTH;
    public static final int MAX_ORDER_BY_ENTRIES = SearchParser.MAX_ORDER_BY_ENTRIES;

    private RunSearchSql() {
    }

    /**
     * SQL selecting {@code r.id} of the matching runs of one tenant, in the requested order, one page.
     *
     * @param tenantId   the caller's tenant; every table is scoped by it
     * @param projectIds the projects to search, non-empty (validated by the caller)
     * @param filter     MLflow filter; null or blank matches every run
     * @param orderBy    order-by entries; null or empty means {@code attributes.start_time DESC}
     * @param limit      page size, at least 1
     * @param offset     rows to skip, at least 0
     * @throws InvalidInputException if the filter or an order-by entry is invalid
     */
    public static SqlQuery build(String tenantId, List<String> projectIds, String filter, List<String> orderBy,
            int limit, long offset) {
        Objects.requireNonNull(tenantId, "tenantId");
        if (projectIds == null || projectIds.isEmpty()) {
            throw new IllegalArgumentException("projectIds must not be empty");
        }
        if (limit < 1 || offset < 0) {
            throw new IllegalArgumentException("limit must be positive and offset not negative, got limit "
                    + limit + " and offset " + offset);
        }
        List<Comparison> comparisons = SearchParser.parseFilter(filter);
        List<OrderTerm> orderTerms = SearchParser.parseOrderBy(orderBy);
        return SqlRenderer.render(tenantId, projectIds, comparisons, orderTerms, limit, offset);
    }
}
