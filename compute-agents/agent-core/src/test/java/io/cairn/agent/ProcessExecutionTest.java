package io.cairn.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** The process executor without a backend: log shipping fails quietly, the outcome is what matters here. */
class ProcessExecutionTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final CairnClient offline = new CairnClient(AgentConfig.from(new String[] {"--url=http://127.0.0.1:1",
            "--targets=t", "--token-file=/dev/null"}, Map.of()));

    private ProcessExecution execution(String spec, Path dir) {
        return new ProcessExecution(offline, "r-1", json.readTree(spec), null, dir.resolve("attempt-1"), null);
    }

    @Test
    void variablesParametersAndTheRunIdReachTheProcess(@TempDir Path dir) {
        ProcessExecution execution = execution("""
                {"entrypoint": "true", "parameters": {"learning-rate": "0.1"},
                 "environment": {"variables": {"GREETING": "hi"}}}""", dir);
        assertThat(execution.environment()).containsEntry("GREETING", "hi")
                .containsEntry("CAIRN_PARAM_LEARNING_RATE", "0.1").containsEntry("CAIRN_RUN_ID", "r-1");
    }

    @Test
    void aSourceThatCannotBeMaterialisedFailsTheAttemptBeforeTheProcessStarts(@TempDir Path dir) throws Exception {
        String missing = dir.resolve("no-such-repo").toUri().toString();
        ProcessExecution execution = new ProcessExecution(offline, "r-1", json.readTree("{\"entrypoint\": \"touch started\"}"),
                null, dir.resolve("attempt-1"), json.readTree("{\"gitRepo\": \"" + missing + "\", \"gitCommit\": \"abcdef1\"}"));

        RunExecutor.Outcome outcome = execution.run();

        assertThat(outcome.status()).isEqualTo("FAILED");
        assertThat(outcome.exitCode()).isNull();
        assertThat(outcome.reason()).startsWith("The run's source could not be materialised: git clone " + missing
                + " failed with exit code 128: ");
        assertThat(dir.resolve("attempt-1").resolve("started")).doesNotExist();
    }

    @Test
    void exitCodesBecomeFinishedOrFailedWithAReason(@TempDir Path dir) throws Exception {
        assertThat(execution("{\"entrypoint\": \"exit 0\"}", dir).run())
                .isEqualTo(new RunExecutor.Outcome("FINISHED", 0, null));
        assertThat(execution("{\"entrypoint\": \"exit 7\"}", dir).run())
                .isEqualTo(new RunExecutor.Outcome("FAILED", 7, "The process exited with code 7"));
    }

    @Test
    void aTimeoutStopsTheProcess(@TempDir Path dir) throws Exception {
        long started = System.nanoTime();
        RunExecutor.Outcome outcome = execution("{\"entrypoint\": \"sleep 30\", \"timeoutSeconds\": 1}", dir).run();
        assertThat(outcome.status()).isEqualTo("FAILED");
        assertThat(outcome.reason()).startsWith("Timed out after 1 s");
        assertThat(System.nanoTime() - started).isLessThan(10_000_000_000L);
    }

    @Test
    void cancellingStopsTheProcessTree(@TempDir Path dir) throws Exception {
        ProcessExecution execution = execution("{\"entrypoint\": \"sleep 30 & sleep 30; wait\"}", dir);
        Thread canceller = new Thread(() -> {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            }
            execution.cancel();
        });
        canceller.start();
        long started = System.nanoTime();
        assertThat(execution.run().status()).isEqualTo("KILLED");
        assertThat(System.nanoTime() - started).isLessThan(10_000_000_000L);
    }
}
