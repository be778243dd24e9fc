package io.cairn.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;

/**
 * A compute agent: registers the kinds of its executors (keeping its id in its work dir, so a restarted agent is the
 * same agent), heartbeats every third of its lease TTL (extending the leases of the runs it executes and stopping
 * those the backend lists under {@code cancel}), and leases queued runs while it has a free slot.
 */
public class Agent {

    private final AgentConfig config;
    private final CairnClient client;
    private final Map<String, RunExecutor> executors;
    private final Map<String, RunExecutor.Execution> running = new ConcurrentHashMap<>();
    private final ExecutorService executions;
    private volatile boolean stopped;
    private String agentId;

    /** An agent with the executors on the class path (those of {@link AgentConfig#kinds} when it names some). */
    public Agent(AgentConfig config, CairnClient client) {
        this(config, client, RunExecutor.discover(config.kinds()));
    }

    public Agent(AgentConfig config, CairnClient client, Map<String, RunExecutor> executors) {
        if (executors.isEmpty()) {
            throw new IllegalArgumentException("The agent has no executor");
        }
        this.config = config;
        this.client = client;
        this.executors = Map.copyOf(executors);
        this.executions = Executors.newFixedThreadPool(config.maxParallel(), runnable -> {
            Thread thread = new Thread(runnable, "cairn-run");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Registers, then heartbeats and leases until {@link #stop}. */
    public void run() throws InterruptedException {
        while (!stopped) {
            try {
                register();
                break;
            } catch (CairnClient.ApiException e) {
                log("registration failed, retrying: " + e.getMessage());
                Thread.sleep(config.pollInterval().toMillis() * 5);
            }
        }
        Thread heartbeats = daemon("cairn-heartbeat", this::heartbeatLoop);
        while (!stopped) {
            boolean leased = false;
            if (running.size() < config.maxParallel()) {
                try {
                    leased = leaseOne();
                } catch (CairnClient.ApiException e) {
                    log("lease request failed: " + e.getMessage());
                }
            }
            if (!leased) {
                Thread.sleep(config.pollInterval().toMillis());
            }
        }
        heartbeats.interrupt();
    }

    /** Stops leasing and stops every running process (their runs are requeued when their leases expire). */
    public void stop() {
        stopped = true;
        running.values().forEach(RunExecutor.Execution::cancel);
    }

    String agentId() {
        return agentId;
    }

    void register() {
        Path idFile = config.workDir().resolve("agent-id");
        String knownId = null;
        try {
            Files.createDirectories(config.workDir());
            if (Files.exists(idFile)) {
                knownId = Files.readString(idFile).trim();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Object> request = new HashMap<>();
        request.put("name", config.name());
        request.put("kinds", executors.keySet().stream().sorted().toList());
        request.put("targets", config.targets());
        request.put("leaseTtlSeconds", config.leaseTtl().toSeconds());
        if (knownId != null) {
            request.put("agentId", knownId);
        }
        agentId = client.postOk("/api/v1/compute/agents", request).get("id").asString();
        try {
            Files.writeString(idFile, agentId);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        log("registered as agent " + agentId + " for targets " + config.targets() + ", executing "
                + executors.keySet().stream().sorted().toList());
    }

    boolean leaseOne() {
        CairnClient.Response lease = client.post("/api/v1/compute/agents/" + agentId + "/lease", Map.of());
        if (lease.status() == 204) {
            return false;
        }
        if (!lease.ok()) {
            throw new CairnClient.ApiException(lease.status(), "lease answered " + lease.status() + ": " + lease.body());
        }
        JsonNode body = lease.body();
        String runId = body.get("runId").asString();
        int attempt = body.get("attempt").asInt();
        JsonNode spec = body.get("spec");
        String kind = spec.path("kind").asString("process");
        RunExecutor executor = executors.get(kind);
        log("leased run " + runId + " (attempt " + attempt + ", " + kind + ")");
        if (executor == null) {
            complete(runId, attempt, RunExecutor.Outcome.failed("Agent " + config.name() + " has no '" + kind
                    + "' executor"));
            return true;
        }
        String targetId = body.hasNonNull("targetId") ? body.get("targetId").asString() : null;
        String runToken = body.hasNonNull("runToken") ? body.get("runToken").asString() : null;
        RunExecutor.Execution execution = executor.prepare(new RunContext(client, config, runId, targetId, attempt, spec,
                config.workDir().resolve("runs").resolve(runId).resolve("attempt-" + attempt), runToken,
                body.get("source")));
        running.put(runId, execution);
        executions.submit(() -> execute(runId, attempt, spec, execution));
        return true;
    }

    private void execute(String runId, int attempt, JsonNode spec, RunExecutor.Execution execution) {
        RunExecutor.Outcome outcome;
        try {
            if (!spec.path("parameters").isEmpty()) {
                client.post("/api/v1/runs/" + runId + "/params", Map.of("params", spec.get("parameters")));
            }
            outcome = execution.run();
        } catch (IOException | RuntimeException e) {
            outcome = RunExecutor.Outcome.failed("The agent could not run the attempt: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } finally {
            running.remove(runId, execution);
        }
        complete(runId, attempt, outcome);
    }

    private void complete(String runId, int attempt, RunExecutor.Outcome outcome) {
        Map<String, Object> end = new HashMap<>();
        end.put("status", outcome.status());
        end.put("attempt", attempt);
        if (outcome.exitCode() != null) {
            end.put("exitCode", outcome.exitCode());
        }
        if (outcome.reason() != null) {
            end.put("reason", outcome.reason());
        }
        CairnClient.Response answer = client.post("/api/v1/compute/agents/" + agentId + "/runs/" + runId + "/complete", end);
        log("run " + runId + " " + outcome.status() + (answer.ok() ? "" : " (backend answered " + answer.status()
                + ": the run had already ended or the lease was lost)"));
    }

    private void heartbeatLoop() {
        while (!stopped && !Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(config.heartbeatInterval().toMillis());
                heartbeat();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log("heartbeat failed: " + e.getMessage());
            }
        }
    }

    void heartbeat() {
        JsonNode answer = client.postOk("/api/v1/compute/agents/" + agentId + "/heartbeat",
                Map.of("runs", new ArrayList<>(running.keySet())));
        for (JsonNode cancel : answer.path("cancel")) {
            RunExecutor.Execution execution = running.get(cancel.asString());
            if (execution != null) {
                log("stopping run " + cancel.asString() + ": cancelled or no longer leased to this agent");
                execution.cancel();
            }
        }
    }

    static Thread daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    static void log(String message) {
        System.out.println("[cairn-agent] " + message);
    }
}
