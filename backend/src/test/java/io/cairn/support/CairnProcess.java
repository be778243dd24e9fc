package io.cairn.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.CairnApplication;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Cairn in a JVM of its own, started from the test's classpath on the {@code cluster} profile, so a test can kill
 * it with SIGKILL, as an operating system or an operator would. Its output goes to {@code <dataDir>/cairn.log}
 * (a restart appends to it).
 */
public final class CairnProcess implements AutoCloseable {

    private final List<String> args;
    private final Path dataDir;
    private final int port;
    private Process process;

    private CairnProcess(List<String> args, Path dataDir, int port) {
        this.args = List.copyOf(args);
        this.dataDir = dataDir;
        this.port = port;
    }

    /** Starts an instance with {@code args} (Spring arguments) on a free port and waits until it is healthy. */
    public static CairnProcess start(List<String> args, Path dataDir) throws IOException, InterruptedException {
        CairnProcess cairn = new CairnProcess(args, dataDir, freePort());
        cairn.restart();
        return cairn;
    }

    /** Starts the instance again, same arguments, data directory and port; waits until it is healthy. */
    public void restart() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m", "-XX:TieredStopAtLevel=1", "-Dspring.profiles.active=cluster",
                "-cp", System.getProperty("java.class.path"), CairnApplication.class.getName()));
        command.addAll(args);
        command.addAll(List.of("--cairn.data-dir=" + dataDir, "--server.port=" + port, "--server.address=127.0.0.1"));
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile())).start();
        Api anonymous = new Api(port, null);
        waitFor(Duration.ofSeconds(180), "Cairn up on port " + port, () -> {
            assertThat(process.isAlive()).as("Cairn exited; see " + log()).isTrue();
            try {
                return anonymous.get("/actuator/health").status() == 200;
            } catch (RuntimeException notYet) {
                return false;
            }
        });
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed. Waits until the process is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** {@code pid@} — how the instance names itself as a segment owner. */
    public String ownerPrefix() {
        return process.pid() + "@";
    }

    public int port() {
        return port;
    }

    public Path log() {
        return dataDir.resolve("cairn.log");
    }

    @Override
    public void close() {
        if (process != null) {
            process.destroyForcibly();
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public static void waitFor(Duration timeout, String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what + " within " + timeout).isLessThan(deadline);
            Thread.sleep(250);
        }
    }
}
