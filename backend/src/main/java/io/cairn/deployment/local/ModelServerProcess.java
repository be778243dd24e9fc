package io.cairn.deployment.local;

import io.cairn.common.process.ChildProcesses;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One model-server child JVM serving one version of one deployment, and what the supervisor knows of it. Only
 * the supervisor's thread changes it; the status fields are read by request threads.
 *
 * <p>States: PENDING (waiting to start, or to restart after a crash), STARTING (the JVM runs, the model loads),
 * READY (answers {@code /health/ready}), FAILED (did not start or load: the reason says why; not retried, since
 * starting the same artifact again would fail the same way). A server that crashes after it was ready is
 * restarted after a back-off that doubles up to {@code maxBackoff}.
 */
final class ModelServerProcess {

    enum Status { PENDING, STARTING, READY, FAILED }

    /** What to start: a command line, prepared (artifact copied, signature written) just before each start. */
    interface Launch {
        /** The command, with {@code port}; throws {@link IllegalStateException} with a reason when it cannot start. */
        List<String> command(int port);
    }

    private static final Logger log = LoggerFactory.getLogger(ModelServerProcess.class);
    private static final int LOG_TAIL_BYTES = 4096;

    private final String name;
    private final Path logFile;
    private final Launch launch;
    private final Map<String, String> environment;
    private final Supplier<Integer> freePort;
    private final HttpClient http;

    private volatile Status status = Status.PENDING;
    private volatile String reason;
    private volatile int restarts;
    private volatile int port;
    private Process process;
    private Instant startedAt;
    private Instant nextStartAt = Instant.EPOCH;
    private Duration backoff = Duration.ZERO;

    ModelServerProcess(String name, Path logFile, Launch launch, Map<String, String> environment,
                       Supplier<Integer> freePort, HttpClient http) {
        this.name = name;
        this.environment = Map.copyOf(environment);
        this.logFile = logFile;
        this.launch = launch;
        this.freePort = freePort;
        this.http = http;
    }

    Status status() {
        return status;
    }

    String reason() {
        return reason;
    }

    int restarts() {
        return restarts;
    }

    /** The loopback port of a ready server, or -1. */
    int readyPort() {
        return status == Status.READY ? port : -1;
    }

    long pid() {
        Process current = process;
        return current == null ? -1 : current.pid();
    }

    /** One step of supervision: start when due, watch the start, notice a crash. */
    void check(Instant now, Duration startTimeout, Duration maxBackoff) {
        switch (status) {
            case PENDING -> {
                if (!now.isBefore(nextStartAt)) {
                    start(now);
                }
            }
            case STARTING -> watchStart(now, startTimeout);
            case READY -> {
                if (!process.isAlive()) {
                    restarts++;
                    backoff = ChildProcesses.nextBackoff(backoff, maxBackoff);
                    nextStartAt = now.plus(backoff);
                    fail(Status.PENDING, "The model server exited with code " + process.exitValue() + " after it was ready; "
                            + "restarting in " + backoff.toSeconds() + " s" + tail());
                } else if (startedAt != null && Duration.between(startedAt, now).compareTo(maxBackoff) > 0) {
                    backoff = Duration.ZERO;
                }
            }
            default -> {
            }
        }
    }

    private void start(Instant now) {
        int chosen = freePort.get();
        List<String> command;
        try {
            command = launch.command(chosen);
        } catch (IllegalStateException e) {
            fail(Status.FAILED, e.getMessage());
            return;
        }
        try {
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().putAll(environment);
            process = ChildProcesses.start(builder, logFile, logFile.resolveSibling("model-server.pid"));
        } catch (IOException e) {
            fail(Status.FAILED, "The model server could not be started: " + e.getMessage());
            return;
        }
        port = chosen;
        startedAt = now;
        status = Status.STARTING;
        reason = null;
        log.info("Started model server {} (pid {}) on 127.0.0.1:{}", name, process.pid(), port);
    }

    private void watchStart(Instant now, Duration startTimeout) {
        if (!process.isAlive()) {
            int code = process.exitValue();
            String tail = tail();
            if (code == 1) {
                // the server's own line reads "model-server: the model did not load: <why>"
                fail(Status.FAILED, "The model did not load" + tail.replaceFirst("^: the model did not load", ""));
            } else {
                fail(Status.FAILED, "The model server exited with code " + code + tail);
            }
            return;
        }
        try {
            HttpResponse<String> ready = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/health/ready")).timeout(Duration.ofSeconds(1)).GET()
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (ready.statusCode() == 200) {
                status = Status.READY;
                reason = null;
                log.info("Model server {} is ready on 127.0.0.1:{}", name, port);
                return;
            }
            if (ready.body().contains("\"FAILED\"")) {
                stop();
                fail(Status.FAILED, "The model did not load: " + ready.body());
                return;
            }
        } catch (IOException e) {
            // not listening yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (Duration.between(startedAt, now).compareTo(startTimeout) > 0) {
            stop();
            fail(Status.FAILED, "The model server did not become ready within " + startTimeout.toSeconds() + " s"
                    + tail());
        }
    }

    /** Stops the JVM: politely, then by force after five seconds. */
    void stop() {
        if (ChildProcesses.stop(process)) {
            log.info("Stopped model server {}", name);
        }
    }

    /** Kills the JVM at once (the backend's own JVM is exiting). */
    void kill() {
        ChildProcesses.kill(process);
    }

    private void fail(Status newStatus, String why) {
        status = newStatus;
        reason = why;
        log.warn("Model server {}: {}", name, why);
    }

    /** The end of the server's own output, where it says why it stopped. */
    private String tail() {
        try (RandomAccessFile file = new RandomAccessFile(logFile.toFile(), "r")) {
            long start = Math.max(0, file.length() - LOG_TAIL_BYTES);
            byte[] bytes = new byte[(int) (file.length() - start)];
            file.seek(start);
            file.readFully(bytes);
            String text = new String(bytes, StandardCharsets.UTF_8).strip();
            String[] lines = text.split("\n");
            for (int i = lines.length - 1; i >= 0; i--) {
                if (lines[i].startsWith("model-server:")) {
                    return ": " + lines[i].substring("model-server:".length()).strip();
                }
            }
            return lines.length == 0 || text.isEmpty() ? "" : ": " + lines[lines.length - 1].strip();
        } catch (IOException e) {
            return "";
        }
    }
}
