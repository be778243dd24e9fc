package io.cairn.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Log shipping against a real HTTP server that answers what each test scripts: no chunk is lost to a hiccup. */
class LogShipperTest {

    private final List<String> stored = new CopyOnWriteArrayList<>();
    private ScriptedBackend backend;
    private CairnClient client;

    @BeforeEach
    void startServer() throws IOException {
        backend = new ScriptedBackend("/api/v1/runs/r-1/logs", "{\"seq\":1}", request -> {
            if (request.status() == 200) {
                stored.add(request.body().get("stream").asString() + ":" + request.body().get("text").asString());
            }
        });
        client = backend.client();
    }

    @AfterEach
    void stopServer() {
        backend.close();
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
        backend.answer(503);
        logs.append("stdout", "first");
        assertThat(logs.flush()).isFalse();
        logs.append("stdout", "second");
        assertThat(logs.flush()).isTrue();
        assertThat(stored).containsExactly("stdout:first", "stdout:second");
    }

    @Test
    void closeRetriesWhileTheBackendIsUnavailable() throws Exception {
        LogShipper logs = shipper();
        backend.answer(503, 429);
        logs.append("stdout", "done\n");
        logs.close();
        assertThat(stored).containsExactly("stdout:done\n");
    }

    @Test
    void aChunkRefusedForGoodIsDroppedAndTheRestStillShipped() throws Exception {
        LogShipper logs = shipper();
        backend.answer(400);
        logs.append("stdout", "refused");
        logs.append("stderr", "kept");
        logs.close();
        assertThat(stored).containsExactly("stderr:kept");
    }

    @Test
    void closeGivesUpAfterItsAttemptsWhenTheBackendStaysDown() throws Exception {
        LogShipper logs = shipper();
        backend.answer(503, 503, 503);
        logs.append("stdout", "lost");
        long started = System.nanoTime();
        logs.close();
        assertThat(stored).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(logs.flush()).isTrue();
        assertThat(stored).isEmpty();
    }
}
