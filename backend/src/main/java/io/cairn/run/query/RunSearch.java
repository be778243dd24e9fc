package io.cairn.run.query;

import java.util.List;

/**
 * Answers run searches ({@code POST /api/v1/runs/search}): the filter grammar and order-by syntax of
 * {@link io.cairn.run.query.search.RunSearchSql}. {@code cairn.search.engine} picks the engine: {@code lucene}
 * (default, an embedded index under the data directory), {@code elasticsearch} (the cluster profile's default,
 * an index shared by the instances) or {@code sql} (the read model's tables).
 */
public interface RunSearch {

    /**
     * One page of the tenant's runs of {@code projectIds} matching {@code filter}, in {@code orderBy} order.
     *
     * @throws io.cairn.common.error.InvalidInputException if the filter or an order-by entry is invalid
     */
    List<RunView> search(String tenantId, List<String> projectIds, String filter, List<String> orderBy, int limit,
            long offset);
}
