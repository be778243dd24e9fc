package io.cairn.search.query;

import io.cairn.search.api.SearchKind;
import java.util.List;
import java.util.Optional;

/**
 * The global search index over projects, runs, datasets and models of every organization: embedded Lucene
 * ({@code cairn.global-search.engine=lucene}, the default) or Elasticsearch ({@code elasticsearch}, the
 * cluster profile). Written only by the {@code search} projection, one thread at a time; read by any number
 * of requests. Every implementation passes {@code SearchIndexContract}.
 *
 * <p>Implementations fail with {@link io.cairn.common.error.ServiceUnavailableException} when their server
 * does not answer: a search then answers 503 and the projection retries the event later.
 */
public interface SearchIndex {

    /** The stored document, including writes not yet {@link #flush() flushed}. */
    Optional<SearchDocument> find(String tenantId, SearchKind kind, String id);

    /** Adds or replaces the document with the same tenant, kind and id. */
    void put(SearchDocument document);

    void delete(String tenantId, SearchKind kind, String id);

    /** Makes every write so far durable and searchable. */
    void flush();

    /** Removes every document of every organization (before a replay). */
    void clear();

    /**
     * One page of the documents matching {@code query}, best match first (ties by kind and id).
     *
     * @param offset documents skipped; {@code offset + limit} is at most {@link #MAX_WINDOW}
     */
    List<SearchDocument> search(SearchQuery query, long offset, int limit);

    /** The deepest result a search reaches (paging past it answers 400), the same for every engine. */
    int MAX_WINDOW = 10_000;
}
