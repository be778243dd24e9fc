package io.cairn.search.query.lucene;

import io.cairn.search.api.SearchKind;
import io.cairn.search.query.SearchDocument;
import io.cairn.search.query.SearchIndex;
import io.cairn.search.query.SearchQuery;
import io.cairn.search.query.SearchQuery.Filter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field.Store;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.QueryBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * The embedded profile's global search: one Lucene index under {@code $CAIRN_DATA_DIR/index/search} holding
 * every organization's documents, each with a {@code tenant} term that every search filters on.
 *
 * <p>Each {@link #write} (one per batch of events, before the projection stores its token) commits its documents
 * and reopens the searcher, so a processed event is durable and searchable.
 */
public class LuceneSearchIndex implements SearchIndex, AutoCloseable {

    private static final String UID = "uid";
    private static final String TENANT = "tenant";
    private static final String KIND = "kind";
    private static final String ID = "id";
    private static final String KEY = "key";
    private static final String PROJECT = "project";
    private static final String STATUS = "status";
    private static final String TAG = "tag";
    private static final String PARAM = "param";
    private static final String TEXT = "text";
    private static final String SOURCE = "source";

    private final JsonMapper json;
    private final FSDirectory directory;
    private final Analyzer analyzer = new StandardAnalyzer();
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final boolean created;

    public LuceneSearchIndex(Path path, JsonMapper json) {
        this.json = json;
        try {
            this.directory = FSDirectory.open(path);
            this.writer = new IndexWriter(directory, new IndexWriterConfig(analyzer)
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND));
            this.created = !DirectoryReader.indexExists(directory);
            if (created) {
                writer.commit();
            }
            this.searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the search index in " + path, e);
        }
    }

    /** Whether this start found no index (a new installation, or the directory was deleted). */
    public boolean created() {
        return created;
    }

    @Override
    public Map<Key, SearchDocument> find(Collection<Key> keys) {
        if (keys.isEmpty()) {
            return Map.of();
        }
        return withSearcher(searcher -> {
            Map<Key, SearchDocument> found = new HashMap<>();
            StoredFields stored = searcher.storedFields();
            for (Key key : keys) {
                TopDocs hits = searcher.search(new TermQuery(new Term(UID, key.documentId())), 1);
                if (hits.scoreDocs.length > 0) {
                    found.put(key, read(stored, hits.scoreDocs[0]));
                }
            }
            return found;
        });
    }

    /** Commits the writes and reopens the searcher, replaying or not: the commit is what costs. */
    @Override
    public synchronized void write(List<Write> writes, boolean searchable) {
        if (writes.isEmpty()) {
            return;
        }
        try {
            for (Write write : writes) {
                Term uid = new Term(UID, write.key().documentId());
                if (write.document() == null) {
                    writer.deleteDocuments(uid);
                } else {
                    writer.updateDocument(uid, document(write.document()));
                }
            }
            writer.commit();
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write to the search index", e);
        }
    }

    private Document document(SearchDocument document) {
        Document lucene = new Document();
        lucene.add(new StringField(UID, Key.of(document).documentId(), Store.NO));
        lucene.add(new StringField(TENANT, document.tenantId(), Store.NO));
        lucene.add(new StringField(KIND, document.kind().wireName(), Store.NO));
        lucene.add(new StringField(ID, document.id(), Store.NO));
        lucene.add(new SortedDocValuesField(KEY, new BytesRef(document.key())));
        if (document.projectId() != null) {
            lucene.add(new StringField(PROJECT, document.projectId(), Store.NO));
        }
        if (document.status() != null) {
            lucene.add(new StringField(STATUS, document.status(), Store.NO));
        }
        document.tagTerms().forEach(term -> lucene.add(new StringField(TAG, term, Store.NO)));
        document.paramTerms().forEach(term -> lucene.add(new StringField(PARAM, term, Store.NO)));
        lucene.add(new TextField(TEXT, document.text(), Store.NO));
        lucene.add(new StoredField(SOURCE, json.writeValueAsString(document)));
        return lucene;
    }

    @Override
    public synchronized void clear() {
        try {
            writer.deleteAll();
            writer.commit();
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot clear the search index", e);
        }
    }

    @Override
    public List<SearchDocument> search(SearchQuery query, long offset, int limit) {
        Query lucene = query(query);
        return withSearcher(searcher -> {
            int wanted = (int) Math.min(offset + limit, MAX_WINDOW);
            if (offset >= wanted) {
                return List.of();
            }
            Sort sort = new Sort(SortField.FIELD_SCORE, new SortField(KEY, SortField.Type.STRING));
            ScoreDoc[] hits = searcher.search(lucene, wanted, sort, false).scoreDocs;
            StoredFields stored = searcher.storedFields();
            List<SearchDocument> page = new ArrayList<>();
            for (int i = (int) offset; i < hits.length; i++) {
                page.add(read(stored, hits[i]));
            }
            return page;
        });
    }

    @Override
    public synchronized void close() throws IOException {
        searchers.close();
        writer.close();
        directory.close();
    }

    private Query query(SearchQuery query) {
        BooleanQuery.Builder bool = new BooleanQuery.Builder();
        bool.add(new TermQuery(new Term(TENANT, query.tenantId())), Occur.FILTER);
        if (query.visibleProjects() != null) {
            BooleanQuery.Builder visible = new BooleanQuery.Builder();
            for (SearchKind kind : SearchKind.values()) {
                if (kind.organizationWide()) {
                    visible.add(new TermQuery(new Term(KIND, kind.wireName())), Occur.SHOULD);
                }
            }
            if (!query.visibleProjects().isEmpty()) {
                visible.add(new TermInSetQuery(PROJECT, query.visibleProjects().stream().map(BytesRef::new).toList()),
                        Occur.SHOULD);
            }
            bool.add(visible.build(), Occur.FILTER);
        }
        for (Filter filter : query.filters()) {
            bool.add(new TermQuery(filterTerm(filter)), Occur.FILTER);
        }
        QueryBuilder text = new QueryBuilder(analyzer);
        boolean scored = false;
        for (String word : query.words()) {
            scored |= addText(bool, text.createBooleanQuery(TEXT, word, Occur.MUST));
        }
        for (String phrase : query.phrases()) {
            scored |= addText(bool, text.createPhraseQuery(TEXT, phrase));
        }
        if (!scored) {
            bool.add(new MatchAllDocsQuery(), Occur.MUST);
        }
        return bool.build();
    }

    private static boolean addText(BooleanQuery.Builder bool, Query text) {
        if (text == null) {
            return false;
        }
        bool.add(text, Occur.MUST);
        return true;
    }

    private static Term filterTerm(Filter filter) {
        return switch (filter.field()) {
            case KIND -> new Term(KIND, filter.value());
            case PROJECT -> new Term(PROJECT, filter.value());
            case STATUS -> new Term(STATUS, filter.value());
            case ID -> new Term(ID, filter.value());
            case TAG -> new Term(TAG, SearchDocument.term(filter.key(), filter.value()));
            case PARAM -> new Term(PARAM, SearchDocument.term(filter.key(), filter.value()));
        };
    }

    private SearchDocument read(StoredFields stored, ScoreDoc hit) throws IOException {
        return json.readValue(stored.document(hit.doc).get(SOURCE), SearchDocument.class);
    }

    private interface SearcherWork<T> {
        T run(IndexSearcher searcher) throws IOException;
    }

    private <T> T withSearcher(SearcherWork<T> work) {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                return work.run(searcher);
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Search index read failed", e);
        }
    }
}
