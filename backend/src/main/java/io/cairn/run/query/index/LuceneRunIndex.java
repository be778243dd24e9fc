package io.cairn.run.query.index;

import io.cairn.common.CairnProperties;
import io.cairn.run.query.RunReadModel;
import io.cairn.run.query.RunSearch;
import io.cairn.run.query.RunView;
import io.cairn.run.query.search.RunDocument;
import io.cairn.run.query.search.RunSearchLucene;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.FSDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The embedded profile's run search: a Lucene index under {@code $CAIRN_DATA_DIR/index/runs}, one document
 * per run (see {@link RunDocument}), kept current from {@code run_index_queue}.
 *
 * <p>Consistency: the run projections note every changed run in the queue in the same transaction as the
 * read-model change. Before answering, a search indexes every run noted since the last search (rebuilding its
 * document from the read model) and reopens the searcher, so a client that wrote a run (and was answered
 * after its projection) finds it. Every {@code cairn.search.commit-interval} the index is committed and only
 * then the handled notes are deleted: a crash loses no change, it only re-indexes some runs.
 *
 * <p>A missing or emptied index directory is rebuilt from the read model at start.
 */
@Component
@ConditionalOnProperty(name = "cairn.search.engine", havingValue = "lucene", matchIfMissing = true)
public class LuceneRunIndex implements RunSearch {

    private static final Logger log = LoggerFactory.getLogger(LuceneRunIndex.class);
    /** Queue notes read per query, and runs loaded from the read model per query. */
    private static final int BATCH = 500;
    /** Queue notes handled per commit at most. */
    private static final int COMMIT_STEP = 10_000;

    private final JdbcTemplate jdbc;
    private final RunReadModel runs;
    private final JsonMapper json;
    private final FSDirectory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final ReentrantLock lock = new ReentrantLock();
    /** Queue notes whose runs are indexed but not yet committed; deleted from the queue by the next commit. */
    private final Set<Long> handled = new LinkedHashSet<>();
    private final ScheduledExecutorService committer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "run-index-commit");
        thread.setDaemon(true);
        return thread;
    });

    public LuceneRunIndex(JdbcTemplate jdbc, RunReadModel runs, JsonMapper json, CairnProperties cairn,
                          RunIndexProperties properties, MeterRegistry meters) throws IOException {
        this.jdbc = jdbc;
        this.runs = runs;
        this.json = json;
        Path path = cairn.dataDir().resolve("index").resolve("runs");
        this.directory = FSDirectory.open(path);
        boolean fresh = !DirectoryReader.indexExists(directory);
        this.writer = new IndexWriter(directory, new IndexWriterConfig().setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND));
        this.searchers = new SearcherManager(writer, null);
        if (fresh) {
            int queued = jdbc.update("INSERT INTO run_index_queue (tenant_id, run_id) SELECT tenant_id, id FROM runs");
            writer.commit();
            log.info("Created the run index in {}; {} existing runs queued for indexing", path, queued);
        }
        Gauge.builder("cairn.search.index.pending", this, index -> index.pending())
                .description("Run changes not yet committed to the run index")
                .register(meters);
        long interval = properties.commitInterval().toMillis();
        committer.scheduleWithFixedDelay(this::commitQuietly, interval, interval, TimeUnit.MILLISECONDS);
    }

    @Override
    public List<RunView> search(String tenantId, List<String> projectIds, String filter, List<String> orderBy,
            int limit, long offset) {
        RunSearchLucene.LuceneQuery query = RunSearchLucene.build(tenantId, projectIds, filter, orderBy);
        catchUp(Integer.MAX_VALUE);
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                int wanted = (int) Math.min(offset + limit, Math.max(1, searcher.getIndexReader().maxDoc()));
                if (offset >= wanted) {
                    return List.of();
                }
                ScoreDoc[] hits = searcher.search(query.query(), wanted, query.sort(), false).scoreDocs;
                StoredFields stored = searcher.storedFields();
                List<RunView> page = new ArrayList<>();
                for (int i = (int) offset; i < hits.length; i++) {
                    page.add(json.readValue(RunDocument.view(stored.document(hits[i].doc)), RunView.class));
                }
                return page;
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Run index search failed", e);
        }
    }

    /**
     * Indexes the runs noted in the queue and not handled yet, up to about {@code maxNotes} notes, and makes the
     * result searchable.
     */
    void catchUp(int maxNotes) {
        lock.lock();
        try {
            boolean changed = false;
            long after = -1;
            for (int read = 0; read < maxNotes; read += BATCH) {
                List<Note> notes = jdbc.query("SELECT seq, tenant_id, run_id FROM run_index_queue WHERE seq > ?"
                                + " ORDER BY seq LIMIT " + BATCH,
                        (rs, n) -> new Note(rs.getLong(1), rs.getString(2), rs.getString(3)), after);
                if (notes.isEmpty()) {
                    break;
                }
                after = notes.get(notes.size() - 1).seq();
                Map<String, Set<String>> stale = new LinkedHashMap<>();
                for (Note note : notes) {
                    if (handled.add(note.seq())) {
                        stale.computeIfAbsent(note.tenantId(), t -> new LinkedHashSet<>()).add(note.runId());
                    }
                }
                stale.forEach(this::reindex);
                changed |= !stale.isEmpty();
            }
            if (changed) {
                searchers.maybeRefreshBlocking();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Run index update failed", e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Catches up with a bounded number of notes (so that a large backlog, as after a rebuild, is committed in
     * steps and searches are not held up for long), commits the index, then forgets the notes it handled.
     */
    void commit() throws IOException {
        lock.lock();
        try {
            catchUp(COMMIT_STEP);
            if (handled.isEmpty()) {
                return;
            }
            writer.commit();
            List<Object[]> seqs = handled.stream().map(seq -> new Object[] {seq}).toList();
            jdbc.batchUpdate("DELETE FROM run_index_queue WHERE seq = ?", seqs);
            handled.clear();
        } finally {
            lock.unlock();
        }
    }

    private void reindex(String tenantId, Set<String> runIds) {
        try {
            List<String> ids = List.copyOf(runIds);
            for (int from = 0; from < ids.size(); from += BATCH) {
                List<String> chunk = ids.subList(from, Math.min(ids.size(), from + BATCH));
                Set<String> missing = new LinkedHashSet<>(chunk);
                for (RunView run : runs.views(tenantId, chunk)) {
                    missing.remove(run.id());
                    writer.updateDocument(RunDocument.uid(tenantId, run.id()),
                            RunDocument.of(values(tenantId, run), json.writeValueAsBytes(run)));
                }
                for (String runId : missing) {
                    writer.deleteDocuments(RunDocument.uid(tenantId, runId));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Run index update failed", e);
        }
    }

    /** The run's indexed values, as both run indexes take them. */
    static RunDocument.Values values(String tenantId, RunView run) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        run.metrics().forEach((key, latest) -> metrics.put(key, latest.value()));
        return new RunDocument.Values(tenantId, run.id(), run.projectId(), run.name(), run.status().name(),
                run.createdBy(), run.startTime(), run.endTime(), run.params(), run.tags(), metrics, run.lifecycleStage());
    }

    private double pending() {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM run_index_queue", Long.class);
        return count == null ? 0 : count;
    }

    private void commitQuietly() {
        try {
            commit();
        } catch (RuntimeException | IOException e) {
            log.warn("Committing the run index failed; will retry: {}", e.toString());
        }
    }

    /** A last commit; the index closes even if that fails (the queue still holds what it did not commit). */
    @PreDestroy
    void close() throws IOException {
        committer.shutdown();
        lock.lock();
        try {
            commit();
        } catch (RuntimeException e) {
            log.warn("Last commit of the run index failed; its queued runs are indexed at the next start: {}",
                    e.toString());
        } finally {
            try (directory; writer; searchers) {
                lock.unlock();
            }
        }
    }

    private record Note(long seq, String tenantId, String runId) {
    }
}
