package io.cairn.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Log shipping against a real HTTP server that answers what each test scripts: no chunk is lost to a hiccup. */
class LogShipperTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final Queue<Integer> scriptedStatuses = new ArrayDeque<>();
    private final List<String> stored = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private CairnClient client;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/runs/r-1/logs", exchange -> {
            Integer scripted;
            synchronized (scriptedStatuses) {
                scripted = scriptedStatuses.poll();
            }
            int status = scripted == null ? 200 : scripted;
            if (status == 200) {
                JsonNode chunk = json.readTree(exchange.getRequestBody().readAllBytes());
                stored.add(chunk.get("stream").asString() + ":" + chunk.get("text").asString());
            }
            byte[] body = (status == 200 ? "{\"seq\":1}" : "{\"title\":\"scripted\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        client = new CairnClient(AgentConfig.from(new String[] {"--url=http://127.0.0.1:" + server.getAddress().getPort(),
                "--targets=t", "--token-file=/dev/null"}, Map.of()));
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private LogShipper shipper() {
        return new LogShipper(client, "r-1", 3, Duration.ofMillis(10));
    }

    @Test
    void chunksAreShippedInTheOrderTheyWereWrittenOneChunkPerStreamSwitch() throws Exception {
        LogShipper logs = shipper();
        logs.append("stdout", "a");
        logs.append("stdout", "b");
        logs.append("stderr", "c");
        logs.append("stdout", "d");
        logs.close();
        assertThat(stored).containsExactly("stdout:ab", "stderr:c", "stdout:d");
    }

    @Test
    void aChunkTheBackendCouldNotTakeIsKeptAndShippedByTheNextFlushBeforeLaterOutput() throws Exception {
        LogShipper logs = shipper();
        scriptedStatuses.add(503);
        logs.append("stdout", "first");
        assertThat(logs.flush()).isFalse();
        logs.append("stdout", "second");
        assertThat(logs.flush()).isTrue();
        assertThat(stored).containsExactly("stdout:first", "stdout:second");
    }

    @Test
    void closeRetriesWhileTheBackendIsUnavailable() throws Exception {
        LogShipper logs = shipper();
        scriptedStatuses.addAll(List.of(503, 429));
        logs.append("stdout", "done\n");
        logs.close();
        assertThat(stored).containsExactly("stdout:done\n");
    }

    @Test
    void aChunkRefusedForGoodIsDroppedAndTheRestStillShipped() throws Exception {
        LogShipper logs = shipper();
        scriptedStatuses.add(400);
        logs.append("stdout", "refused");
        logs.append("stderr", "kept");
        logs.close();
        assertThat(stored).containsExactly("stderr:kept");
    }

    @Test
    void closeGivesUpAfterItsAttemptsWhenTheBackendStaysDown() throws Exception {
        LogShipper logs = shipper();
        scriptedStatuses.addAll(List.of(503, 503, 503));
        logs.append("stdout", "lost");
        long started = System.nanoTime();
        logs.close();
        assertThat(stored).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(logs.flush()).isTrue();
        assertThat(stored).isEmpty();
    }
}
