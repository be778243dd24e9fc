package io.cairn.search.query;

import io.cairn.search.api.SearchKind;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The global search index over projects, runs, datasets and models of every organization: embedded Lucene
 * ({@code cairn.global-search.engine=lucene}, the default) or Elasticsearch ({@code elasticsearch}, the
 * cluster profile). Written only by the {@code search} projection, a batch of events at a time, by as many
 * threads as the projection has segments; read by any number of requests. The index keeps no state between
 * calls: the projection folds a batch's changes itself and hands them over in one {@link #write}. Every
 * implementation passes {@code SearchIndexContract}.
 *
 * <p>Implementations fail with {@link io.cairn.common.error.ServiceUnavailableException} when their server
 * does not answer: a search then answers 503 and the projection retries the batch later.
 */
public interface SearchIndex {

    /** The stored documents of {@code keys}, by key; keys without a document are left out. */
    Map<Key, SearchDocument> find(Collection<Key> keys);

    default Optional<SearchDocument> find(String tenantId, SearchKind kind, String id) {
        Key key = new Key(tenantId, kind, id);
        return Optional.ofNullable(find(List.of(key)).get(key));
    }

    /**
     * Adds, replaces or removes the documents, durably when this returns.
     *
     * @param searchable whether the writes must also be searchable when this returns; false while the
     *                   projection replays, when the engine may make them searchable on its own schedule
     *                   (Elasticsearch: within its refresh interval, or at the next search)
     */
    void write(List<Write> writes, boolean searchable);

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

    /** Which document: one resource of one organization. */
    record Key(String tenantId, SearchKind kind, String id) {

        public static Key of(SearchDocument document) {
            return new Key(document.tenantId(), document.kind(), document.id());
        }

        /** The document's id in an index of every organization: {@code <tenant>/<kind>:<id>}. */
        public String documentId() {
            return tenantId + "/" + SearchDocument.key(kind, id);
        }
    }

    /** The document to store under {@code key}, or null to remove it. */
    record Write(Key key, SearchDocument document) {

        public static Write put(SearchDocument document) {
            return new Write(Key.of(document), document);
        }

        public static Write delete(Key key) {
            return new Write(key, null);
        }
    }
}
