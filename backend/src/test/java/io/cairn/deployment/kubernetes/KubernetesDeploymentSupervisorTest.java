package io.cairn.deployment.kubernetes;

import static io.cairn.deployment.command.DeploymentMother.TENANT;
import static io.cairn.deployment.command.DeploymentMother.kubernetesView;
import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.deployment.kubernetes.KubernetesDeploymentSupervisor.Observation;
import io.cairn.deployment.query.DeploymentReadModel;
import io.cairn.deployment.query.DeploymentView;
import io.cairn.support.KubernetesMock;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The kubernetes target against fabric8's mock API server in CRUD mode (there is no real kube-apiserver on the
 * build machines): the exact manifests after each change of a deployment, and how Deployment statuses, patched
 * into the mock as the Deployment controller would write them, read as rollouts.
 */
class KubernetesDeploymentSupervisorTest {

    static final String ID = "0b6c2f64-1d1e-4f31-9a4c-5b1f1c7e2a10";
    static final String NAMESPACE = "cairn-" + TENANT;
    static final String V1 = "cairn-" + ID + "-v1";
    static final String V2 = "cairn-" + ID + "-v2";
    static final String V3 = "cairn-" + ID + "-v3";
    private static final KubernetesSerialization YAML = new KubernetesSerialization();

    /** What the read model holds: the test sets it before each reconciliation. */
    private final List<DeploymentReadModel.Row> rows = new ArrayList<>();
    private final DeploymentReadModel readModel = new DeploymentReadModel(null) {
        @Override
        public List<Row> allOn(String target) {
            return List.copyOf(rows);
        }
    };
    private KubernetesMockServer server;
    private KubernetesClient client;

    static KubernetesDeploymentProperties properties(boolean autoscaling) {
        return new KubernetesDeploymentProperties(true, null, null, "registry.example.com/cairn/model-server:0.1.0",
                "cairn-{org}", "http://cairn-backend.cairn.svc:8080", "cairn-model-server-token", "500m", "1Gi", "2Gi",
                Duration.ofSeconds(600), Duration.ofSeconds(5),
                new KubernetesDeploymentProperties.Autoscaling(autoscaling, 4, 80));
    }

    @BeforeEach
    void start() {
        server = KubernetesMock.crudServer();
        client = server.createClient();
    }

    @AfterEach
    void stop() {
        client.close();
        server.destroy();
    }

    private KubernetesDeploymentSupervisor supervisor(boolean autoscaling) {
        return new KubernetesDeploymentSupervisor(properties(autoscaling), readModel, new KubernetesClientBuilder()
                .withConfig(new ConfigBuilder(client.getConfiguration()).withRequestRetryBackoffLimit(0).build())
                .build());
    }

    private void serve(DeploymentView... views) {
        rows.clear();
        for (DeploymentView view : views) {
            rows.add(new DeploymentReadModel.Row(TENANT, view));
        }
    }

    private Deployment deployment(String name) {
        return client.apps().deployments().inNamespace(NAMESPACE).withName(name).get();
    }

    private Service service(String name) {
        return client.services().inNamespace(NAMESPACE).withName(name).get();
    }

    private List<String> names() {
        List<String> names = new ArrayList<>();
        client.apps().deployments().inNamespace(NAMESPACE).list().getItems()
                .forEach(d -> names.add("Deployment/" + d.getMetadata().getName()));
        client.services().inNamespace(NAMESPACE).list().getItems()
                .forEach(s -> names.add("Service/" + s.getMetadata().getName()));
        client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NAMESPACE).list().getItems()
                .forEach(h -> names.add("HorizontalPodAutoscaler/" + h.getMetadata().getName()));
        return names.stream().sorted().toList();
    }

    /** The object as Cairn wrote it: without what the API server adds, and without Cairn's manifest hash. */
    private static String manifest(HasMetadata object) {
        ObjectMeta meta = object.getMetadata();
        meta.setResourceVersion(null);
        meta.setUid(null);
        meta.setCreationTimestamp(null);
        meta.setGeneration(null);
        meta.setManagedFields(null);
        assertThat(meta.getAnnotations()).containsKey(KubernetesManifests.MANIFEST_HASH);
        meta.getAnnotations().remove(KubernetesManifests.MANIFEST_HASH);
        if (object instanceof Deployment deployment) {
            deployment.setStatus(null);
        } else if (object instanceof Service service) {
            service.setStatus(null);
        } else if (object instanceof HorizontalPodAutoscaler autoscaler) {
            autoscaler.setStatus(null);
        }
        return YAML.asYaml(object);
    }

    private static String expected(String file) throws IOException {
        try (InputStream in = KubernetesDeploymentSupervisorTest.class.getResourceAsStream(file)) {
            assertThat(in).as(file).isNotNull();
            return YAML.asYaml(YAML.unmarshal(in, HasMetadata.class));
        }
    }

    @Test
    void createWritesTheDocumentedDeploymentAndServiceOfTheVersion() throws IOException {
        KubernetesDeploymentSupervisor supervisor = supervisor(false);
        serve(kubernetesView(ID, 2, 1, null, 0));
        supervisor.tick();

        assertThat(names()).containsExactly("Deployment/" + V1, "Service/" + V1);
        assertThat(manifest(deployment(V1))).isEqualTo(expected("deployment-v1.yaml"));
        assertThat(manifest(service(V1))).isEqualTo(expected("service-v1.yaml"));
    }

    @Test
    void scaleReplacesOnlyTheDeploymentAndAnUnchangedRoundWritesNothing() {
        KubernetesDeploymentSupervisor supervisor = supervisor(false);
        serve(kubernetesView(ID, 2, 1, null, 0));
        supervisor.tick();
        String deploymentVersion = deployment(V1).getMetadata().getResourceVersion();
        String serviceVersion = service(V1).getMetadata().getResourceVersion();

        supervisor.tick();
        assertThat(deployment(V1).getMetadata().getResourceVersion()).isEqualTo(deploymentVersion);

        serve(kubernetesView(ID, 5, 1, null, 0));
        supervisor.tick();
        assertThat(deployment(V1).getSpec().getReplicas()).isEqualTo(5);
        assertThat(deployment(V1).getMetadata().getResourceVersion()).isNotEqualTo(deploymentVersion);
        assertThat(service(V1).getMetadata().getResourceVersion()).isEqualTo(serviceVersion);

        serve(kubernetesView(ID, 0, 1, null, 0));
        supervisor.tick();
        assertThat(deployment(V1).getSpec().getReplicas()).isZero();
        assertThat(names()).containsExactly("Deployment/" + V1, "Service/" + V1);
    }

    @Test
    void aCanaryIsASecondVersionPromoteAndRollbackDeleteTheLoserAndDeleteRemovesAll() {
        KubernetesDeploymentSupervisor supervisor = supervisor(false);
        serve(kubernetesView(ID, 2, 1, null, 0));
        supervisor.tick();

        serve(kubernetesView(ID, 2, 1, 2, 10));
        supervisor.tick();
        assertThat(names()).containsExactly("Deployment/" + V1, "Deployment/" + V2, "Service/" + V1, "Service/" + V2);
        Deployment canary = deployment(V2);
        assertThat(canary.getSpec().getReplicas()).isEqualTo(2);
        assertThat(canary.getSpec().getSelector().getMatchLabels())
                .containsExactlyInAnyOrderEntriesOf(Map.of("cairn.io/deployment", ID, "cairn.io/version", "2"));
        assertThat(canary.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs())
                .containsSubsequence("--version", "2");
        assertThat(service(V2).getSpec().getSelector()).containsEntry("cairn.io/version", "2");

        serve(kubernetesView(ID, 2, 2, null, 0)); // promoted: version 2 is stable, version 1 goes
        supervisor.tick();
        assertThat(names()).containsExactly("Deployment/" + V2, "Service/" + V2);

        serve(kubernetesView(ID, 2, 2, 3, 50));
        supervisor.tick();
        assertThat(names()).contains("Deployment/" + V3, "Service/" + V3);
        serve(kubernetesView(ID, 2, 2, null, 0)); // rolled back: version 3 goes
        supervisor.tick();
        assertThat(names()).containsExactly("Deployment/" + V2, "Service/" + V2);

        serve();
        supervisor.tick();
        assertThat(names()).isEmpty();
    }

    @Test
    void withAutoscalingAnHpaOwnsTheReplicaCountAndGoesAtZeroReplicas() throws IOException {
        KubernetesDeploymentSupervisor supervisor = supervisor(true);
        serve(kubernetesView(ID, 2, 1, null, 0));
        supervisor.tick();

        assertThat(names()).containsExactly("Deployment/" + V1, "HorizontalPodAutoscaler/" + V1, "Service/" + V1);
        assertThat(deployment(V1).getSpec().getReplicas()).isNull();
        assertThat(manifest(client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NAMESPACE).withName(V1)
                .get())).isEqualTo(expected("hpa-v1.yaml"));

        serve(kubernetesView(ID, 6, 1, null, 0));
        supervisor.tick();
        HorizontalPodAutoscaler scaled = client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NAMESPACE)
                .withName(V1).get();
        assertThat(scaled.getSpec().getMinReplicas()).isEqualTo(6);
        assertThat(scaled.getSpec().getMaxReplicas()).isEqualTo(6);

        serve(kubernetesView(ID, 0, 1, null, 0));
        supervisor.tick();
        assertThat(names()).containsExactly("Deployment/" + V1, "Service/" + V1);
        assertThat(deployment(V1).getSpec().getReplicas()).isZero();
    }

    @Test
    void deploymentStatusesReadAsRolloutsAndOnlyAReadyVersionIsScored() {
        KubernetesDeploymentSupervisor supervisor = supervisor(false);
        DeploymentView view = kubernetesView(ID, 2, 1, 2, 10);
        serve(view);

        DeploymentView before = supervisor.observe(TENANT, view);
        assertThat(before.status()).isEqualTo("PENDING");
        assertThat(before.versions().get(0).rollout().namespace()).isEqualTo(NAMESPACE);

        supervisor.tick();
        DeploymentView applied = supervisor.observe(TENANT, view);
        assertThat(applied.status()).isEqualTo("PROGRESSING");
        assertThat(applied.versions().get(0).reason()).isEqualTo("0 of 2 replicas ready (0 updated, 0 available)");
        assertThat(supervisor.scoreUri(TENANT, view, 1)).isNull();

        patchStatus(V1, 2, 2, 2, 2);
        patchStatus(V2, 2, 2, 1, 1);
        supervisor.tick();
        DeploymentView rolling = supervisor.observe(TENANT, view);
        assertThat(rolling.status()).isEqualTo("PROGRESSING");
        assertThat(rolling.versions().get(0).status()).isEqualTo("AVAILABLE");
        assertThat(rolling.versions().get(0).rollout())
                .isEqualTo(new DeploymentView.Rollout(NAMESPACE, V1, 2, 2, 2, 2));
        assertThat(rolling.versions().get(1).status()).isEqualTo("PROGRESSING");
        assertThat(rolling.versions().get(1).rollout().readyReplicas()).isEqualTo(1);
        assertThat(supervisor.scoreUri(TENANT, view, 1))
                .hasToString("http://" + V1 + "." + NAMESPACE + ".svc:8081/v1/score");
        assertThat(supervisor.scoreUri(TENANT, view, 2)).isNotNull();

        patchStatus(V2, 2, 2, 2, 2);
        supervisor.tick();
        assertThat(supervisor.observe(TENANT, view).status()).isEqualTo("AVAILABLE");

        client.apps().deployments().inNamespace(NAMESPACE).withName(V2).editStatus(d -> new DeploymentBuilder(d)
                .editStatus().withReadyReplicas(0).withAvailableReplicas(0).withConditions(progressDeadlineExceeded())
                .endStatus().build());
        supervisor.tick();
        DeploymentView failed = supervisor.observe(TENANT, view);
        assertThat(failed.status()).isEqualTo("FAILED");
        assertThat(failed.versions().get(1).reason())
                .isEqualTo("ProgressDeadlineExceeded: ReplicaSet \"" + V2 + "-5d8f\" has timed out progressing.");
        assertThat(supervisor.scoreUri(TENANT, view, 2)).isNull();

        DeploymentView stopped = kubernetesView(ID, 0, 1, 2, 10);
        assertThat(supervisor.observe(TENANT, stopped).status()).isEqualTo("STOPPED");
        assertThat(supervisor.scoreUri(TENANT, stopped, 1)).isNull();
    }

    /**
     * No poll runs here (the loop is not started): only the watch of Cairn's Deployments can carry the statuses the
     * Deployment controller writes into the rollout, and the first ready replica into scoring.
     */
    @Test
    void theWatchReadsAStatusChangeWithoutWaitingForThePoll() throws InterruptedException {
        KubernetesDeploymentSupervisor supervisor = supervisor(false);
        DeploymentView view = kubernetesView(ID, 2, 1, 2, 10);
        serve(view);
        supervisor.tick();
        assertThat(supervisor.observe(TENANT, view).versions().get(0).status()).isEqualTo("PROGRESSING");

        patchStatus(V1, 2, 2, 1, 1);
        awaitStatus(supervisor, view, 0, "PROGRESSING", 1);
        assertThat(supervisor.scoreUri(TENANT, view, 1)).isNotNull();
        patchStatus(V1, 2, 2, 2, 2);
        awaitStatus(supervisor, view, 0, "AVAILABLE", 2);
        supervisor.stop();
    }

    private static void awaitStatus(KubernetesDeploymentSupervisor supervisor, DeploymentView view, int index,
                                    String status, int ready) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        DeploymentView.Served seen = supervisor.observe(TENANT, view).versions().get(index);
        while (!(seen.status().equals(status) && seen.rollout().readyReplicas() == ready)) {
            assertThat(System.nanoTime()).as("still %s with %d ready 10 s after the status changed", seen.status(),
                    seen.rollout().readyReplicas()).isLessThan(deadline);
            Thread.sleep(50);
            seen = supervisor.observe(TENANT, view).versions().get(index);
        }
    }

    @Test
    void aRefusedObjectFailsItsVersionWithTheApiServersReason() {
        server.destroy();
        KubernetesDeploymentSupervisor supervisor = supervisor(false);
        DeploymentView view = kubernetesView(ID, 1, 1, null, 0);
        serve(view);
        supervisor.tick();
        DeploymentView observed = supervisor.observe(TENANT, view);
        assertThat(observed.status()).isEqualTo("FAILED");
        assertThat(observed.versions().get(0).reason()).startsWith("The Kubernetes API refused to list namespace "
                + NAMESPACE);
        server = KubernetesMock.crudServer(); // for stop()
    }

    @Test
    void rolloutMapsTheDeploymentStatus() {
        assertThat(rollout(3, null, null, null, null).status()).isEqualTo("PROGRESSING");
        assertThat(rollout(3, 3, 3, 3, 3).status()).isEqualTo("AVAILABLE");
        assertThat(rollout(3, 4, 3, 4, 4).reason()).isEqualTo("4 of 3 replicas ready (3 updated, 4 available)");
        Deployment failing = new DeploymentBuilder(rolloutDeployment(3, 3, 1, 1, 1)).editStatus()
                .withConditions(new DeploymentConditionBuilder().withType("ReplicaFailure").withStatus("True")
                        .withReason("FailedCreate").withMessage("pods \"x\" is forbidden: exceeded quota").build())
                .endStatus().build();
        Observation failed = KubernetesDeploymentSupervisor.rollout(failing);
        assertThat(failed.status()).isEqualTo("FAILED");
        assertThat(failed.reason()).isEqualTo("FailedCreate: pods \"x\" is forbidden: exceeded quota");
        Deployment stale = new DeploymentBuilder(rolloutDeployment(3, 3, 3, 3, 3)).editMetadata().withGeneration(4L)
                .endMetadata().editStatus().withObservedGeneration(3L).endStatus().build();
        assertThat(KubernetesDeploymentSupervisor.rollout(stale).status()).isEqualTo("PROGRESSING");
    }

    @Test
    void namesAndNamespacesAreDnsLabels() {
        KubernetesManifests manifests = new KubernetesManifests(properties(false));
        assertThat(manifests.namespace("acme")).isEqualTo("cairn-acme");
        String longOrg = "a".repeat(63);
        String namespace = manifests.namespace(longOrg);
        assertThat(namespace).hasSizeLessThanOrEqualTo(63).startsWith("cairn-aaaa").matches("[a-z0-9-]+");
        assertThat(manifests.namespace(longOrg)).isEqualTo(namespace);
        assertThat(manifests.namespace("a".repeat(62) + "b")).isNotEqualTo(namespace);
        assertThat(KubernetesManifests.name(ID, 12)).isEqualTo("cairn-" + ID + "-v12");
    }

    private static Observation rollout(int desired, Integer replicas, Integer updated, Integer ready, Integer available) {
        return KubernetesDeploymentSupervisor.rollout(rolloutDeployment(desired, replicas, updated, ready, available));
    }

    private static Deployment rolloutDeployment(int desired, Integer replicas, Integer updated, Integer ready,
                                                Integer available) {
        return new DeploymentBuilder().withNewMetadata().withName(V1).withNamespace(NAMESPACE).endMetadata()
                .withNewSpec().withReplicas(desired).endSpec()
                .withNewStatus().withReplicas(replicas).withUpdatedReplicas(updated).withReadyReplicas(ready)
                .withAvailableReplicas(available).endStatus().build();
    }

    private void patchStatus(String name, int replicas, int updated, int ready, int available) {
        client.apps().deployments().inNamespace(NAMESPACE).withName(name).editStatus(d -> new DeploymentBuilder(d)
                .withNewStatus().withReplicas(replicas).withUpdatedReplicas(updated).withReadyReplicas(ready)
                .withAvailableReplicas(available).endStatus().build());
    }

    private static DeploymentCondition progressDeadlineExceeded() {
        return new DeploymentConditionBuilder().withType("Progressing").withStatus("False")
                .withReason("ProgressDeadlineExceeded")
                .withMessage("ReplicaSet \"" + V2 + "-5d8f\" has timed out progressing.").build();
    }
}
