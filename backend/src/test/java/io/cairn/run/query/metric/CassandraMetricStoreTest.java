package io.cairn.run.query.metric;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import io.cairn.run.api.MetricPoint;
import io.cairn.support.TestServers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** The Cassandra metric store against a real node, in a keyspace of its own. */
@EnabledIfSystemProperty(named = "cairn.test.cassandra", matches = ".+")
class CassandraMetricStoreTest {

    private static CqlSession session;
    private static CassandraMetricStore store;

    @BeforeAll
    static void connect() {
        CassandraProperties properties = new CassandraProperties(List.of(TestServers.cassandra().orElseThrow()),
                "datacenter1", "cairn_store_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16),
                "{'class': 'SimpleStrategy', 'replication_factor': 1}", Duration.ofSeconds(20));
        session = new CassandraConfig().cassandraSession(properties);
        store = new CassandraMetricStore(session);
    }

    @AfterAll
    static void close() {
        session.execute("DROP KEYSPACE IF EXISTS " + session.getKeyspace().orElseThrow().asCql(true));
        session.close();
    }

    private static List<MetricPoint> batch(String key, long fromStep, int count) {
        List<MetricPoint> points = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            points.add(new MetricPoint(key, fromStep + i * 0.5, fromStep + i, 1_000 + fromStep + i));
        }
        return points;
    }

    @Test
    void storingABatchAgainAddsNoPointAndHistoryPagesCrossBuckets() {
        String run = UUID.randomUUID().toString();
        // Sequence numbers on both sides of bucket boundaries (1024 batches per bucket), out of order.
        long[] seqs = {2, 1023, 1024, 3000};
        for (int i = seqs.length - 1; i >= 0; i--) {
            List<MetricPoint> points = new ArrayList<>(batch("loss", i * 10L, 10));
            points.addAll(batch("acc", i * 10L, 3));
            store.append("t1", run, seqs[i], points);
        }
        store.append("t1", run, 1023, new ArrayList<>(batch("loss", 10, 10)));   // a redelivered batch

        List<MetricPoint> all = new ArrayList<>();
        String token = null;
        do {
            MetricStore.HistoryPage page = store.history("t1", run, "loss", token, 7);
            assertThat(page.points()).hasSizeLessThanOrEqualTo(7);
            all.addAll(page.points());
            token = page.nextPageToken();
        } while (token != null);
        assertThat(all).hasSize(40);
        assertThat(all).extracting(MetricPoint::step).isSorted().doesNotHaveDuplicates();
        assertThat(store.history("t1", run, "acc", null, 100).points()).hasSize(12);
        assertThat(store.history("t2", run, "loss", null, 100).points()).isEmpty();
        assertThat(store.history("t1", run, "missing", null, 100).points()).isEmpty();
    }

    @Test
    void downsamplingKeepsExtremesOfTheWholeSeries() {
        String run = UUID.randomUUID().toString();
        for (int seq = 0; seq < 20; seq++) {
            List<MetricPoint> points = batch("loss", seq * 1000L, 1000);
            if (seq == 13) {
                points.set(500, new MetricPoint("loss", 1e9, 13_500, 0));
            }
            store.append("t1", run, seq * 100L, points);
        }
        MetricStore.Series series = store.downsampled("t1", run, "loss", 100);
        assertThat(series.totalPoints()).isEqualTo(20_000);
        assertThat(series.downsampled()).isTrue();
        assertThat(series.points()).hasSizeLessThanOrEqualTo(100).extracting(MetricPoint::value).contains(1e9);
        assertThat(series.points()).extracting(MetricPoint::step).isSorted();
    }
}
