package io.cairn.search.query;

import io.cairn.search.query.SearchIndex.Key;
import io.cairn.search.query.SearchIndex.Write;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The changes one batch of events makes to the search index, folded per document: {@link #writeTo} reads
 * the documents the batch updates without having created them in one {@link SearchIndex#find} call, applies
 * every change in event order, and hands the results to the index in one {@link SearchIndex#write}. Each
 * processing thread (segment) folds its own batch, so batches never see or send each other's writes.
 */
final class SearchChanges {

    /** One document's changes in event order, and whether the first needs the stored document. */
    private static final class Changes {

        final boolean needsStored;
        final List<Change> changes = new ArrayList<>();

        Changes(boolean needsStored) {
            this.needsStored = needsStored;
        }
    }

    /** Replaces the document ({@code document}), removes it (both null) or updates it if it exists. */
    private record Change(SearchDocument document, UnaryOperator<SearchDocument> update) {

        SearchDocument applyTo(SearchDocument current) {
            if (update != null) {
                return current == null ? null : update.apply(current);
            }
            return document;
        }
    }

    private final Map<Key, Changes> byDocument = new LinkedHashMap<>();

    void put(SearchDocument document) {
        add(Key.of(document), new Change(document, null));
    }

    void delete(Key key) {
        add(key, new Change(null, null));
    }

    /** Changes the document if it exists by then (a document never created stays absent). */
    void update(Key key, UnaryOperator<SearchDocument> update) {
        add(key, new Change(null, update));
    }

    private void add(Key key, Change change) {
        byDocument.computeIfAbsent(key, k -> new Changes(change.update() != null)).changes.add(change);
    }

    void writeTo(SearchIndex index, boolean searchable) {
        Set<Key> needed = new LinkedHashSet<>();
        byDocument.forEach((key, changes) -> {
            if (changes.needsStored) {
                needed.add(key);
            }
        });
        Map<Key, SearchDocument> stored = index.find(needed);
        List<Write> writes = new ArrayList<>();
        byDocument.forEach((key, changes) -> {
            SearchDocument before = changes.needsStored ? stored.get(key) : null;
            SearchDocument after = before;
            for (Change change : changes.changes) {
                after = change.applyTo(after);
            }
            if (before != null || after != null || !changes.needsStored) {
                writes.add(new Write(key, after));
            }
        });
        index.write(writes, searchable);
    }
}
