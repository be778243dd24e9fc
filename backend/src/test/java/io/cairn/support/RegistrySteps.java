package io.cairn.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** HTTP steps shared by the registry and lineage tests: a trained run with inputs and a model artifact, a model. */
public final class RegistrySteps {

    public static final String ARTIFACT_PATH = "model/model.zip";
    public static final String GIT_COMMIT = "4f2a9c1d";

    private RegistrySteps() {
    }

    /** What {@link #trainedRun} made: a project, a dataset version, and a run that consumed it and produced an artifact. */
    public record TrainedRun(String projectId, String datasetId, String datasetVersionId, String runId, String sha256) {
    }

    public static TrainedRun trainedRun(Api api) {
        String projectId = created(api.post("/api/v1/projects", Map.of("name", unique("project")))).get("/id");
        String datasetId = created(api.post("/api/v1/datasets", Map.of("name", unique("iris")))).get("/id");
        String versionId = created(api.post("/api/v1/datasets/" + datasetId + "/versions", Map.of(
                "uri", "s3://ml-data/iris/" + UUID.randomUUID() + ".csv", "digest", "sha256:" + "e".repeat(64),
                "schema", List.of(Map.of("name", "sepal_length", "type", "double"))))).get("/id");
        String runId = created(api.post("/api/v1/runs", Map.of("projectId", projectId, "source",
                Map.of("gitRepo", "https://git.example.com/ml/iris.git", "gitCommit", GIT_COMMIT, "dirty", false))))
                .get("/id");
        ok(api.post("/api/v1/runs/" + runId + "/inputs", Map.of("datasetVersionIds", List.of(versionId))));
        String sha256 = created(api.put("/api/v1/runs/" + runId + "/artifacts/" + ARTIFACT_PATH,
                ("weights " + UUID.randomUUID()).getBytes())).get("/sha256");
        return new TrainedRun(projectId, datasetId, versionId, runId, sha256);
    }

    /** A trained run and a model with two versions registered from it (dl4j, with a signature): deployable. */
    public record DeployableModel(TrainedRun run, String modelId) {
    }

    public static DeployableModel deployableModel(Api api) {
        TrainedRun run = trainedRun(api);
        String modelId = createModel(api);
        registerVersion(api, modelId, run);
        registerVersion(api, modelId, run);
        return new DeployableModel(run, modelId);
    }

    public static String createModel(Api api) {
        return created(api.post("/api/v1/models", Map.of("name", unique("model")))).get("/id");
    }

    /** Registers the run's model artifact as the model's next version; answers its number. */
    public static int registerVersion(Api api, String modelId, TrainedRun run) {
        Api.Response version = created(api.post("/api/v1/models/" + modelId + "/versions", Map.of(
                "runId", run.runId(), "artifactPath", ARTIFACT_PATH, "flavor", "dl4j",
                "signature", Map.of("inputs", List.of(Map.of("name", "sepal_length", "type", "double")),
                        "outputs", List.of(Map.of("name", "species", "type", "string"))))));
        return Integer.parseInt(version.get("/version"));
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Api.Response created(Api.Response response) {
        assertThat(response.status()).as(response.text()).isEqualTo(201);
        return response;
    }

    private static void ok(Api.Response response) {
        assertThat(response.status()).as(response.text()).isEqualTo(200);
    }
}
