package io.cairn.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Real agent JVMs for a test ({@code @RegisterExtension}): each started with its output in {@code agent.log} of its
 * work dir, printed when the test fails (what the agent was refused or could not reach), and stopped with its process
 * tree after each test.
 */
public final class AgentProcesses implements AfterEachCallback, TestWatcher {

    private final List<Process> agents = new ArrayList<>();
    private final List<Path> logs = new ArrayList<>();

    /** Starts {@code java <jvmAndClassPath> --url=… <options>}; the agent's log goes to {@code workDir/agent.log}. */
    public Process start(List<String> command, Path workDir) throws IOException {
        Path log = workDir.resolve("agent.log");
        logs.add(log);
        Process agent = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        agents.add(agent);
        return agent;
    }

    /** This JVM's {@code java} executable. */
    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The options every test agent gets: the backend, its target, its service account, a short lease TTL. */
    public static List<String> options(int port, String target, ComputeSteps.Credentials credentials, Path workDir) {
        return List.of("--url=http://localhost:" + port, "--targets=" + target, "--client-id=" + credentials.clientId(),
                "--client-secret=" + credentials.clientSecret(), "--work-dir=" + workDir, "--lease-ttl-seconds=3",
                "--poll-interval-ms=200", "--name=test-agent");
    }

    @Override
    public void afterEach(ExtensionContext context) {
        agents.forEach(agent -> {
            agent.descendants().forEach(ProcessHandle::destroyForcibly);
            agent.destroyForcibly();
        });
        agents.clear();
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        for (Path log : logs) {
            try {
                System.err.println("--- " + log + "\n" + Files.readString(log));
            } catch (IOException e) {
                System.err.println("--- " + log + " cannot be read: " + e.getMessage());
            }
        }
    }

    /** Waits for the condition, polling every 100 ms. */
    public static void await(BooleanSupplier condition, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Condition not met within " + wait.toSeconds() + " s");
            }
            Thread.sleep(100);
        }
    }
}
