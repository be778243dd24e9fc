package io.cairn.agent.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.agent.AgentConfig;
import io.cairn.agent.RunContext;
import io.cairn.agent.RunExecutor;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.ScalableResource;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The kubernetes executor against fabric8's mock API server in CRUD mode (no real kube-apiserver exists on the build
 * machines): the Job it submits, how it maps the Job's status (patched in the mock as the Job controller would), and
 * cancellation. Cairn's side is a real local HTTP server ({@link FakeCairn}) that records the log chunks.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class KubernetesExecutionTest {

    static final String RUN = "0123456789abcdef0123456789abcdef";
    static final String NAMESPACE = "ml-jobs";
    static final String JOB = "cairn-run-0123456789ab-a2";
    static final String SPEC = """
            {"kind": "kubernetes", "entrypoint": "python train.py --lr $CAIRN_PARAM_LR", "parameters": {"lr": "0.01"},
             "environment": {"image": "ghcr.io/acme/train:1.2", "variables": {"OMP_NUM_THREADS": "2"},
                             "resources": {"cpu": 1.5, "memoryMb": 4096, "gpu": 1}},
             "maxAttempts": 3, "timeoutSeconds": 600}""";

    private final JsonMapper json = JsonMapper.builder().build();
    KubernetesClient client;
    KubernetesMockServer server;
    private FakeCairn cairn;

    @BeforeEach
    void startCairn() throws Exception {
        cairn = new FakeCairn().target("t-gpu", "{\"namespace\": \"" + NAMESPACE + "\", \"gpus\": 2}")
                .target("t-none",
                        "{\"sparkMaster\": null, \"namespace\": null, \"gpus\": null, \"maxConcurrentRuns\": null}");
    }

    @AfterEach
    void stopCairn() {
        cairn.close();
    }

    @Test
    void submitsTheManifestOfTheAttemptAndFinishesWhenTheJobSucceeds() throws Exception {
        CompletableFuture<RunExecutor.Outcome> outcome = start(execution("t-gpu", 2, SPEC));
        Job job = awaitJob(JOB);
        Job expected;
        try (InputStream yaml = getClass().getResourceAsStream("/expected-job.yaml")) {
            expected = client.getKubernetesSerialization().unmarshal(yaml, Job.class);
        }
        assertThat(job.getMetadata().getName()).isEqualTo(expected.getMetadata().getName());
        assertThat(job.getMetadata().getNamespace()).isEqualTo(NAMESPACE);
        assertThat(job.getMetadata().getLabels()).isEqualTo(expected.getMetadata().getLabels());
        assertThat(job.getSpec()).isEqualTo(expected.getSpec());
        assertThat(client.getKubernetesSerialization().asYaml(job)).doesNotContain("secret-token-value");

        setStatus(JOB, new JobStatusBuilder().withSucceeded(1)
                .withConditions(new JobConditionBuilder().withType("Complete").withStatus("True").build()).build());
        assertThat(outcome.get(30, TimeUnit.SECONDS)).isEqualTo(new RunExecutor.Outcome("FINISHED", 0, null));
        assertThat(cairn.logs())
                .contains("stderr:[cairn-agent] submitted the Job ml-jobs/" + JOB + " (image ghcr.io/acme/train:1.2)\n")
                .contains("[cairn-agent] the Job ml-jobs/" + JOB + " ended: FINISHED\n");
    }

    @Test
    void anActiveJobIsReportedRunningThenTheRunFinishes() throws Exception {
        CompletableFuture<RunExecutor.Outcome> outcome = start(execution("t-gpu", 2, SPEC));
        awaitJob(JOB);
        setStatus(JOB, new JobStatusBuilder().withActive(1).build());
        await(() -> cairn.logs().contains("[cairn-agent] the Job ml-jobs/" + JOB + " is active\n"));
        assertThat(outcome).isNotDone();

        setStatus(JOB, new JobStatusBuilder().withActive(0).withSucceeded(1).build());
        assertThat(outcome.get(30, TimeUnit.SECONDS).status()).isEqualTo("FINISHED");
    }

    @Test
    void theLogOfTheRunningPodIsShippedAsTheRunsStdout() throws Exception {
        String pod = JOB + "-b4c5d";
        // the CRUD mock keeps no pod logs: this one answer is scripted
        server.expect().get()
                .withPath("/api/v1/namespaces/ml-jobs/pods/" + pod + "/log?pretty=false&container=run&follow=true")
                .andReturn(200, "epoch 1 loss 0.52\nepoch 2 loss 0.31\n").once();
        CompletableFuture<RunExecutor.Outcome> outcome = start(execution("t-gpu", 2, SPEC));
        awaitJob(JOB);
        client.pods().inNamespace(NAMESPACE).resource(pod(pod, "Running", new ContainerStatusBuilder().withName("run")
                .withNewState().withNewRunning().endRunning().endState().build())).create();
        setStatus(JOB, new JobStatusBuilder().withActive(1).build());
        await(() -> cairn.stdout().equals("epoch 1 loss 0.52\nepoch 2 loss 0.31\n"));
        setStatus(JOB, new JobStatusBuilder().withActive(0).withSucceeded(1).build());
        assertThat(outcome.get(30, TimeUnit.SECONDS).status()).isEqualTo("FINISHED");
        assertThat(cairn.stdout()).isEqualTo("epoch 1 loss 0.52\nepoch 2 loss 0.31\n");
    }

    @Test
    void aJobOverItsDeadlineFailsTheRunAsTimedOut() throws Exception {
        CompletableFuture<RunExecutor.Outcome> outcome = start(execution("t-gpu", 2, SPEC));
        awaitJob(JOB);
        setStatus(JOB, failed("DeadlineExceeded", "Job was active longer than specified deadline"));
        assertThat(outcome.get(30, TimeUnit.SECONDS)).isEqualTo(RunExecutor.Outcome.failed(
                "Timed out after 600 s (the Job's activeDeadlineSeconds); Kubernetes stopped its pod"));
    }

    @Test
    void aFailedPodFailsTheRunWithItsExitCodeAndReason() throws Exception {
        CompletableFuture<RunExecutor.Outcome> outcome = start(execution("t-gpu", 2, SPEC));
        awaitJob(JOB);
        client.pods().inNamespace(NAMESPACE).resource(pod(JOB + "-x7k2p", "Failed", new ContainerStatusBuilder()
                .withName("run").withNewState().withNewTerminated().withExitCode(137).withReason("OOMKilled")
                .endTerminated().endState().build())).create();
        setStatus(JOB, failed("BackoffLimitExceeded", "Job has reached the specified backoff limit"));
        // the mock serves no pod logs: the executor goes on without them
        assertThat(outcome.get(30, TimeUnit.SECONDS)).isEqualTo(new RunExecutor.Outcome("FAILED", 137,
                "The pod " + JOB + "-x7k2p failed: its container exited with code 137 (OOMKilled)"));
    }

    @Test
    void aFailedJobWithoutItsPodStillFailsTheRun() throws Exception {
        CompletableFuture<RunExecutor.Outcome> outcome = start(execution("t-gpu", 2, SPEC));
        awaitJob(JOB);
        setStatus(JOB, failed("BackoffLimitExceeded", "Job has reached the specified backoff limit"));
        assertThat(outcome.get(30, TimeUnit.SECONDS)).isEqualTo(RunExecutor.Outcome.failed("The pod failed "
                + "(BackoffLimitExceeded: Job has reached the specified backoff limit); no pod was left to tell why"));
    }

    @Test
    void aPodThatCannotStartFailsTheRunAndItsJobIsDeleted() throws Exception {
        CompletableFuture<RunExecutor.Outcome> outcome = start(execution("t-gpu", 2, SPEC));
        awaitJob(JOB);
        client.pods().inNamespace(NAMESPACE).resource(pod(JOB + "-q9z8w", "Pending", new ContainerStatusBuilder()
                .withName("run").withNewState().withNewWaiting().withReason("CreateContainerConfigError")
                .withMessage("secret \"cairn-run-token\" not found").endWaiting().endState().build())).create();
        assertThat(outcome.get(30, TimeUnit.SECONDS)).isEqualTo(RunExecutor.Outcome.failed("The pod " + JOB
                + "-q9z8w cannot start: CreateContainerConfigError: secret \"cairn-run-token\" not found"));
        assertThat(job(JOB).get()).isNull();
    }

    @Test
    void cancellingDeletesTheJobWithinSeconds() throws Exception {
        KubernetesExecution execution = execution("t-gpu", 2, SPEC);
        CompletableFuture<RunExecutor.Outcome> outcome = start(execution);
        awaitJob(JOB);
        setStatus(JOB, new JobStatusBuilder().withActive(1).build());
        Instant cancelled = Instant.now();
        execution.cancel();
        RunExecutor.Outcome killed = outcome.get(10, TimeUnit.SECONDS);
        assertThat(Duration.between(cancelled, Instant.now())).isLessThan(Duration.ofSeconds(10));
        assertThat(killed).isEqualTo(new RunExecutor.Outcome("KILLED", null,
                "Cancelled; the Kubernetes Job ml-jobs/" + JOB + " was deleted"));
        assertThat(job(JOB).get()).isNull();
    }

    @Test
    void aJobDeletedOutsideCairnFailsTheRun() throws Exception {
        CompletableFuture<RunExecutor.Outcome> outcome = start(execution("t-gpu", 2, SPEC));
        awaitJob(JOB);
        job(JOB).delete();
        assertThat(outcome.get(30, TimeUnit.SECONDS))
                .isEqualTo(RunExecutor.Outcome.failed("The Job ml-jobs/" + JOB + " was deleted outside Cairn"));
    }

    @Test
    void theJobOfAnEarlierAttemptLeftByALostAgentIsDeleted() throws Exception {
        KubernetesOptions options = KubernetesOptions.from(cairn.config("--kube-tracking-uri=http://cairn.ml.svc:8080"));
        client.batch().v1().jobs().inNamespace(NAMESPACE).resource(JobManifest.build(RUN, FakeCairn.ORG, 1, NAMESPACE,
                json.readTree(SPEC), "ghcr.io/acme/train:1.2", options)).create();
        CompletableFuture<RunExecutor.Outcome> outcome = start(execution("t-gpu", 2, SPEC));
        awaitJob(JOB);
        assertThat(job("cairn-run-0123456789ab-a1").get()).isNull();
        await(() -> cairn.logs().contains("[cairn-agent] deleted the Job ml-jobs/cairn-run-0123456789ab-a1 of attempt 1"
                + ", left behind by a lost agent\n"));
        setStatus(JOB, new JobStatusBuilder().withSucceeded(1).build());
        assertThat(outcome.get(30, TimeUnit.SECONDS).status()).isEqualTo("FINISHED");
    }

    @Test
    void aRunAskingForMoreGpusThanItsTargetOffersFailsWithoutAJob() throws Exception {
        RunExecutor.Outcome outcome = execution("t-none", 1, SPEC).run();
        assertThat(outcome).isEqualTo(RunExecutor.Outcome.failed(
                "The run asks for 1 GPU(s); its target offers 0 (settings.gpus)"));
        assertThat(client.batch().v1().jobs().inAnyNamespace().list().getItems()).isEmpty();
    }

    @Test
    void aRunWithoutAnImageFailsUnlessTheAgentHasADefaultOne() throws Exception {
        String spec = "{\"kind\": \"kubernetes\", \"entrypoint\": \"echo hi\", \"environment\": {\"image\": null, "
                + "\"resources\": {\"cpu\": null, \"memoryMb\": null, \"gpu\": null}}, \"timeoutSeconds\": null}";
        assertThat(execution("t-none", 1, spec).run()).isEqualTo(RunExecutor.Outcome.failed(
                "No image: set the spec's environment.image or the agent's --kube-image"));

        CompletableFuture<RunExecutor.Outcome> outcome = start(execution("t-none", 1, spec, "--kube-image=busybox:1.37",
                "--kube-namespace=batch", "--kube-token-secret=team-token", "--kube-ttl-seconds=60"));
        String name = "cairn-run-0123456789ab-a1";
        Job job = await(() -> client.batch().v1().jobs().inNamespace("batch").withName(name).get());
        var pod = job.getSpec().getTemplate().getSpec();
        assertThat(pod.getContainers().get(0).getImage()).isEqualTo("busybox:1.37");
        assertThat(pod.getContainers().get(0).getResources()).isNull();
        assertThat(pod.getContainers().get(0).getEnv()).anySatisfy(variable -> {
            assertThat(variable.getName()).isEqualTo("CAIRN_TRACKING_TOKEN");
            assertThat(variable.getValue()).isNull();
            assertThat(variable.getValueFrom().getSecretKeyRef().getName()).isEqualTo("team-token");
        });
        assertThat(job.getSpec().getActiveDeadlineSeconds()).isNull();
        assertThat(job.getSpec().getTtlSecondsAfterFinished()).isEqualTo(60);
        client.batch().v1().jobs().inNamespace("batch").withName(name).editStatus(j -> {
            j.setStatus(new JobStatusBuilder().withSucceeded(1).build());
            return j;
        });
        assertThat(outcome.get(30, TimeUnit.SECONDS).status()).isEqualTo("FINISHED");
    }

    @Test
    void theAgentFindsTheExecutorOnItsClassPath() {
        assertThat(RunExecutor.discover(List.of("kubernetes")).get("kubernetes")).isInstanceOf(KubernetesExecutor.class);
        assertThat(RunExecutor.discover(List.of())).containsKeys("process", "kubernetes");
    }

    private KubernetesExecution execution(String targetId, int attempt, String spec, String... options) throws Exception {
        String[] all = new String[options.length + 2];
        all[0] = "--kube-tracking-uri=http://cairn.ml.svc:8080";
        all[1] = "--kube-poll-interval-ms=100";
        System.arraycopy(options, 0, all, 2, options.length);
        AgentConfig config = cairn.config(all);
        JsonNode parsed = json.readTree(spec);
        RunContext context = new RunContext(cairn.client(config), config, RUN, targetId, attempt, parsed,
                Path.of("target", "runs", RUN));
        return (KubernetesExecution) new KubernetesExecutor(client).prepare(context);
    }

    private static CompletableFuture<RunExecutor.Outcome> start(KubernetesExecution execution) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return execution.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }

    private ScalableResource<Job> job(String name) {
        return client.batch().v1().jobs().inNamespace(NAMESPACE).withName(name);
    }

    private Job awaitJob(String name) {
        return await(() -> job(name).get());
    }

    /** Sets the Job's status through the status subresource, as the Job controller does. */
    private void setStatus(String name, JobStatus status) {
        job(name).editStatus(j -> {
            j.setStatus(status);
            return j;
        });
    }

    private static JobStatus failed(String reason, String message) {
        return new JobStatusBuilder().withFailed(1).withConditions(new JobConditionBuilder().withType("Failed")
                .withStatus("True").withReason(reason).withMessage(message).build()).build();
    }

    private static Pod pod(String name, String phase, io.fabric8.kubernetes.api.model.ContainerStatus container) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace(NAMESPACE)
                .withLabels(Map.of(JobManifest.LABEL_RUN, RUN, JobManifest.LABEL_ATTEMPT, "2"))
                .endMetadata()
                .withNewSpec().addNewContainer().withName("run").withImage("ghcr.io/acme/train:1.2").endContainer()
                .endSpec()
                .withNewStatus().withPhase(phase).withContainerStatuses(container).endStatus()
                .build();
    }

    /** Polls until {@code found} gives a value (30 s at most: the build machine is shared). */
    static <T> T await(java.util.function.Supplier<T> found) {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            T value = found.get();
            if (value != null) {
                return value;
            }
            sleep();
        }
        throw new AssertionError("not found within 30 s");
    }

    private static void await(BooleanSupplier condition) {
        await(() -> condition.getAsBoolean() ? Boolean.TRUE : null);
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
