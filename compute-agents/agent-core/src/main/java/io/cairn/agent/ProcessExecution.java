package io.cairn.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/**
 * One attempt of a run as an operating-system process in its own working directory, its output shipped as log
 * chunks. For a {@code process} run: {@code sh -c <entrypoint>} with the spec's environment variables and parameters
 * ({@code CAIRN_PARAM_<KEY>}), in a working directory holding the run's source snapshot ({@link SourceFetch}: its
 * archive unpacked, or its git commit checked out); other executors start their own command (e.g. a training JVM).
 * A source that cannot be materialised fails the attempt before any process starts. The outcome:
 * exit code 0 → FINISHED; another exit code → FAILED; over {@code timeoutSeconds} → FAILED; cancelled → KILLED.
 */
public class ProcessExecution implements RunExecutor.Execution {

    private final CairnClient client;
    private final String runId;
    private final List<String> command;
    private final Map<String, String> environment;
    private final long timeoutSeconds;
    private final Path workDir;
    private final boolean tracking;
    private final String runToken;
    private final JsonNode source;
    private volatile SourceFetch sourceFetch;
    private volatile Process process;
    private volatile boolean cancelled;

    /**
     * A {@code process} run: {@code sh -c <entrypoint>} with the spec's variables and parameters, and what it needs
     * to report to its run ({@link CairnClient#trackingEnvironment}, with {@code runToken}).
     */
    ProcessExecution(CairnClient client, String runId, JsonNode spec, String runToken, Path workDir, JsonNode source) {
        this(client, runId, List.of("sh", "-c", spec.path("entrypoint").asString()), processEnvironment(spec, runId, workDir),
                spec.path("timeoutSeconds").asLong(0), workDir, true, runToken, source);
    }

    /**
     * Any command, with these variables added to the agent's environment, stopped after {@code timeoutSeconds}
     * (0: never).
     */
    public ProcessExecution(CairnClient client, String runId, List<String> command, Map<String, String> environment,
                            long timeoutSeconds, Path workDir) {
        this(client, runId, command, environment, timeoutSeconds, workDir, false, null, null);
    }

    /**
     * With {@code tracking}, the process also gets {@link CairnClient#trackingEnvironment} at its start; the
     * {@code source} snapshot (null: none) is materialised in the working directory before.
     */
    private ProcessExecution(CairnClient client, String runId, List<String> command, Map<String, String> environment,
                             long timeoutSeconds, Path workDir, boolean tracking, String runToken, JsonNode source) {
        this.source = source;
        this.tracking = tracking;
        this.runToken = runToken;
        this.client = client;
        this.runId = runId;
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.timeoutSeconds = timeoutSeconds;
        this.workDir = workDir;
    }

    /** Stops the process and everything it started; {@link #run} then answers KILLED. */
    @Override
    public void cancel() {
        cancelled = true;
        SourceFetch fetching = sourceFetch;
        if (fetching != null) {
            fetching.cancel();
        }
        Process running = process;
        if (running != null) {
            destroyTree(running);
        }
    }

    @Override
    public RunExecutor.Outcome run() throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        builder.environment().putAll(environment);
        if (tracking) {
            // after the spec's variables: a run cannot point its tracking elsewhere
            builder.environment().putAll(client.trackingEnvironment(runId, runToken));
        }
        LogShipper logs = new LogShipper(client, runId);
        String sourceFailure = materialiseSource(logs);
        if (sourceFailure != null || cancelled) {
            logs.close();
            return cancelled ? RunExecutor.Outcome.killed() : RunExecutor.Outcome.failed(sourceFailure);
        }
        process = builder.start();
        if (cancelled) {
            destroyTree(process);
        }
        Thread stdout = pump(process.getInputStream(), "stdout", logs);
        Thread stderr = pump(process.getErrorStream(), "stderr", logs);
        // Stopped by a latch, never interrupted: an interrupt would abort a chunk's POST half-way.
        CountDownLatch ended = new CountDownLatch(1);
        Thread flusher = Agent.daemon("logs-" + runId, () -> {
            try {
                while (!ended.await(500, TimeUnit.MILLISECONDS)) {
                    logs.flush();
                }
            } catch (InterruptedException stop) {
                Thread.currentThread().interrupt();
            }
        });
        boolean exited = timeoutSeconds > 0 ? process.waitFor(timeoutSeconds, TimeUnit.SECONDS) : waitFor(process);
        if (!exited) {
            destroyTree(process);
        }
        process.waitFor();
        stdout.join(5_000);
        stderr.join(5_000);
        ended.countDown();
        flusher.join();
        logs.close();
        if (cancelled) {
            return RunExecutor.Outcome.killed();
        }
        if (!exited) {
            return RunExecutor.Outcome.failed("Timed out after " + timeoutSeconds + " s; the process was stopped");
        }
        int code = process.exitValue();
        return code == 0 ? new RunExecutor.Outcome("FINISHED", 0, null)
                : new RunExecutor.Outcome("FAILED", code, "The process exited with code " + code);
    }

    /**
     * Brings the run's source into the working directory, reporting each step in the run's stderr; answers why it
     * could not (the attempt's reason), or null.
     */
    private String materialiseSource(LogShipper logs) throws InterruptedException {
        SourceFetch fetch = new SourceFetch(client, runId, source, line -> agentLine(logs, line));
        if (!fetch.present()) {
            return null;
        }
        sourceFetch = fetch;
        try {
            fetch.into(workDir);
            return null;
        } catch (IllegalArgumentException | IOException e) {
            String reason = "The run's source could not be materialised: " + e.getMessage();
            reason = reason.length() > 1500 ? reason.substring(0, 1500) + "…" : reason;
            agentLine(logs, reason);
            return reason;
        } finally {
            sourceFetch = null;
        }
    }

    /** A line of the agent's own in the run's stderr (and the agent's output), prefixed {@code [cairn-agent]}. */
    private void agentLine(LogShipper logs, String line) {
        logs.append("stderr", "[cairn-agent] " + line + "\n");
        System.out.println("[cairn-agent] run " + runId + ": " + line);
    }

    /** The variables the process gets on top of the agent's environment. */
    Map<String, String> environment() {
        return environment;
    }

    /** The spec's variables, the run's parameters as {@code CAIRN_PARAM_<KEY>} and the run id. */
    public static Map<String, String> processEnvironment(JsonNode spec, String runId) {
        Map<String, String> environment = new HashMap<>();
        JsonNode variables = spec.path("environment").path("variables");
        for (Map.Entry<String, JsonNode> variable : variables.properties()) {
            environment.put(variable.getKey(), variable.getValue().asString());
        }
        for (Map.Entry<String, JsonNode> parameter : spec.path("parameters").properties()) {
            environment.put("CAIRN_PARAM_" + parameter.getKey().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_"),
                    parameter.getValue().asString());
        }
        environment.put("CAIRN_RUN_ID", runId);
        return environment;
    }

    /** A {@code process} run's variables: {@link #processEnvironment(JsonNode, String)} and its metrics file. */
    private static Map<String, String> processEnvironment(JsonNode spec, String runId, Path workDir) {
        Map<String, String> environment = processEnvironment(spec, runId);
        environment.put("CAIRN_METRICS_FILE", workDir.toAbsolutePath().resolve(TrainingExecution.METRICS).toString());
        return environment;
    }

    private static boolean waitFor(Process process) throws InterruptedException {
        process.waitFor();
        return true;
    }

    private static Thread pump(InputStream input, String stream, LogShipper logs) {
        return Agent.daemon(stream, () -> {
            try (Reader reader = new InputStreamReader(input, StandardCharsets.UTF_8)) {
                char[] buffer = new char[8192];
                int read;
                while ((read = reader.read(buffer)) >= 0) {
                    logs.append(stream, new String(buffer, 0, read));
                }
            } catch (IOException closed) {
                // the process ended or was destroyed
            }
        });
    }

    static void destroyTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
