package io.cairn.deployment.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.support.Api;
import io.cairn.support.ApiTestBase;
import io.cairn.support.KubernetesMock;
import io.cairn.support.RegistrySteps;
import io.cairn.support.RegistrySteps.TrainedRun;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The deployment API with the kubernetes target enabled against fabric8's mock API server in CRUD mode (no real
 * cluster): what the REST calls make of the cluster's objects, how a rollout shows, and that scoring a version
 * no pod answers for is a 503.
 */
class KubernetesDeploymentApiTest extends ApiTestBase {

    /** The mock API server every API test's application reconciles with (ApiTestBase enables the target). */
    private static final KubernetesClient CLUSTER = KubernetesMock.shared().createClient();

    private String org;
    private Api owner;
    private TrainedRun run;
    private String model;

    @BeforeEach
    void model() {
        org = unique("k8s");
        owner = ownerOf(org);
        RegistrySteps.DeployableModel deployable = RegistrySteps.deployableModel(owner);
        run = deployable.run();
        model = deployable.modelId();
    }

    private String deployed(int replicas) {
        Api.Response created = owner.post("/api/v1/deployments", Map.of("modelId", model, "version", 1,
                "target", "kubernetes", "replicas", replicas));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.get("/target")).isEqualTo("kubernetes");
        return created.get("/id");
    }

    private Deployment inCluster(String id, int version) {
        return CLUSTER.apps().deployments().inNamespace("cairn-" + org)
                .withName(KubernetesManifests.name(id, version)).get();
    }

    @Test
    void createScaleCanaryPromoteAndDeleteChangeTheClusterAndTheRolloutShows() {
        String id = deployed(2);
        String path = "/api/v1/deployments/" + id;
        eventually(() -> inCluster(id, 1) != null);
        Deployment created = inCluster(id, 1);
        assertThat(created.getSpec().getReplicas()).isEqualTo(2);
        assertThat(created.getMetadata().getLabels()).containsEntry("cairn.io/org", org)
                .containsEntry("cairn.io/deployment", id).containsEntry("cairn.io/version", "1");
        assertThat(created.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo("cairn/model-server:0.1.0");
        assertThat(CLUSTER.services().inNamespace("cairn-" + org).withName(KubernetesManifests.name(id, 1)).get())
                .isNotNull();

        eventually(() -> "PROGRESSING".equals(owner.get(path).get("/status")));
        Api.Response progressing = owner.get(path);
        assertThat(progressing.get("/versions/0/status")).isEqualTo("PROGRESSING");
        assertThat(progressing.get("/versions/0/reason")).isEqualTo("0 of 2 replicas ready (0 updated, 0 available)");
        assertThat(progressing.get("/versions/0/rollout/namespace")).isEqualTo("cairn-" + org);
        assertThat(progressing.get("/versions/0/rollout/name")).isEqualTo(KubernetesManifests.name(id, 1));
        assertThat(progressing.get("/versions/0/rollout/desiredReplicas")).isEqualTo("2");
        assertThat(progressing.get("/versions/0/rollout/readyReplicas")).isEqualTo("0");
        Api.Response notReady = assertProblem(owner.post(path + "/score", Map.of("rows", List.of())), 503);
        assertThat(notReady.get("/detail")).contains("no ready model server").contains("PROGRESSING");

        Api.Response scaled = owner.post(path + "/scale", Map.of("replicas", 3));
        assertThat(scaled.status()).as(scaled.text()).isEqualTo(200);
        eventually(() -> inCluster(id, 1).getSpec().getReplicas() == 3);

        CLUSTER.apps().deployments().inNamespace("cairn-" + org).withName(KubernetesManifests.name(id, 1))
                .editStatus(d -> new DeploymentBuilder(d).withNewStatus().withReplicas(3).withUpdatedReplicas(3)
                        .withReadyReplicas(3).withAvailableReplicas(3).endStatus().build());
        eventually(() -> "AVAILABLE".equals(owner.get(path).get("/status")));
        assertThat(owner.get(path).get("/versions/0/rollout/readyReplicas")).isEqualTo("3");
        // ready in the cluster, but no pod answers behind the Service: still a 503, never a 500
        Api.Response unreachable = assertProblem(owner.post(path + "/score", Map.of("rows", List.of())), 503);
        assertThat(unreachable.get("/detail")).contains("did not answer");

        assertThat(owner.post(path + "/update", Map.of("version", 2, "canaryPercent", 20)).status()).isEqualTo(200);
        eventually(() -> inCluster(id, 2) != null);
        assertThat(owner.post(path + "/promote", Map.of()).status()).isEqualTo(200);
        eventually(() -> inCluster(id, 1) == null);
        assertThat(inCluster(id, 2)).isNotNull();

        assertThat(owner.delete(path).status()).isEqualTo(204);
        eventually(() -> inCluster(id, 2) == null && CLUSTER.services().inNamespace("cairn-" + org).list().getItems()
                .isEmpty());
        assertProblem(owner.get(path), 404);
    }

    @Test
    void otherOrganizationsSeeNothingViewersOnlyReadAndBadInputIsRefused() {
        String id = deployed(1);
        String path = "/api/v1/deployments/" + id;
        Api outsider = ownerOf(unique("outsider"));
        assertProblem(outsider.get(path), 404);
        assertProblem(outsider.post(path + "/scale", Map.of("replicas", 2)), 404);
        assertProblem(outsider.delete(path), 404);

        Member viewer = newMember(org, "MEMBER");
        grant(owner, run.projectId(), "users", viewer.principalId(), "VIEWER");
        Api.Response read = viewer.api().get(path);
        assertThat(read.status()).as(read.text()).isEqualTo(200);
        assertThat(read.get("/target")).isEqualTo("kubernetes");
        assertProblem(viewer.api().post(path + "/scale", Map.of("replicas", 2)), 403);
        assertProblem(viewer.api().delete(path), 403);
        assertProblem(viewer.api().post("/api/v1/deployments", Map.of("modelId", model, "version", 1,
                "target", "kubernetes")), 403);

        assertThat(assertProblem(owner.post(path + "/scale", Map.of("replicas", 17)), 400).get("/field"))
                .isEqualTo("replicas");
        assertThat(assertProblem(owner.post("/api/v1/deployments", Map.of("modelId", model, "version", 1,
                "target", "kubernetes", "replicas", -1)), 400).get("/field")).isEqualTo("replicas");
        assertThat(assertProblem(owner.post("/api/v1/deployments", Map.of("modelId", model, "version", 1,
                "target", "mainframe")), 400).get("/field")).isEqualTo("target");

        eventually(() -> inCluster(id, 1) != null);
        assertThat(inCluster(id, 1).getSpec().getReplicas()).isEqualTo(1);
        assertThat(owner.delete(path).status()).isEqualTo(204); // the shared application stops watching its namespace
    }
}
