package io.cairn.common.messaging.publication;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.support.Api;
import io.cairn.support.ApiTestBase;
import io.cairn.support.TestServers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The consumer side of the Kafka contract, read back with a plain {@link KafkaConsumer}: what a downstream
 * system relying on {@code cairn.events} gets for a run written through the API.
 */
@EnabledIfSystemProperty(named = "cairn.test.kafka", matches = ".+")
class KafkaPublicationTest extends ApiTestBase {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void aRunsEventsArriveKeyedByTenantAndRunInOrderWithTypeAndMetadata() {
        String org = unique("kafka");
        String requestId = "req-" + UUID.randomUUID();
        Api user = userOf(org).withHeader("X-Request-Id", requestId);
        String project = createProject(user);
        String run = createRun(user, project);
        user.post("/api/v1/runs/" + run + "/params", Map.of("params", Map.of("lr", "0.01")));
        user.post("/api/v1/runs/" + run + "/metrics", Map.of("points", List.of(
                Map.of("key", "loss", "value", 0.5, "step", 1), Map.of("key", "loss", "value", 0.25, "step", 2))));
        Api.Response finished = user.post("/api/v1/runs/" + run + "/finish", Map.of("status", "FINISHED"));
        assertThat(finished.status()).as(finished.text()).isEqualTo(200);

        List<ConsumerRecord<String, byte[]>> runEvents = readUntil(org + ":" + run, "cairn.run.RunFinished");

        assertThat(runEvents).extracting(r -> header(r, "cairn-event-type")).containsExactly(
                "cairn.run.RunCreated", "cairn.run.ParamsLogged", "cairn.run.MetricsLogged", "cairn.run.RunFinished");
        assertThat(runEvents).extracting(ConsumerRecord::partition).containsOnly(runEvents.get(0).partition());
        assertThat(runEvents).extracting(r -> Long.parseLong(header(r, "cairn-sequence-number")))
                .containsExactly(0L, 1L, 2L, 3L);
        assertThat(runEvents).extracting(r -> header(r, "cairn-event-id")).doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat(id).isNotBlank());
        for (ConsumerRecord<String, byte[]> record : runEvents) {
            assertThat(header(record, "cairn-aggregate-id")).isEqualTo(run);
            assertThat(header(record, "cairn-meta-tenantId")).isEqualTo(org);
            assertThat(header(record, "cairn-meta-principal")).isNotBlank();
            assertThat(header(record, "cairn-event-revision")).isNotBlank();
            assertThat(header(record, "cairn-timestamp")).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
            JsonNode payload = json.readTree(record.value());
            assertThat(payload.get("runId").asString()).isEqualTo(run);
            assertThat(payload.get("tenantId").asString()).isEqualTo(org);
        }
        assertThat(header(runEvents.get(0), "cairn-meta-correlationId")).isEqualTo(requestId);
        JsonNode metrics = json.readTree(runEvents.get(2).value());
        assertThat(metrics.toString()).contains("loss").contains("0.25");
    }

    @Test
    void thePublisherIsReportedLikeAProjection() {
        createProject(admin);
        eventually(() -> {
            Api.Response status = admin.get("/api/v1/admin/projections/" + KafkaEventPublisher.PROCESSING_GROUP);
            return status.status() == 200 && status.json().get("running").asBoolean()
                    && status.json().get("position").asLong() == status.json().get("head").asLong();
        });
        assertThat(admin.get("/actuator/prometheus").text())
                .contains("cairn_projection_lag{projection=\"kafka-publisher\"}");
    }

    /** The records of one key, from the start of the topic until one has {@code lastType}. */
    private List<ConsumerRecord<String, byte[]>> readUntil(String key, String lastType) {
        Properties settings = new Properties();
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestServers.kafka().orElseThrow());
        settings.put(ConsumerConfig.GROUP_ID_CONFIG, "contract-test-" + UUID.randomUUID());
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(settings, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(KAFKA_TOPIC));
            long deadline = System.currentTimeMillis() + 30_000;
            while (System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(250))) {
                    // At-least-once: a consumer drops a re-sent record by its event id.
                    if (key.equals(record.key()) && seen.merge(header(record, "cairn-event-id"), 1, Integer::sum) == 1) {
                        records.add(record);
                    }
                }
                if (!records.isEmpty() && lastType.equals(header(records.get(records.size() - 1), "cairn-event-type"))) {
                    return records;
                }
            }
        }
        throw new AssertionError("No " + lastType + " for key " + key + " within 30 s; got " + records.size()
                + " records");
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
