package io.cairn.run.query.metric;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.cairn.common.error.ServiceUnavailableException;
import io.cairn.run.api.MetricPoint;
import io.cairn.run.query.metric.ChunkedSeries.Chunk;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Metric series in Cassandra ({@code cairn.metrics.store=cassandra}, the cluster profile).
 *
 * <p>{@code metric_chunks}: partition (tenant, run, key, bucket), clustered by the batch's sequence number,
 * one row per (batch, key) holding that batch's points of the key (the {@link MetricChunk} encoding, ordered
 * as logged). The bucket is {@code batchSeq / }{@value #BATCHES_PER_BUCKET}, which bounds a partition at
 * that many chunks (a long run's series spreads over partitions). A batch is written under its own
 * sequence number, so a replay or a retried projection batch overwrites it: never a duplicate point.
 * Chunks rather than a row per point: one 1000-point batch is a handful of rows, not a thousand writes.
 *
 * <p>{@code metric_series}: per (tenant, run) and key, the highest batch sequence written, with the write
 * timestamp set to it, so the highest wins whatever order writes arrive in; readers walk buckets up to it.
 */
public class CassandraMetricStore implements MetricStore {

    public static final long BATCHES_PER_BUCKET = 1024;
    /** One key's points of one batch: (tenant, run, key, bucket, batch sequence, point count, chunk). */
    public static final String INSERT_CHUNK = """
            INSERT INTO metric_chunks (tenant_id, run_id, metric_key, bucket, batch_seq, point_count, points)
            VALUES (?, ?, ?, ?, ?, ?, ?)""";
    /** The highest batch sequence of a key: (tenant, run, key, sequence, write timestamp = sequence). */
    public static final String INSERT_SERIES = """
            INSERT INTO metric_series (tenant_id, run_id, metric_key, last_seq) VALUES (?, ?, ?, ?)
            USING TIMESTAMP ?""";
    private static final int CHUNKS_PER_QUERY = 64;

    private final CqlSession session;
    private final PreparedStatement insertChunk;
    private final PreparedStatement insertSeries;
    private final PreparedStatement selectChunks;
    private final PreparedStatement selectAllChunks;
    private final PreparedStatement selectLastSeq;

    public CassandraMetricStore(CqlSession session) {
        this.session = session;
        this.insertChunk = session.prepare(INSERT_CHUNK);
        this.insertSeries = session.prepare(INSERT_SERIES);
        this.selectChunks = session.prepare("""
                SELECT batch_seq, points FROM metric_chunks
                WHERE tenant_id = ? AND run_id = ? AND metric_key = ? AND bucket = ? AND batch_seq >= ? LIMIT ?""");
        this.selectAllChunks = session.prepare("""
                SELECT points FROM metric_chunks WHERE tenant_id = ? AND run_id = ? AND metric_key = ? AND bucket = ?""");
        this.selectLastSeq = session.prepare(
                "SELECT last_seq FROM metric_series WHERE tenant_id = ? AND run_id = ? AND metric_key = ?");
    }

    /** Creates the tables if they do not exist, in the session's keyspace. */
    public static void createTables(CqlSession session) {
        session.execute("""
                CREATE TABLE IF NOT EXISTS metric_chunks (
                    tenant_id text, run_id text, metric_key text, bucket bigint, batch_seq bigint,
                    point_count int, points blob,
                    PRIMARY KEY ((tenant_id, run_id, metric_key, bucket), batch_seq))""");
        session.execute("""
                CREATE TABLE IF NOT EXISTS metric_series (
                    tenant_id text, run_id text, metric_key text, last_seq bigint,
                    PRIMARY KEY ((tenant_id, run_id), metric_key))""");
    }

    @Override
    public CompletableFuture<Void> appendAsync(String tenantId, String runId, long batchSeq, List<MetricPoint> points) {
        Map<String, List<MetricPoint>> byKey = ChunkedSeries.byKey(points);
        long bucket = batchSeq / BATCHES_PER_BUCKET;
        // Each key is its own partition: one unlogged batch per key would gain nothing; a logged batch
        // across them would cost a batch log. The writes are idempotent, so a partial failure is retried whole.
        BatchStatementBuilder series = BatchStatement.builder(BatchType.UNLOGGED);
        List<CompletableFuture<?>> writes = new ArrayList<>();
        byKey.forEach((key, keyPoints) -> {
            writes.add(session.executeAsync(insertChunk.bind(tenantId, runId, key, bucket, batchSeq, keyPoints.size(),
                    ByteBuffer.wrap(MetricChunk.encode(keyPoints)))).toCompletableFuture());
            series.addStatement(insertSeries.bind(tenantId, runId, key, batchSeq, batchSeq));
        });
        // metric_series of one run is one partition: a single unlogged batch.
        writes.add(session.executeAsync(series.build()).toCompletableFuture());
        return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new));
    }

    @Override
    public HistoryPage history(String tenantId, String runId, String key, String pageToken, int maxResults) {
        return whileAvailable(() -> page(tenantId, runId, key, pageToken, maxResults));
    }

    private HistoryPage page(String tenantId, String runId, String key, String pageToken, int maxResults) {
        long lastSeq = lastSeq(tenantId, runId, key);
        return ChunkedSeries.history(key, pageToken, maxResults, CHUNKS_PER_QUERY, (fromSeq, limit) -> {
            List<Chunk> chunks = new ArrayList<>();
            for (long bucket = fromSeq / BATCHES_PER_BUCKET; bucket <= lastSeq / BATCHES_PER_BUCKET
                    && chunks.size() < limit; bucket++) {
                for (Row row : session.execute(selectChunks.bind(tenantId, runId, key, bucket, fromSeq,
                        limit - chunks.size()))) {
                    chunks.add(new Chunk(row.getLong(0), bytes(row.getByteBuffer(1))));
                }
            }
            return chunks;
        });
    }

    @Override
    public Series downsampled(String tenantId, String runId, String key, int maxPoints) {
        return whileAvailable(() -> series(tenantId, runId, key, maxPoints));
    }

    private Series series(String tenantId, String runId, String key, int maxPoints) {
        long lastSeq = lastSeq(tenantId, runId, key);
        List<byte[]> chunks = new ArrayList<>();
        for (long bucket = 0; bucket <= lastSeq / BATCHES_PER_BUCKET; bucket++) {
            for (Row row : session.execute(selectAllChunks.bind(tenantId, runId, key, bucket))) {
                chunks.add(bytes(row.getByteBuffer(0)));
            }
        }
        return ChunkedSeries.downsampled(key, chunks, maxPoints);
    }

    @Override
    public void clear() {
        session.execute("TRUNCATE metric_chunks");
        session.execute("TRUNCATE metric_series");
    }

    /**
     * A read, answered 503 while Cassandra does not answer: the points logged meanwhile are safe in the event
     * log, and the {@code run-metrics} projection writes them once Cassandra is back.
     */
    private static <T> T whileAvailable(Supplier<T> read) {
        try {
            return read.get();
        } catch (AllNodesFailedException | DriverTimeoutException e) { // NoNodeAvailableException included
            throw new ServiceUnavailableException("The metric store (Cassandra) does not answer; metric history is "
                    + "readable again when it is back, and nothing logged meanwhile is lost");
        }
    }

    /** The highest batch sequence of the series, -1 when it has none. */
    private long lastSeq(String tenantId, String runId, String key) {
        Row row = session.execute(selectLastSeq.bind(tenantId, runId, key)).one();
        return row == null ? -1 : row.getLong(0);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
