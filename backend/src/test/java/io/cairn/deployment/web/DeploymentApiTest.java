package io.cairn.deployment.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.support.Api;
import io.cairn.support.ApiTestBase;
import io.cairn.support.RegistrySteps;
import io.cairn.support.RegistrySteps.TrainedRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The deployment API without model servers: deployments of 0 replicas start none, so these tests cover the
 * commands, refusals, access and lineage quickly. {@code DeploymentServingTest} starts real model servers.
 */
class DeploymentApiTest extends ApiTestBase {

    private String org;
    private Api owner;
    private TrainedRun run;
    private String model;

    @BeforeEach
    void model() {
        org = unique("deploy");
        owner = ownerOf(org);
        RegistrySteps.DeployableModel deployable = RegistrySteps.deployableModel(owner);
        run = deployable.run();
        model = deployable.modelId();
    }

    private Api.Response deploy(Api api, Map<String, Object> request) {
        return api.post("/api/v1/deployments", request);
    }

    private String deployed(Map<String, Object> request) {
        Api.Response created = deploy(owner, request);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.get("/id");
    }

    @Test
    void aDeploymentByAliasRecordsTheAliasAndTheVersionItResolvedTo() {
        assertThat(owner.putJson("/api/v1/models/" + model + "/aliases/challenger", Map.of("version", 2)).status())
                .isEqualTo(200);
        Api.Response created = deploy(owner, Map.of("name", "iris-api", "modelId", model, "alias", "challenger",
                "replicas", 0));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/api/v1/deployments/" + created.get("/id"));
        assertThat(created.get("/name")).isEqualTo("iris-api");
        assertThat(created.get("/target")).isEqualTo("local");
        assertThat(created.get("/projectId")).isEqualTo(run.projectId());
        assertThat(created.get("/status")).isEqualTo("STOPPED");
        assertThat(created.get("/versions/0/version")).isEqualTo("2");
        assertThat(created.get("/versions/0/alias")).isEqualTo("challenger");
        assertThat(created.get("/versions/0/trafficPercent")).isEqualTo("100");
        assertThat(created.get("/versions/0/artifactSha256")).isEqualTo(run.sha256());
    }

    @Test
    void canaryUpdatePromoteRollbackScaleAndDeleteChangeTheDeployment() {
        String id = deployed(Map.of("modelId", model, "version", 1, "replicas", 0));
        String path = "/api/v1/deployments/" + id;
        Api.Response canary = owner.post(path + "/update", Map.of("version", 2, "canaryPercent", 10));
        assertThat(canary.status()).as(canary.text()).isEqualTo(200);
        assertThat(canary.get("/versions/0/trafficPercent")).isEqualTo("90");
        assertThat(canary.get("/versions/1/role")).isEqualTo("canary");
        assertThat(canary.get("/versions/1/version")).isEqualTo("2");
        assertThat(canary.get("/versions/1/trafficPercent")).isEqualTo("10");
        assertProblem(owner.post(path + "/update", Map.of("version", 1, "canaryPercent", 20)), 409);

        Api.Response rolledBack = owner.post(path + "/rollback", Map.of());
        assertThat(rolledBack.json().get("versions").size()).isEqualTo(1);
        assertThat(rolledBack.get("/versions/0/version")).isEqualTo("1");
        assertProblem(owner.post(path + "/rollback", Map.of()), 409);
        assertProblem(owner.post(path + "/promote", Map.of()), 409);

        owner.post(path + "/update", Map.of("version", 2, "canaryPercent", 50));
        Api.Response promoted = owner.post(path + "/promote", Map.of());
        assertThat(promoted.json().get("versions").size()).isEqualTo(1);
        assertThat(promoted.get("/versions/0/version")).isEqualTo("2");
        assertThat(promoted.get("/versions/0/trafficPercent")).isEqualTo("100");

        Api.Response switched = owner.post(path + "/update", Map.of("version", 1));
        assertThat(switched.get("/versions/0/version")).isEqualTo("1");

        assertThat(owner.post(path + "/scale", Map.of("replicas", 3)).get("/replicas")).isEqualTo("3");
        assertThat(owner.post(path + "/scale", Map.of("replicas", 0)).get("/status")).isEqualTo("STOPPED");
        assertThat(owner.delete(path).status()).isEqualTo(204);
        assertProblem(owner.get(path), 404);
        assertProblem(owner.delete(path), 404);
    }

    @Test
    void badRequestsAnswerPreciseProblems() {
        assertThat(assertProblem(deploy(owner, Map.of("version", 1)), 400).get("/field")).isEqualTo("modelId");
        assertThat(assertProblem(deploy(owner, Map.of("modelId", "no-such", "version", 1)), 404).get("/field"))
                .isEqualTo("modelId");
        assertThat(assertProblem(deploy(owner, Map.of("modelId", model, "version", 9)), 404).get("/field"))
                .isEqualTo("version");
        assertThat(assertProblem(deploy(owner, Map.of("modelId", model, "alias", "nope")), 404).get("/field"))
                .isEqualTo("alias");
        assertThat(assertProblem(deploy(owner, Map.of("modelId", model)), 400).get("/field")).isEqualTo("version");
        assertThat(assertProblem(deploy(owner, Map.of("modelId", model, "version", 1, "alias", "a")), 400)
                .get("/field")).isEqualTo("alias");
        assertThat(assertProblem(deploy(owner, Map.of("modelId", model, "version", 1, "replicas", 99)), 400)
                .get("/field")).isEqualTo("replicas");
        assertThat(assertProblem(deploy(owner, Map.of("modelId", model, "version", 1, "target", "mainframe")), 400)
                .get("/field")).isEqualTo("target");

        String id = deployed(Map.of("modelId", model, "version", 1, "replicas", 0));
        String path = "/api/v1/deployments/" + id;
        for (int percent : new int[] {0, 100}) {
            assertThat(assertProblem(owner.post(path + "/update", Map.of("version", 2, "canaryPercent", percent)), 400)
                    .get("/field")).isEqualTo("canaryPercent");
        }
        assertThat(assertProblem(owner.post(path + "/update", Map.of("version", 1)), 409).get("/field"))
                .isEqualTo("version");
        assertThat(assertProblem(owner.post(path + "/scale", Map.of("replicas", -1)), 400).get("/field"))
                .isEqualTo("replicas");
        assertThat(assertProblem(owner.post(path + "/score", Map.of("rows", List.of())), 503).get("/detail"))
                .contains("no ready model server");
        assertProblem(owner.get("/api/v1/deployments/no-such"), 404);
        // scoring requests the fast path leaves to Spring MVC, and those it takes, answer alike
        assertThat(assertProblem(owner.postAs(path + "/score", "text/plain", "{\"rows\": []}"), 415).get("/detail"))
                .contains("text/plain");
        assertProblem(owner.get(path + "/score"), 405);
        assertProblem(owner.post("/api/v1/deployments/no_such.id/score", Map.of("rows", List.of())), 404);
        assertProblem(owner.post("/api/v1/deployments/" + UUID.randomUUID() + "/score", Map.of("rows", List.of())), 404);
        assertProblem(owner.postAs(path + "/score", "application/json; charset=utf-8", "{\"rows\": []}"), 503);
        assertProblem(owner.withToken(null).post(path + "/score", Map.of("rows", List.of())), 401);
    }

    @Test
    void versionsAModelServerCannotServeAreRefused() throws Exception {
        Api.Response generic = owner.post("/api/v1/models/" + model + "/versions", Map.of("runId", run.runId(),
                "artifactPath", RegistrySteps.ARTIFACT_PATH, "flavor", "generic"));
        String genericVersion = generic.get("/version");
        assertThat(assertProblem(deploy(owner, Map.of("modelId", model, "version", Integer.parseInt(genericVersion))),
                409).get("/detail")).contains("generic");
        Api.Response unsigned = owner.post("/api/v1/models/" + model + "/versions", Map.of("runId", run.runId(),
                "artifactPath", RegistrySteps.ARTIFACT_PATH, "flavor", "dl4j"));
        assertThat(assertProblem(deploy(owner, Map.of("modelId", model, "version",
                Integer.parseInt(unsigned.get("/version")))), 409).get("/detail")).contains("signature");

        Path blob = dataDir().resolve("artifacts").resolve(org).resolve("sha256").resolve(run.sha256().substring(0, 2))
                .resolve(run.sha256().substring(2, 4)).resolve(run.sha256());
        assertThat(blob).exists();
        Files.delete(blob);
        Api.Response missing = assertProblem(deploy(owner, Map.of("modelId", model, "version", 1)), 409);
        assertThat(missing.get("/field")).isEqualTo("version");
        assertThat(missing.get("/detail")).contains("missing from the artifact store");
    }

    @Test
    void otherOrganizationsAndHiddenProjectsSeeNothingAndViewersOnlyRead() {
        String id = deployed(Map.of("modelId", model, "version", 1, "replicas", 0));
        String path = "/api/v1/deployments/" + id;
        Api outsider = ownerOf(unique("outsider"));
        assertProblem(outsider.get(path), 404);
        assertProblem(outsider.post(path + "/scale", Map.of("replicas", 1)), 404);
        assertProblem(outsider.post(path + "/score", Map.of("rows", List.of())), 404);
        assertThat(outsider.get("/api/v1/deployments").json().get("deployments").size()).isZero();

        Member stranger = newMember(org, "MEMBER");
        assertProblem(stranger.api().get(path), 404);
        assertProblem(stranger.api().get("/api/v1/lineage/deployment/" + id), 404);
        eventually(() -> owner.get("/api/v1/lineage/model-version/" + model + ".v1?direction=downstream").json()
                .get("nodes").size() == 2);
        assertThat(stranger.api().get("/api/v1/lineage/model-version/" + model + ".v1?direction=downstream")
                .json().get("nodes").size()).isEqualTo(1);
        assertProblem(deploy(stranger.api(), Map.of("modelId", model, "version", 1)), 404);
        assertThat(stranger.api().get("/api/v1/deployments?modelId=" + model).json().get("deployments").size()).isZero();

        Member viewer = newMember(org, "MEMBER");
        grant(owner, run.projectId(), "users", viewer.principalId(), "VIEWER");
        assertThat(viewer.api().get(path).status()).isEqualTo(200);
        assertThat(viewer.api().get(path + "/telemetry").status()).isEqualTo(200);
        assertProblem(viewer.api().post(path + "/scale", Map.of("replicas", 1)), 403);
        assertProblem(viewer.api().delete(path), 403);
        assertProblem(deploy(viewer.api(), Map.of("modelId", model, "version", 1)), 403);
        assertProblem(memberOf(org, "AUDITOR").delete(path), 403);
    }

    @Test
    void listingFiltersByProjectAndModel() {
        String first = deployed(Map.of("modelId", model, "version", 1, "replicas", 0));
        String second = deployed(Map.of("modelId", model, "version", 2, "replicas", 0));
        String otherModel = RegistrySteps.createModel(owner);
        RegistrySteps.registerVersion(owner, otherModel, run);
        String third = deployed(Map.of("modelId", otherModel, "version", 1, "replicas", 0));
        assertThat(ids(owner.get("/api/v1/deployments?modelId=" + model))).containsExactly(second, first);
        assertThat(ids(owner.get("/api/v1/deployments?projectId=" + run.projectId())))
                .containsExactlyInAnyOrder(first, second, third);
        Api.Response page = owner.get("/api/v1/deployments?projectId=" + run.projectId() + "&maxResults=2");
        assertThat(ids(page)).hasSize(2);
        assertThat(ids(owner.get("/api/v1/deployments?projectId=" + run.projectId() + "&pageToken="
                + page.get("/nextPageToken")))).hasSize(1);
    }

    @Test
    void lineageUpstreamFromADeploymentReachesTheVersionRunDatasetAndSourceSnapshot() {
        String id = deployed(Map.of("modelId", model, "version", 1, "replicas", 0));
        owner.post("/api/v1/deployments/" + id + "/update", Map.of("version", 2, "canaryPercent", 5));
        eventually(() -> owner.get("/api/v1/lineage/deployment/" + id + "?direction=upstream").json()
                .path("edges").size() >= 2); // 404 until the lineage projection has the deployment
        Api.Response graph = owner.get("/api/v1/lineage/deployment/" + id + "?direction=upstream");
        assertThat(graph.status()).as(graph.text()).isEqualTo(200);
        List<String> nodes = graph.json().get("nodes").valueStream()
                .map(n -> n.get("kind").asString() + ":" + n.get("id").asString()).toList();
        assertThat(nodes).contains("deployment:" + id, "model-version:" + model + ".v1",
                "model-version:" + model + ".v2", "run:" + run.runId(), "dataset-version:" + run.datasetVersionId());
        assertThat(nodes).anyMatch(n -> n.startsWith("source-snapshot:"));
        var deployedAs = graph.json().get("edges").valueStream()
                .filter(e -> e.get("relation").asString().equals("deployed-as")).toList();
        assertThat(deployedAs).hasSize(2);
        assertThat(deployedAs.get(0).get("eventId").asString()).isNotBlank();
        assertThat(deployedAs.get(0).get("actor").asString()).isNotBlank();
        assertThat(deployedAs.get(0).get("time").asLong()).isPositive();
    }

    private static List<String> ids(Api.Response page) {
        assertThat(page.status()).as(page.text()).isEqualTo(200);
        return page.json().get("deployments").valueStream().map(d -> d.get("id").asString()).toList();
    }
}
