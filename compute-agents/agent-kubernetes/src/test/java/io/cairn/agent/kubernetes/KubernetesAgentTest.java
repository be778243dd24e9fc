package io.cairn.agent.kubernetes;

import static io.cairn.agent.kubernetes.KubernetesExecutionTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.agent.Agent;
import io.cairn.agent.AgentConfig;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.ScalableResource;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A whole agent with the kubernetes executor: it leases a run from Cairn (a real local HTTP server), submits its Job
 * to fabric8's mock API server, and reports the end of the attempt to Cairn; a run killed through the API (the
 * heartbeat's {@code cancel}) has its Job deleted within seconds and is reported KILLED.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class KubernetesAgentTest {

    KubernetesClient client;
    private FakeCairn cairn;
    private Agent agent;
    private Thread agentThread;

    @BeforeEach
    void startAgent(@TempDir Path workDir) throws Exception {
        cairn = new FakeCairn().target("t-gpu", "{\"namespace\": \"" + KubernetesExecutionTest.NAMESPACE
                + "\", \"gpus\": 2}");
        AgentConfig config = cairn.config("--work-dir=" + workDir, "--lease-ttl-seconds=3", "--poll-interval-ms=100",
                "--kube-poll-interval-ms=100", "--kube-tracking-uri=http://cairn.ml.svc:8080");
        agent = new Agent(config, cairn.client(config), Map.of("kubernetes", new KubernetesExecutor(client)));
        agentThread = new Thread(() -> {
            try {
                agent.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "test-agent");
        agentThread.start();
    }

    @AfterEach
    void stopAgent() throws InterruptedException {
        agent.stop();
        agentThread.join(5_000);
        cairn.close();
    }

    @Test
    void aLeasedRunIsSubmittedAsAJobAndItsSuccessIsReported() {
        cairn.offer(KubernetesExecutionTest.RUN, "t-gpu", 2, KubernetesExecutionTest.SPEC);
        await(() -> job().get());
        setStatus(new JobStatusBuilder().withSucceeded(1).build());
        JsonNode completion = await(() -> cairn.completions().isEmpty() ? null : cairn.completions().get(0));
        assertThat(completion.get("status").asString()).isEqualTo("FINISHED");
        assertThat(completion.get("attempt").asInt()).isEqualTo(2);
        assertThat(completion.get("exitCode").asInt()).isZero();
    }

    @Test
    void aRunKilledThroughTheApiHasItsJobDeletedWithinSecondsAndIsReportedKilled() {
        cairn.offer(KubernetesExecutionTest.RUN, "t-gpu", 2, KubernetesExecutionTest.SPEC);
        await(() -> job().get());
        setStatus(new JobStatusBuilder().withActive(1).build());
        Instant killed = Instant.now();
        cairn.cancel(KubernetesExecutionTest.RUN);
        JsonNode completion = await(() -> cairn.completions().isEmpty() ? null : cairn.completions().get(0));
        // a heartbeat every second (a third of the 3 s lease TTL), then a DELETE; 10 s: the build machine is shared
        assertThat(Duration.between(killed, Instant.now())).isLessThan(Duration.ofSeconds(10));
        assertThat(job().get()).isNull();
        assertThat(completion.get("status").asString()).isEqualTo("KILLED");
        assertThat(completion.get("reason").asString())
                .isEqualTo("Cancelled; the Kubernetes Job ml-jobs/" + KubernetesExecutionTest.JOB + " was deleted");
    }

    private ScalableResource<Job> job() {
        return client.batch().v1().jobs().inNamespace(KubernetesExecutionTest.NAMESPACE)
                .withName(KubernetesExecutionTest.JOB);
    }

    private void setStatus(JobStatus status) {
        job().editStatus(j -> {
            j.setStatus(status);
            return j;
        });
    }
}
