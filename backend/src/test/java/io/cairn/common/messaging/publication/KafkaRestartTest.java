package io.cairn.common.messaging.publication;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.CairnApplication;
import io.cairn.support.Api;
import io.cairn.support.TestServers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The Kafka broker restarted during ingestion (stopped and started again with {@code scripts/services/kafka.sh},
 * which started it for the cluster tests): the API keeps accepting metric batches while the broker is down,
 * publication resumes when it is back, and every event of the run reaches the topic — at least once; a consumer
 * drops re-sent records by their event id.
 */
@EnabledIfSystemProperty(named = "cairn.test.kafka", matches = ".+")
class KafkaRestartTest {

    private static final Path KAFKA_SCRIPT = Path.of("..", "scripts", "services", "kafka.sh").toAbsolutePath().normalize();

    @TempDir
    Path dataDir;

    private final String topic = "cairn.events.restart-" + UUID.randomUUID().toString().substring(0, 8);
    private ConfigurableApplicationContext application;
    private Api admin;

    @BeforeEach
    void start() throws IOException {
        String unique = UUID.randomUUID().toString().replace("-", "");
        List<String> args = new ArrayList<>(List.of("--cairn.data-dir=" + dataDir, "--server.port=0",
                "--cairn.kafka.topic=" + topic));
        TestServers.postgresUrl().ifPresent(url -> args.add("--spring.datasource.url=" + url));
        TestServers.cassandra().ifPresent(nodes -> args.add("--cairn.cassandra.keyspace=cairn_restart_" + unique.substring(0, 12)));
        application = new SpringApplicationBuilder(CairnApplication.class).run(args.toArray(String[]::new));
        int port = ((WebServerApplicationContext) application).getWebServer().getPort();
        admin = new Api(port, Files.readString(dataDir.resolve("bootstrap-token")).trim());
    }

    @AfterEach
    void stop() throws Exception {
        application.close();
        kafka("start"); // whatever happened, leave the broker running for the tests after this one
    }

    @Test
    void publicationResumesAfterABrokerRestartAndEveryEventReachesTheTopic() throws Exception {
        Api.Response project = admin.post("/api/v1/projects", Map.of("name", "restart-" + UUID.randomUUID()));
        assertThat(project.status()).as(project.text()).isEqualTo(201);
        Api.Response created = admin.post("/api/v1/runs", Map.of("projectId", project.get("/id")));
        String runId = created.get("/id");

        int batches = 0;
        for (; batches < 10; batches++) {
            log(runId, batches);
        }
        kafka("stop");
        for (; batches < 30; batches++) {
            log(runId, batches);
        }
        kafka("start");
        for (; batches < 40; batches++) {
            log(runId, batches);
        }
        Api.Response finished = admin.post("/api/v1/runs/" + runId + "/finish", Map.of("status", "FINISHED"));
        assertThat(finished.status()).as(finished.text()).isEqualTo(200);

        // every event of the run, in the order of its sequence numbers, whatever was sent twice
        List<Long> sequence = consume(runId, batches + 2, Duration.ofSeconds(180));
        List<Long> expected = new ArrayList<>();
        for (long i = 0; i < batches + 2; i++) {
            expected.add(i);
        }
        assertThat(sequence).as("sequence numbers of the run's distinct events on the topic").isEqualTo(expected);
    }

    private void log(String runId, int batch) {
        List<Map<String, Object>> points = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            points.add(Map.of("key", "loss", "value", 1.0 / (batch * 100 + i + 1), "step", batch * 100 + i));
        }
        Api.Response logged = admin.post("/api/v1/runs/" + runId + "/metrics", Map.of("points", points));
        assertThat(logged.status()).as("batch %d: %s", batch, logged.text()).isEqualTo(200);
    }

    /** The sequence numbers of the run's distinct events (by event id) on the topic, once {@code count} arrived. */
    private List<Long> consume(String runId, int count, Duration timeout) {
        Properties settings = new Properties();
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestServers.kafka().orElseThrow());
        settings.put(ConsumerConfig.GROUP_ID_CONFIG, "restart-test-" + UUID.randomUUID());
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Set<String> seen = new HashSet<>();
        List<Long> sequence = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(settings, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (sequence.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.key().endsWith(":" + runId) && seen.add(header(record, "cairn-event-id"))) {
                        sequence.add(Long.parseLong(header(record, "cairn-sequence-number")));
                    }
                }
            }
        }
        assertThat(sequence).as("distinct events of the run on the topic within " + timeout).hasSize(count);
        JsonNode status = admin.get("/api/v1/admin/projections/" + KafkaEventPublisher.PROCESSING_GROUP).json();
        assertThat(status.get("running").asBoolean()).as(status.toString()).isTrue();
        return sequence;
    }

    private static void kafka(String command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("bash", KAFKA_SCRIPT.toString(), command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(180, TimeUnit.SECONDS)).as("kafka.sh " + command).isTrue();
        assertThat(process.exitValue()).as("kafka.sh " + command + ": " + output).isZero();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
