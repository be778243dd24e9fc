package io.cairn.run.query.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.elasticsearch.indices.IndexSettings;
import io.cairn.common.error.InvalidInputException;
import io.cairn.common.error.ServiceUnavailableException;
import io.cairn.run.query.RunReadModel;
import io.cairn.run.query.RunSearch;
import io.cairn.run.query.RunView;
import io.cairn.run.query.search.RunSearchElasticsearch;
import io.cairn.search.query.elasticsearch.ElasticsearchConnection;
import io.cairn.search.query.elasticsearch.ElasticsearchProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
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
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The cluster profile's run search ({@code cairn.search.engine=elasticsearch}): one Elasticsearch index,
 * {@code <prefix>}{@value #INDEX}, one document per run (see {@link RunSearchElasticsearch}), routed by
 * tenant (one organization's runs sit in one shard) and filtered on the tenant by every search. It is fed like
 * the embedded {@link LuceneRunIndex}: the run projections note every changed run in {@code run_index_queue}
 * in the transaction of the read-model change, and the index rebuilds the noted runs' documents from the read
 * model.
 *
 * <p>Consistency: before answering, a search indexes every run noted so far in one bulk request per
 * {@value #BATCH} notes that also refreshes the index, then deletes those notes (an acknowledged bulk request is
 * durable in Elasticsearch's translog): a client that wrote a run, and was answered after its projection, finds
 * it, on whichever instance it searches. Every {@code cairn.search.commit-interval} the same catch-up runs in
 * the background, so the queue drains without searches. Catch-ups are serialized: within an instance by a
 * lock, across the instances of a cluster by a PostgreSQL advisory lock held for the catch-up's transaction,
 * so a document read from the read model earlier never overwrites one read later.
 *
 * <p>The index is created on first use, and every run of the read model is then queued: a new or deleted
 * index is rebuilt from the read model, and a replay of the run projections re-notes every run it rebuilds.
 * While the cluster cannot be reached, searches fail with {@link ServiceUnavailableException} (503) after at
 * most the connect timeout; the notes stay queued, and the index catches up when the cluster is back.
 */
@Component
@ConditionalOnProperty(name = "cairn.search.engine", havingValue = "elasticsearch")
public class ElasticsearchRunIndex implements RunSearch {

    /** The index's name after the configured prefix: a wire name, never derived from code. */
    public static final String INDEX = "cairn-runs-v1";
    /** Deepest page end served ({@code index.max_result_window}); the Lucene index has no such limit. */
    public static final int MAX_WINDOW = 1_000_000;

    private static final Logger log = LoggerFactory.getLogger(ElasticsearchRunIndex.class);
    /** Queue notes read, runs loaded from the read model and documents sent per bulk request. */
    private static final int BATCH = 500;
    /** Key of the advisory lock that serializes catch-ups across instances. */
    private static final long CATCH_UP_LOCK = 0x6361_6972_6e72_756eL;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final RunReadModel runs;
    private final JsonMapper json;
    private final ElasticsearchConnection connection;
    private final ElasticsearchClient client;
    private final String index;
    private final boolean postgres;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile boolean indexReady;
    /** Background catch-ups after a failure wait this long (doubling up to a minute), searches do not. */
    private long backoffMillis;
    private long nextBackgroundTry;
    private final ScheduledExecutorService drainer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "run-index-elasticsearch");
        thread.setDaemon(true);
        return thread;
    });

    public ElasticsearchRunIndex(JdbcTemplate jdbc, TransactionTemplate transactions, RunReadModel runs,
            JsonMapper json, ElasticsearchProperties properties, RunIndexProperties runIndex, MeterRegistry meters)
            throws SQLException {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.runs = runs;
        this.json = json;
        this.connection = new ElasticsearchConnection(properties);
        this.client = connection.client();
        this.index = properties.indexPrefix() + INDEX;
        this.postgres = isPostgres(jdbc.getDataSource());
        Gauge.builder("cairn.search.index.pending", this, ElasticsearchRunIndex::pending)
                .description("Run changes not yet written to the run index")
                .register(meters);
        long interval = runIndex.commitInterval().toMillis();
        drainer.scheduleWithFixedDelay(this::catchUpQuietly, interval, interval, TimeUnit.MILLISECONDS);
    }

    @Override
    public List<RunView> search(String tenantId, List<String> projectIds, String filter, List<String> orderBy,
            int limit, long offset) {
        RunSearchElasticsearch.ElasticsearchQuery query = RunSearchElasticsearch.build(tenantId, projectIds,
                filter, orderBy);
        if (offset >= MAX_WINDOW) {
            throw new InvalidInputException("pageToken", "Pages end after the first " + MAX_WINDOW
                    + " matching runs; narrow the filter");
        }
        int from = (int) offset;
        int size = Math.min(limit, MAX_WINDOW - from);
        catchUp();
        @SuppressWarnings("rawtypes")
        SearchResponse<Map> response = call(() -> client.search(s -> s.index(index).routing(tenantId)
                .query(query.query()).sort(query.sort()).from(from).size(size)
                .trackTotalHits(t -> t.enabled(false))
                .source(src -> src.filter(f -> f.includes(RunSearchElasticsearch.VIEW))), Map.class));
        List<RunView> page = new ArrayList<>();
        for (@SuppressWarnings("rawtypes") Hit<Map> hit : response.hits().hits()) {
            page.add(json.readValue((String) hit.source().get(RunSearchElasticsearch.VIEW), RunView.class));
        }
        return page;
    }

    /**
     * Indexes every run noted in the queue so far and makes it searchable, a batch of notes per transaction;
     * returns at once when nothing is noted.
     */
    void catchUp() {
        ensureIndex();
        Long last = jdbc.queryForObject("SELECT MAX(seq) FROM run_index_queue", Long.class);
        if (last == null) {
            return;
        }
        boolean more = true;
        while (more) {
            lock.lock();
            try {
                more = Boolean.TRUE.equals(transactions.execute(status -> {
                    if (postgres) {
                        jdbc.query("SELECT pg_advisory_xact_lock(?)", rs -> null, CATCH_UP_LOCK);
                    }
                    return indexBatch(last);
                }));
            } finally {
                lock.unlock();
            }
        }
    }

    /** Indexes the runs of the first {@value #BATCH} notes up to {@code last}; whether more may be left. */
    private boolean indexBatch(long last) {
        List<Note> notes = jdbc.query("SELECT seq, tenant_id, run_id FROM run_index_queue WHERE seq <= ?"
                        + " ORDER BY seq LIMIT " + BATCH,
                (rs, n) -> new Note(rs.getLong(1), rs.getString(2), rs.getString(3)), last);
        if (notes.isEmpty()) {
            return false;
        }
        Map<String, Set<String>> stale = new LinkedHashMap<>();
        for (Note note : notes) {
            stale.computeIfAbsent(note.tenantId(), t -> new LinkedHashSet<>()).add(note.runId());
        }
        BulkRequest.Builder bulk = new BulkRequest.Builder().index(index).refresh(Refresh.True);
        stale.forEach((tenantId, runIds) -> addWrites(bulk, tenantId, List.copyOf(runIds)));
        BulkResponse response = call(() -> client.bulk(bulk.build()));
        // deleting a run that was never indexed is fine
        connection.requireWritten(index, response, item -> item.status() == 404);
        jdbc.batchUpdate("DELETE FROM run_index_queue WHERE seq = ?",
                notes.stream().map(note -> new Object[] {note.seq()}).toList());
        return notes.size() == BATCH;
    }

    private void addWrites(BulkRequest.Builder bulk, String tenantId, List<String> runIds) {
        Set<String> missing = new LinkedHashSet<>(runIds);
        for (RunView run : runs.views(tenantId, runIds)) {
            missing.remove(run.id());
            Map<String, Object> document = RunSearchElasticsearch.document(LuceneRunIndex.values(tenantId, run),
                    json.writeValueAsString(run));
            bulk.operations(o -> o.index(i -> i.id(documentId(tenantId, run.id())).routing(tenantId)
                    .document(document)));
        }
        for (String runId : missing) {
            bulk.operations(o -> o.delete(d -> d.id(documentId(tenantId, runId)).routing(tenantId)));
        }
    }

    private void ensureIndex() {
        if (indexReady) {
            return;
        }
        synchronized (this) {
            if (!indexReady) {
                if (connection.createIfMissing(index, new IndexSettings.Builder().maxResultWindow(MAX_WINDOW),
                        RunSearchElasticsearch.mapping(), () -> indexReady = false)) {
                    int queued = jdbc.update("INSERT INTO run_index_queue (tenant_id, run_id)"
                            + " SELECT tenant_id, id FROM runs");
                    log.info("{} existing runs queued for indexing in {}", queued, index);
                }
                indexReady = true;
            }
        }
    }

    private <T> T call(ElasticsearchConnection.Call<T> request) {
        return connection.call(index, request, () -> indexReady = false);
    }

    private static String documentId(String tenantId, String runId) {
        return tenantId + "/" + runId;
    }

    private double pending() {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM run_index_queue", Long.class);
        return count == null ? 0 : count;
    }

    /** The background catch-up: after a failure it waits 1 s, 2 s, 4 s, … at most a minute before it tries again. */
    private void catchUpQuietly() {
        long now = System.currentTimeMillis();
        if (now < nextBackgroundTry) {
            return;
        }
        try {
            catchUp();
            backoffMillis = 0;
        } catch (RuntimeException e) {
            backoffMillis = Math.min(60_000, Math.max(1_000, backoffMillis * 2));
            nextBackgroundTry = now + backoffMillis;
            if (!(e instanceof ServiceUnavailableException)) {
                log.warn("Run index catch-up failed; will retry in {} ms: {}", backoffMillis, e.toString());
            }
        }
    }

    private static boolean isPostgres(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return "PostgreSQL".equals(c.getMetaData().getDatabaseProductName());
        }
    }

    @PreDestroy
    void close() throws IOException {
        drainer.shutdown();
        lock.lock();
        try {
            connection.close();
        } finally {
            lock.unlock();
        }
    }

    private record Note(long seq, String tenantId, String runId) {
    }
}
