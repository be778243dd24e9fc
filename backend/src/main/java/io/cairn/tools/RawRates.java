package io.cairn.tools;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.cairn.common.messaging.AxonConfig;
import io.cairn.run.api.MetricPoint;
import io.cairn.run.api.RunEvent.MetricsLoggedEvent;
import io.cairn.run.query.metric.CassandraMetricStore;
import io.cairn.run.query.metric.MetricChunk;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The raw limits of this machine's servers for what Cairn's cluster ingestion writes, measured without Cairn:
 * Cassandra, the same metric rows Cairn's store writes for a 1000-point batch (10 keys: 10 chunk rows of 100
 * points and one unlogged series batch) straight through the driver, many in flight; Kafka, the same bytes
 * Cairn publishes for such a batch (its serialized {@code MetricsLogged} event) through a producer configured as
 * Cairn's (acks=all, idempotent, linger 5 ms). Both go to a keyspace and topic of their own, dropped afterwards.
 * {@code scripts/benchmark-cluster.sh} runs it before Cairn's own ingestion and prints the ratio.
 *
 * <p>Run from the built jar: {@code java -cp backend/target/cairn.jar -Dloader.main=io.cairn.tools.RawRates
 * org.springframework.boot.loader.launch.PropertiesLauncher --points 2000000}.
 */
public final class RawRates {

    private static final int KEYS = 10;
    private static final int STEPS = 100;
    private static final int BATCH_POINTS = KEYS * STEPS;

    private RawRates() {
    }

    public static void main(String[] args) throws Exception {
        // the drivers' start-up chatter (Kafka prints its whole configuration) would bury the two result lines
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        Map<String, String> options = new HashMap<>(Map.of("cassandra", "127.0.0.1:19042", "kafka", "127.0.0.1:19092",
                "points", "2000000", "in-flight", "64"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        int batches = Integer.parseInt(options.get("points")) / BATCH_POINTS;
        int inFlight = Integer.parseInt(options.get("in-flight"));
        String suffix = Long.toString(System.currentTimeMillis(), 36);
        cassandra(options.get("cassandra"), "cairn_raw_" + suffix, batches, inFlight);
        kafka(options.get("kafka"), "cairn.raw-" + suffix, batches);
    }

    private static void cassandra(String node, String keyspace, int batches, int inFlight) throws Exception {
        String[] hostPort = node.split(":");
        DriverConfigLoader config = DriverConfigLoader.programmaticBuilder()
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(30))
                .withDuration(DefaultDriverOption.METADATA_SCHEMA_REQUEST_TIMEOUT, Duration.ofSeconds(60))
                .build();
        InetSocketAddress address = new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1]));
        try (CqlSession setup = CqlSession.builder().addContactPoint(address).withLocalDatacenter("datacenter1")
                .withConfigLoader(config).build()) {
            setup.execute(SimpleStatement.newInstance("CREATE KEYSPACE " + keyspace
                    + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}")
                    .setTimeout(Duration.ofSeconds(60)));
        }
        try (CqlSession session = CqlSession.builder().addContactPoint(address).withLocalDatacenter("datacenter1")
                .withConfigLoader(config).withKeyspace(CqlIdentifier.fromInternal(keyspace)).build()) {
            CassandraMetricStore.createTables(session);
            // the store's own statements, so the raw rate is of exactly the rows Cairn writes
            PreparedStatement chunk = session.prepare(CassandraMetricStore.INSERT_CHUNK);
            PreparedStatement series = session.prepare(CassandraMetricStore.INSERT_SERIES);
            Semaphore slots = new Semaphore(inFlight);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            long start = System.nanoTime();
            for (int b = 0; b < batches && failure.get() == null; b++) {
                String run = "run-" + (b % 4);
                long seq = b / 4;
                long bucket = seq / CassandraMetricStore.BATCHES_PER_BUCKET;
                Map<String, List<MetricPoint>> byKey = batch(seq);
                BatchStatementBuilder seriesBatch = BatchStatement.builder(BatchType.UNLOGGED);
                for (Map.Entry<String, List<MetricPoint>> key : byKey.entrySet()) {
                    slots.acquire();
                    session.executeAsync(chunk.bind("bench", run, key.getKey(), bucket, seq, STEPS,
                                    ByteBuffer.wrap(MetricChunk.encode(key.getValue()))))
                            .whenComplete((result, error) -> release(slots, failure, error));
                    seriesBatch.addStatement(series.bind("bench", run, key.getKey(), seq, seq));
                }
                slots.acquire();
                session.executeAsync(seriesBatch.build()).whenComplete((result, error) -> release(slots, failure, error));
            }
            slots.acquire(inFlight);
            long nanos = System.nanoTime() - start;
            if (failure.get() != null) {
                throw new IllegalStateException("A Cassandra write failed", failure.get());
            }
            System.out.printf(Locale.ROOT, "raw-cassandra: %,d points in %,d batches (%d chunk rows of %d points and "
                            + "one series batch each, %d statements in flight): %,.0f points/s (%.1f s)%n",
                    (long) batches * BATCH_POINTS, batches, KEYS, STEPS, inFlight,
                    batches * (double) BATCH_POINTS / (nanos / 1e9), nanos / 1e9);
            session.execute(SimpleStatement.newInstance("DROP KEYSPACE " + keyspace).setTimeout(Duration.ofSeconds(60)));
        }
    }

    private static void kafka(String servers, String topic, int batches) throws Exception {
        Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        try (Admin client = Admin.create(admin)) {
            client.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
            Map<String, Object> settings = new HashMap<>();
            settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
            settings.put(ProducerConfig.ACKS_CONFIG, "all");
            settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            settings.put(ProducerConfig.LINGER_MS_CONFIG, 5);
            List<byte[]> payloads = new ArrayList<>();
            var serializer = new AxonConfig().serializer();
            for (int i = 0; i < 16; i++) {
                List<MetricPoint> points = new ArrayList<>(BATCH_POINTS);
                batch(i).values().forEach(points::addAll);
                payloads.add(serializer.serialize(MetricsLoggedEvent.of("run-" + i, "bench", points), byte[].class)
                        .getData());
            }
            AtomicReference<Throwable> failure = new AtomicReference<>();
            long start = System.nanoTime();
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(settings, new StringSerializer(),
                    new ByteArraySerializer())) {
                for (int b = 0; b < batches; b++) {
                    producer.send(new ProducerRecord<>(topic, "bench:run-" + (b % 4), payloads.get(b % payloads.size())),
                            (metadata, error) -> {
                                if (error != null) {
                                    failure.compareAndSet(null, error);
                                }
                            });
                }
                producer.flush();
            }
            long nanos = System.nanoTime() - start;
            if (failure.get() != null) {
                throw new IllegalStateException("A Kafka send failed", failure.get());
            }
            System.out.printf(Locale.ROOT, "raw-kafka: %,d records of %,d bytes (the MetricsLogged event of a "
                            + "1000-point batch), acks=all: %,.0f records/s = %,.0f points/s, %.1f MB/s (%.1f s)%n",
                    batches, payloads.get(0).length, batches / (nanos / 1e9),
                    batches * (double) BATCH_POINTS / (nanos / 1e9),
                    batches * (double) payloads.get(0).length / (nanos / 1e9) / 1e6, nanos / 1e9);
            client.deleteTopics(List.of(topic)).all().get();
        }
    }

    /** The points of one 1000-point batch by key: 10 keys × 100 steps, as the load generator sends them. */
    private static Map<String, List<MetricPoint>> batch(long seq) {
        Map<String, List<MetricPoint>> byKey = new LinkedHashMap<>();
        long now = System.currentTimeMillis();
        for (int k = 0; k < KEYS; k++) {
            List<MetricPoint> points = new ArrayList<>(STEPS);
            for (int s = 0; s < STEPS; s++) {
                long step = seq * STEPS + s;
                points.add(new MetricPoint("k" + k, 1.0 / (step + 1), step, now));
            }
            byKey.put("k" + k, points);
        }
        return byKey;
    }

    private static void release(Semaphore slots, AtomicReference<Throwable> failure, Throwable error) {
        if (error != null) {
            failure.compareAndSet(null, error);
        }
        slots.release();
    }
}
