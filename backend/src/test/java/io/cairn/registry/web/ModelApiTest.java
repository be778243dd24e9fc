package io.cairn.registry.web;

import static io.cairn.support.RegistrySteps.ARTIFACT_PATH;
import static io.cairn.support.RegistrySteps.createModel;
import static io.cairn.support.RegistrySteps.registerVersion;
import static io.cairn.support.RegistrySteps.trainedRun;
import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.support.Api;
import io.cairn.support.ApiTestBase;
import io.cairn.support.RegistrySteps.TrainedRun;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelApiTest extends ApiTestBase {

    @Test
    void registersVersionsFromRunArtifactsPinnedByDigest() {
        Api owner = ownerOf(unique("registry"));
        TrainedRun run = trainedRun(owner);
        Api.Response model = owner.post("/api/v1/models", Map.of("name", unique("iris"), "description", "MLP",
                "tags", Map.of("team", "risk")));
        assertThat(model.status()).as(model.text()).isEqualTo(201);
        assertThat(model.json().get("protectedAliases").toString()).isEqualTo("[\"champion\"]");
        String modelId = model.get("/id");

        Api.Response v1 = owner.post("/api/v1/models/" + modelId + "/versions", Map.of("runId", run.runId(),
                "artifactPath", ARTIFACT_PATH, "flavor", "spark-ml", "description", "baseline",
                "tags", Map.of("epochs", "10"),
                "signature", Map.of("inputs", List.of(Map.of("name", "x", "type", "double")))));
        assertThat(v1.status()).as(v1.text()).isEqualTo(201);
        assertThat(v1.get("/id")).isEqualTo(modelId + ".v1");
        assertThat(v1.get("/version")).isEqualTo("1");
        assertThat(v1.get("/artifactSha256")).isEqualTo(run.sha256());
        assertThat(v1.get("/projectId")).isEqualTo(run.projectId());
        assertThat(v1.get("/flavor")).isEqualTo("spark-ml");
        assertThat(v1.get("/stage")).isEqualTo("None");
        assertThat(v1.get("/signature/inputs/0/type")).isEqualTo("double");
        assertThat(v1.json().get("signature").get("outputs")).isEmpty();
        assertThat(v1.get("/tags/epochs")).isEqualTo("10");

        // a later upload to the same path does not change the registered version
        owner.put("/api/v1/runs/" + run.runId() + "/artifacts/" + ARTIFACT_PATH, "retrained".getBytes());
        assertThat(registerVersion(owner, modelId, run)).isEqualTo(2);
        assertThat(owner.get("/api/v1/models/" + modelId + "/versions/1").get("/artifactSha256")).isEqualTo(run.sha256());
        assertThat(owner.get("/api/v1/models/" + modelId + "/versions/2").get("/artifactSha256")).isNotEqualTo(run.sha256());

        Api.Response versions = owner.get("/api/v1/models/" + modelId + "/versions?maxResults=1");
        assertThat(versions.get("/versions/0/version")).isEqualTo("2");
        assertThat(versions.get("/nextPageToken")).isNotNull();
        assertThat(owner.get("/api/v1/models/" + modelId).get("/latestVersion")).isEqualTo("2");
    }

    @Test
    void aVersionADeploymentServesIsNotDeleted() {
        Api owner = ownerOf(unique("registry"));
        TrainedRun run = trainedRun(owner);
        String modelId = owner.post("/api/v1/models", Map.of("name", unique("served"))).get("/id");
        for (int i = 0; i < 3; i++) {
            owner.post("/api/v1/models/" + modelId + "/versions", Map.of("runId", run.runId(), "artifactPath",
                    ARTIFACT_PATH, "flavor", "dl4j", "signature", Map.of("inputs", List.of(Map.of("name", "x",
                            "type", "double")))));
        }
        // 0 replicas: nothing is started, but the deployment serves version 1 and, as a canary, version 2
        String deployment = owner.post("/api/v1/deployments", Map.of("modelId", modelId, "version", 1, "replicas", 0))
                .get("/id");
        owner.post("/api/v1/deployments/" + deployment + "/update", Map.of("version", 2, "canaryPercent", 10));

        for (int version : new int[] {1, 2}) {
            Api.Response refused = assertProblem(owner.delete("/api/v1/models/" + modelId + "/versions/" + version), 409);
            assertThat(refused.get("/field")).isEqualTo("version");
            assertThat(refused.get("/detail")).contains(deployment);
        }
        assertThat(owner.delete("/api/v1/models/" + modelId + "/versions/3").status()).isEqualTo(204);
        assertProblem(owner.delete("/api/v1/models/" + modelId + "/versions/3"), 404);
        assertProblem(owner.delete("/api/v1/models/" + modelId + "/versions/99"), 404);
        assertProblem(ownerOf(unique("other")).delete("/api/v1/models/" + modelId + "/versions/1"), 404);
        assertThat(owner.get("/api/v1/models/" + modelId + "/versions/1").status()).isEqualTo(200);

        assertThat(owner.delete("/api/v1/deployments/" + deployment).status()).isEqualTo(204);
        assertThat(owner.delete("/api/v1/models/" + modelId + "/versions/1").status()).isEqualTo(204);
    }

    @Test
    void modelsAreRenamedDescribedTaggedAndSoftDeleted() {
        Api owner = ownerOf(unique("registry"));
        String name = unique("churn");
        String modelId = owner.post("/api/v1/models", Map.of("name", name)).get("/id");
        assertThat(assertProblem(owner.post("/api/v1/models", Map.of("name", name)), 409).get("/field")).isEqualTo("name");

        String renamed = unique("churn-v2");
        Api.Response updated = owner.patch("/api/v1/models/" + modelId, Map.of("name", renamed, "description", "GBT"));
        assertThat(updated.get("/name")).isEqualTo(renamed);
        assertThat(updated.get("/description")).isEqualTo("GBT");
        assertThat(owner.post("/api/v1/models/" + modelId + "/tags", Map.of("tags", Map.of("a", "1", "b", "2")))
                .get("/tags/b")).isEqualTo("2");
        Api.Response untagged = owner.delete("/api/v1/models/" + modelId + "/tags/a");
        assertThat(untagged.json().get("tags").toString()).isEqualTo("{\"b\":\"2\"}");
        assertProblem(owner.delete("/api/v1/models/" + modelId + "/tags/a"), 404);

        assertThat(owner.delete("/api/v1/models/" + modelId).status()).isEqualTo(204);
        assertThat(owner.get("/api/v1/models/" + modelId).get("/deleted")).isEqualTo("true");
        assertThat(owner.get("/api/v1/models?maxResults=1000").text()).doesNotContain(modelId);
        assertThat(owner.get("/api/v1/models?includeDeleted=true&maxResults=1000").text()).contains(modelId);
        assertProblem(owner.patch("/api/v1/models/" + modelId, Map.of("description", "again")), 409);
        assertThat(owner.post("/api/v1/models", Map.of("name", renamed)).status()).isEqualTo(201);
    }

    @Test
    void productionAndProtectedAliasesWaitForAnotherApprover() {
        String org = unique("approvals");
        Api owner = ownerOf(org);
        Api admin = memberOf(org, "ADMIN");
        Api member = memberOf(org, "MEMBER");
        Api auditor = memberOf(org, "AUDITOR");
        TrainedRun run = trainedRun(member);
        String modelId = createModel(member);
        String models = "/api/v1/models/" + modelId;
        registerVersion(member, modelId, run);
        registerVersion(member, modelId, run);

        // Staging applies at once; archiveExistingVersions archives what was there
        assertThat(member.post(models + "/versions/1/stage", Map.of("stage", "Staging")).get("/stage")).isEqualTo("Staging");
        assertThat(member.post(models + "/versions/2/stage", Map.of("stage", "staging", "archiveExistingVersions", true))
                .get("/stage")).isEqualTo("Staging");
        assertThat(member.get(models + "/versions/1").get("/stage")).isEqualTo("Archived");

        // Production is requested by an admin, refused to the requester, approved by the owner
        Api.Response requested = admin.post(models + "/versions/2/stage", Map.of("stage", "Production", "comment", "AUC 0.91"));
        assertThat(requested.status()).as(requested.text()).isEqualTo(202);
        assertThat(requested.get("/status")).isEqualTo("PENDING");
        assertThat(requested.get("/kind")).isEqualTo("STAGE");
        assertThat(requested.get("/stage")).isEqualTo("Production");
        String requestId = requested.get("/id");
        assertThat(member.get(models + "/versions/2").get("/stage")).isEqualTo("Staging");
        assertProblem(member.post(models + "/versions/2/stage", Map.of("stage", "Production")), 409);

        Api.Response self = assertProblem(admin.post(models + "/approvals/" + requestId + "/approve", Map.of()), 403);
        assertThat(self.get("/detail")).isEqualTo("You requested this change; someone else must approve or reject it");
        Api otherMember = memberOf(org, "MEMBER");
        assertThat(assertProblem(otherMember.post(models + "/approvals/" + requestId + "/approve", Map.of()), 403)
                .get("/detail")).contains("ADMIN or OWNER, or MANAGER of the project");
        assertProblem(auditor.post(models + "/approvals/" + requestId + "/approve", Map.of()), 403);
        Api.Response approved = owner.post(models + "/approvals/" + requestId + "/approve", Map.of("comment", "ok"));
        assertThat(approved.status()).as(approved.text()).isEqualTo(200);
        assertThat(approved.get("/status")).isEqualTo("APPROVED");
        assertThat(approved.get("/decisionComment")).isEqualTo("ok");
        assertThat(approved.get("/decidedBy")).isNotEqualTo(approved.get("/requestedBy"));
        assertThat(member.get(models + "/versions/2").get("/stage")).isEqualTo("Production");
        assertProblem(admin.post(models + "/approvals/" + requestId + "/reject", Map.of()), 409);

        // an unprotected alias moves at once; champion waits, and a rejection leaves it where it was
        Api.Response challenger = member.putJson(models + "/aliases/challenger", Map.of("version", 1));
        assertThat(challenger.status()).as(challenger.text()).isEqualTo(200);
        assertThat(challenger.get("/aliases/challenger")).isEqualTo("1");
        assertThat(assertProblem(member.putJson(models + "/aliases/challenger", Map.of("version", 1)), 409).get("/field"))
                .isEqualTo("version");
        Api.Response champion = member.putJson(models + "/aliases/champion", Map.of("version", 2));
        assertThat(champion.status()).isEqualTo(202);
        assertThat(champion.get("/alias")).isEqualTo("champion");
        assertThat(admin.post(models + "/approvals/" + champion.get("/id") + "/reject", Map.of("comment", "wait"))
                .get("/status")).isEqualTo("REJECTED");
        assertThat(member.get(models).json().get("aliases").has("champion")).isFalse();
        Api.Response again = member.putJson(models + "/aliases/champion", Map.of("version", 2));
        assertThat(admin.post(models + "/approvals/" + again.get("/id") + "/approve", Map.of()).status()).isEqualTo(200);
        assertThat(auditor.get(models + "/aliases/champion").get("/version")).isEqualTo("2");
        assertThat(auditor.get(models + "/versions/2").json().get("aliases").toString()).isEqualTo("[\"champion\"]");

        Api.Response pending = auditor.get(models + "/approvals?status=APPROVED");
        assertThat(pending.json().get("approvals")).hasSize(2);
        assertThat(auditor.get(models + "/approvals").json().get("approvals")).hasSize(3);
        assertThat(member.delete(models + "/aliases/challenger").json().get("aliases").has("challenger")).isFalse();
        assertProblem(member.get(models + "/aliases/challenger"), 404);

        // only owners and admins choose which aliases are protected
        assertProblem(member.putJson(models + "/protected-aliases", Map.of("aliases", List.of())), 403);
        assertThat(admin.putJson(models + "/protected-aliases", Map.of("aliases", List.of("champion", "prod")))
                .json().get("protectedAliases").toString()).isEqualTo("[\"champion\",\"prod\"]");
    }

    @Test
    void badRegistryInputIsAProblemNamingTheField() {
        Api owner = ownerOf(unique("registry"));
        TrainedRun run = trainedRun(owner);
        String modelId = createModel(owner);
        String models = "/api/v1/models/" + modelId;
        registerVersion(owner, modelId, run);

        assertThat(assertProblem(owner.post("/api/v1/models", Map.of()), 400).get("/field")).isEqualTo("name");
        assertThat(assertProblem(owner.post("/api/v1/models", Map.of("name", "x", "color", "red")), 400).get("/field"))
                .isEqualTo("color");
        assertThat(field(owner.post(models + "/versions", version(run.runId(), ARTIFACT_PATH, "pytorch", null)), 400))
                .isEqualTo("flavor");
        assertThat(field(owner.post(models + "/versions", version(run.runId(), ARTIFACT_PATH, "dl4j",
                Map.of("inputs", List.of(Map.of("name", "x", "type", "tensor"))))), 400)).isEqualTo("signature.inputs[0].type");
        assertThat(field(owner.post(models + "/versions", version(run.runId(), ARTIFACT_PATH, "dl4j",
                Map.of("inputs", List.of()))), 400)).isEqualTo("signature.inputs");
        assertThat(field(owner.post(models + "/versions", version(run.runId(), "model/missing.zip", "dl4j", null)), 404))
                .isEqualTo("artifactPath");
        assertThat(field(owner.post(models + "/versions", version("no-such-run", ARTIFACT_PATH, "dl4j", null)), 404))
                .isEqualTo("runId");
        assertThat(field(owner.post(models + "/versions/1/stage", Map.of("stage", "Prod")), 400)).isEqualTo("stage");
        assertThat(field(owner.post(models + "/versions/1/stage", Map.of("stage", "None", "archiveExistingVersions", true)),
                400)).isEqualTo("archiveExistingVersions");
        assertThat(field(owner.post(models + "/versions/abc/stage", Map.of("stage", "Staging")), 400)).isEqualTo("version");
        assertProblem(owner.post(models + "/versions/9/stage", Map.of("stage", "Staging")), 404);
        assertThat(field(owner.putJson(models + "/aliases/Bad!", Map.of("version", 1)), 400)).isEqualTo("alias");
        assertThat(field(owner.putJson(models + "/aliases/latest", Map.of("version", 1)), 400)).isEqualTo("alias");
        assertThat(field(owner.putJson(models + "/aliases/ok", Map.of()), 400)).isEqualTo("version");
        assertThat(field(owner.putJson(models + "/aliases/ok", Map.of("version", 9)), 404)).isEqualTo("version");
        assertThat(field(owner.putJson(models + "/protected-aliases", Map.of("aliases", List.of("ok", "NO"))), 400))
                .isEqualTo("aliases[1]");
        assertThat(field(owner.get(models + "/approvals?status=MAYBE"), 400)).isEqualTo("status");
        assertThat(field(owner.get(models + "/versions?stage=Live"), 400)).isEqualTo("stage");
        assertThat(field(owner.get("/api/v1/models?maxResults=0"), 400)).isEqualTo("maxResults");
        assertProblem(owner.get("/api/v1/models/no-such-model"), 404);
        assertProblem(owner.get(models + "/versions/9"), 404);
        assertProblem(owner.get(models + "/approvals/no-such-request"), 404);
        assertProblem(owner.post(models + "/approvals/no-such-request/approve", Map.of()), 404);
        assertProblem(owner.post("/api/v1/models/no-such-model/versions", version(run.runId(), ARTIFACT_PATH, "dl4j", null)),
                404);
    }

    @Test
    void anotherOrganizationsModelsAreNotFound() {
        Api owner = ownerOf(unique("registry"));
        TrainedRun run = trainedRun(owner);
        String modelId = createModel(owner);
        String models = "/api/v1/models/" + modelId;
        registerVersion(owner, modelId, run);
        String requestId = owner.post(models + "/versions/1/stage", Map.of("stage", "Production")).get("/id");

        Api eve = ownerOf(unique("evil-corp"));
        assertProblem(eve.get(models), 404);
        assertProblem(eve.get(models + "/versions"), 404);
        assertProblem(eve.get(models + "/versions/1"), 404);
        assertProblem(eve.get(models + "/approvals"), 404);
        assertProblem(eve.get(models + "/approvals/" + requestId), 404);
        assertProblem(eve.patch(models, Map.of("description", "mine")), 404);
        assertProblem(eve.delete(models), 404);
        assertProblem(eve.post(models + "/versions", version(run.runId(), ARTIFACT_PATH, "dl4j", null)), 404);
        assertProblem(eve.post(models + "/versions/1/stage", Map.of("stage", "Staging")), 404);
        assertProblem(eve.putJson(models + "/aliases/challenger", Map.of("version", 1)), 404);
        assertProblem(eve.post(models + "/approvals/" + requestId + "/approve", Map.of()), 404);
        assertThat(eve.get("/api/v1/models?maxResults=1000").text()).doesNotContain(modelId);

        // nor can another organization register a version from this organization's run
        String evesModel = createModel(eve);
        assertThat(field(eve.post("/api/v1/models/" + evesModel + "/versions",
                version(run.runId(), ARTIFACT_PATH, "dl4j", null)), 404)).isEqualTo("runId");
        assertThat(owner.get(models + "/approvals/" + requestId).get("/status")).isEqualTo("PENDING");
    }

    private static Map<String, Object> version(String runId, String path, String flavor, Map<String, Object> signature) {
        return signature == null ? Map.of("runId", runId, "artifactPath", path, "flavor", flavor)
                : Map.of("runId", runId, "artifactPath", path, "flavor", flavor, "signature", signature);
    }

    private static String field(Api.Response response, int status) {
        return assertProblem(response, status).get("/field");
    }
}
