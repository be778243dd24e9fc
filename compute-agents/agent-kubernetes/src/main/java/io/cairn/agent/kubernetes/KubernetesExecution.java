package io.cairn.agent.kubernetes;

import io.cairn.agent.CairnClient;
import io.cairn.agent.LogShipper;
import io.cairn.agent.RunContext;
import io.cairn.agent.RunExecutor;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.ScalableResource;
import io.fabric8.kubernetes.api.model.batch.v1.JobList;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/**
 * One attempt of a run as a Kubernetes Job. {@link #run}: reads the agent's organization ({@code GET /me}) and the
 * target's settings ({@code GET /compute/targets/{id}}: namespace, GPUs offered), deletes the Jobs of the run's earlier
 * attempts that a lost agent left behind, creates the Job ({@link JobManifest}), then reads it and its pods every
 * {@link KubernetesOptions#pollInterval} until {@link JobState} says it ended. (Reads, not a watch: nothing to
 * re-establish after an API server restart, and one read a second per running Job is little.)
 * Its pod's log is shipped as the run's {@code stdout} once the pod runs; the agent's own lines about the Job
 * (submitted, active, ended) go to the run's {@code stderr}, prefixed {@code [cairn-agent]}.
 * <p>
 * {@link #cancel} (the run was killed, its lease was lost, or the agent stops) deletes the Job with propagation
 * {@code Background}: Kubernetes removes it at once and its pod in the background, and {@link #run} answers KILLED. An
 * agent that dies without stopping leaves its Job running; the run's next attempt deletes it before creating its own.
 */
class KubernetesExecution implements RunExecutor.Execution {

    /** How long the API server may fail to answer before the attempt fails. */
    static final Duration API_GRACE = Duration.ofMinutes(2);
    private static final Set<String> STARTED = Set.of("Running", "Succeeded", "Failed");

    private final KubernetesClient kubernetes;
    private final KubernetesOptions options;
    private final RunContext run;
    private final Semaphore wake = new Semaphore(0);
    private volatile boolean cancelled;
    private volatile String namespace;
    private volatile String name;
    private volatile boolean created;
    private volatile LogWatch logWatch;
    private Thread logPump;
    private LogShipper logs;

    KubernetesExecution(KubernetesClient kubernetes, KubernetesOptions options, RunContext run) {
        this.kubernetes = kubernetes;
        this.options = options;
        this.run = run;
    }

    /**
     * Deletes the Job here (the agent may be stopping: its JVM ends once this returns) and in {@link #run}'s loop,
     * which it wakes, before the loop answers KILLED; a second delete answers 404 and does nothing.
     */
    @Override
    public void cancel() {
        cancelled = true;
        if (created) {
            delete();
        }
        wake.release();
    }

    @Override
    public RunExecutor.Outcome run() throws InterruptedException {
        CairnClient.Response me = run.client().get("/api/v1/me");
        if (!me.ok() || me.body() == null) {
            return RunExecutor.Outcome.failed("The agent could not read its organization (GET /me answered "
                    + me.status() + ")");
        }
        String orgId = me.body().path("organization").asString();
        JsonNode settings = targetSettings();
        JsonNode targetNamespace = settings.path("namespace");
        namespace = firstOf(targetNamespace.isString() ? targetNamespace.asString() : null, options.namespace(),
                kubernetes.getNamespace(), "default");
        int offered = settings.path("gpus").isNumber() ? settings.path("gpus").asInt() : 0;
        int gpus = JobManifest.gpus(run.spec());
        if (gpus > offered) {
            return RunExecutor.Outcome.failed("The run asks for " + gpus + " GPU(s); its target offers " + offered
                    + " (settings.gpus)");
        }
        String image = JobManifest.image(run.spec(), options);
        if (image == null) {
            return RunExecutor.Outcome.failed("No image: set the spec's environment.image or the agent's --kube-image");
        }
        Job job = JobManifest.build(run.runId(), orgId, run.attempt(), namespace, run.spec(), image, options);
        name = job.getMetadata().getName();
        logs = new LogShipper(run.client(), run.runId());
        try {
            return submitAndFollow(job);
        } finally {
            stopLogs();
            logs.close();
        }
    }

    private RunExecutor.Outcome submitAndFollow(Job job) throws InterruptedException {
        try {
            deleteEarlierAttempts();
            if (cancelled) {
                return killed();
            }
            jobs().resource(job).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409 || !ours(jobs().withName(name).get())) {
                return RunExecutor.Outcome.failed("Kubernetes refused the Job " + where() + ": " + describe(e));
            }
            // created by this very attempt before the answer was lost: follow it
        }
        created = true;
        if (cancelled) {
            delete();
            return killed();
        }
        agentLine("submitted the Job " + where() + " (image " + job.getSpec().getTemplate().getSpec().getContainers()
                .get(0).getImage() + ")");
        return follow();
    }

    /** Reads the Job (and its pods) every poll interval until it ends; {@link #cancel} wakes it at once. */
    private RunExecutor.Outcome follow() throws InterruptedException {
        Instant lastAnswer = Instant.now();
        boolean active = false;
        while (true) {
            if (cancelled) {
                delete();
                return killed();
            }
            Job current;
            List<Pod> pods;
            try {
                current = jobs().withName(name).get();
                pods = current == null ? List.of() : pods();
                lastAnswer = Instant.now();
            } catch (KubernetesClientException e) {
                if (Duration.between(lastAnswer, Instant.now()).compareTo(API_GRACE) > 0) {
                    delete();
                    return RunExecutor.Outcome.failed("The Kubernetes API did not answer for " + API_GRACE.toSeconds()
                            + " s (" + describe(e) + "); the Job " + where() + " was deleted");
                }
                pause();
                continue;
            }
            if (current == null) {
                return cancelled ? killed()
                        : RunExecutor.Outcome.failed("The Job " + where() + " was deleted outside Cairn");
            }
            startLogs(pods);
            JobState state = JobState.of(current, pods);
            switch (state.phase()) {
                case RUNNING -> {
                    if (!active) {
                        active = true;
                        agentLine("the Job " + where() + " is active");
                    }
                }
                case STUCK -> {
                    delete();
                    return ended(state.outcome());
                }
                case ENDED -> {
                    return ended(state.outcome());
                }
                default -> {
                    // PENDING: no pod yet (scheduling, image pull)
                }
            }
            logs.flush();
            pause();
        }
    }

    private RunExecutor.Outcome ended(RunExecutor.Outcome outcome) throws InterruptedException {
        drainLogs();
        agentLine("the Job " + where() + " ended: " + outcome.status()
                + (outcome.reason() == null ? "" : " (" + outcome.reason() + ")"));
        return outcome;
    }

    private RunExecutor.Outcome killed() {
        return new RunExecutor.Outcome("KILLED", null, "Cancelled; the Kubernetes Job " + where() + " was deleted");
    }

    private JsonNode targetSettings() {
        if (run.targetId() == null) {
            return tools.jackson.databind.node.MissingNode.getInstance();
        }
        CairnClient.Response target = run.client().get("/api/v1/compute/targets/" + run.targetId());
        if (!target.ok() || target.body() == null) {
            throw new CairnClient.ApiException(target.status(), "GET /compute/targets/" + run.targetId()
                    + " answered " + target.status());
        }
        return target.body().path("settings");
    }

    /** Jobs of this run's earlier attempts: their agent was lost, and Cairn runs one attempt at a time. */
    private void deleteEarlierAttempts() {
        JobList existing = jobs().withLabel(JobManifest.LABEL_RUN, run.runId()).list();
        for (Job earlier : existing.getItems()) {
            String attempt = earlier.getMetadata().getLabels().get(JobManifest.LABEL_ATTEMPT);
            if (!Integer.toString(run.attempt()).equals(attempt)) {
                jobs().withName(earlier.getMetadata().getName()).withPropagationPolicy(DeletionPropagation.BACKGROUND)
                        .delete();
                agentLine("deleted the Job " + namespace + "/" + earlier.getMetadata().getName() + " of attempt "
                        + attempt + ", left behind by a lost agent");
            }
        }
    }

    private boolean ours(Job existing) {
        if (existing == null || existing.getMetadata().getLabels() == null) {
            return false;
        }
        Map<String, String> labels = existing.getMetadata().getLabels();
        return run.runId().equals(labels.get(JobManifest.LABEL_RUN))
                && Integer.toString(run.attempt()).equals(labels.get(JobManifest.LABEL_ATTEMPT));
    }

    private void delete() {
        try {
            jobs().withName(name).withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
        } catch (KubernetesClientException e) {
            log("could not delete the Job " + where() + ": " + describe(e));
        }
    }

    private List<Pod> pods() {
        return kubernetes.pods().inNamespace(namespace)
                .withLabel(JobManifest.LABEL_RUN, run.runId())
                .withLabel(JobManifest.LABEL_ATTEMPT, Integer.toString(run.attempt()))
                .list().getItems();
    }

    /** Follows the log of the first pod that has started, on its own thread (reading it blocks). */
    private void startLogs(List<Pod> pods) {
        if (logPump != null) {
            return;
        }
        pods.stream().filter(p -> p.getStatus() != null && STARTED.contains(p.getStatus().getPhase())).findFirst()
                .ifPresent(pod -> {
                    String podName = pod.getMetadata().getName();
                    logPump = new Thread(() -> pumpLog(podName), "kube-log-" + podName);
                    logPump.setDaemon(true);
                    logPump.start();
                });
    }

    private void pumpLog(String podName) {
        try {
            LogWatch watch = kubernetes.pods().inNamespace(namespace).withName(podName).inContainer(JobManifest.CONTAINER)
                    .watchLog();
            logWatch = watch;
            try (Reader reader = new InputStreamReader(watch.getOutput(), StandardCharsets.UTF_8)) {
                char[] buffer = new char[8192];
                int read;
                while ((read = reader.read(buffer)) >= 0) {
                    logs.append("stdout", new String(buffer, 0, read));
                }
            }
        } catch (KubernetesClientException | IOException e) {
            log("the log of pod " + namespace + "/" + podName + " is not available: " + e.getMessage());
        }
    }

    /** The pod's log ends with its container: give the reader a moment to ship the rest. */
    private void drainLogs() throws InterruptedException {
        if (logPump != null) {
            logPump.join(10_000);
        }
    }

    private void stopLogs() throws InterruptedException {
        LogWatch watch = logWatch;
        if (watch != null) {
            watch.close();
        }
        if (logPump != null) {
            logPump.join(1_000);
        }
    }

    private NonNamespaceOperation<Job, JobList, ScalableResource<Job>> jobs() {
        return kubernetes.batch().v1().jobs().inNamespace(namespace);
    }

    private void pause() throws InterruptedException {
        if (wake.tryAcquire(options.pollInterval().toMillis(), TimeUnit.MILLISECONDS)) {
            wake.drainPermits();
        }
    }

    private String where() {
        return namespace + "/" + name;
    }

    private void agentLine(String line) {
        log(line);
        logs.append("stderr", "[cairn-agent] " + line + "\n");
    }

    private void log(String message) {
        System.out.println("[cairn-agent] run " + run.runId() + ": " + message);
    }

    private static String describe(KubernetesClientException e) {
        return (e.getCode() > 0 ? e.getCode() + " " : "") + e.getMessage();
    }

    private static String firstOf(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}
