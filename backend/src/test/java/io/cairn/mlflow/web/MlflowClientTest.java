package io.cairn.mlflow.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.cairn.support.Api;
import io.cairn.support.ApiTestBase;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.mlflow.api.proto.Service.Metric;
import org.mlflow.api.proto.Service.Param;
import org.mlflow.api.proto.Service.Run;
import org.mlflow.api.proto.Service.RunInfo;
import org.mlflow.api.proto.Service.RunStatus;
import org.mlflow.api.proto.Service.RunTag;
import org.mlflow.api.proto.Service.ViewType;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.MlflowHttpException;
import org.mlflow.tracking.RunsPage;
import org.mlflow.tracking.creds.BasicMlflowHostCreds;
import tools.jackson.databind.JsonNode;

/**
 * The official MLflow Java client against Cairn's MLflow-compatible API, authenticated with a personal access
 * token as {@code MLFLOW_TRACKING_TOKEN} sends it. Values must round-trip exactly, and runs logged this way are
 * Cairn runs like any other.
 */
class MlflowClientTest extends ApiTestBase {

    private static final long T0 = 1_790_000_000_000L;

    private MlflowClient client(Api api) {
        return new MlflowClient(new BasicMlflowHostCreds("http://127.0.0.1:" + port, api.token()));
    }

    private static Map<String, String> params(Run run) {
        return run.getData().getParamsList().stream().collect(Collectors.toMap(Param::getKey, Param::getValue));
    }

    private static Map<String, String> tags(Run run) {
        return run.getData().getTagsList().stream().collect(Collectors.toMap(RunTag::getKey, RunTag::getValue));
    }

    private static Map<String, Double> metrics(Run run) {
        return run.getData().getMetricsList().stream().collect(Collectors.toMap(Metric::getKey, Metric::getValue));
    }

    private static Metric metric(String key, double value, long timestamp, long step) {
        return Metric.newBuilder().setKey(key).setValue(value).setTimestamp(timestamp).setStep(step).build();
    }

    @Test
    void trackingRoundTripsThroughTheOfficialClientAndShowsInCairnsOwnApi() {
        Api owner = ownerOf(unique("ml"));
        MlflowClient mlflow = client(owner);
        String name = unique("experiment");
        String experimentId = mlflow.createExperiment(name);
        assertThat(mlflow.getExperiment(experimentId).getName()).isEqualTo(name);
        assertThat(mlflow.getExperimentByName(name)).get().extracting(e -> e.getExperimentId()).isEqualTo(experimentId);
        assertThat(mlflow.getExperimentByName(unique("missing"))).isEmpty();
        mlflow.setExperimentTag(experimentId, "team", "risk");
        assertThat(mlflow.getExperiment(experimentId).getTagsList()).anySatisfy(tag -> {
            assertThat(tag.getKey()).isEqualTo("team");
            assertThat(tag.getValue()).isEqualTo("risk");
        });

        RunInfo info = mlflow.createRun(experimentId);
        String runId = info.getRunId();
        assertThat(info.getExperimentId()).isEqualTo(experimentId);
        assertThat(info.getStatus()).isEqualTo(RunStatus.RUNNING);
        assertThat(info.getArtifactUri()).isEqualTo("mlflow-artifacts:/" + experimentId + "/" + runId + "/artifacts");

        mlflow.logParam(runId, "lr", "0.001");
        mlflow.logParam(runId, "lr", "0.001");
        mlflow.setTag(runId, "stage", "dev");
        mlflow.setTag(runId, "stage", "prod");
        mlflow.logMetric(runId, "loss", 0.75, T0, 0);
        mlflow.logMetric(runId, "loss", 0.5, T0 + 1, 1);
        mlflow.logMetric(runId, "weird", Double.NaN, T0, 0);
        List<Metric> batch = new ArrayList<>();
        for (int step = 2; step < 998; step++) {
            batch.add(metric("loss", 1.0 / step, T0 + step, step));
        }
        batch.add(metric("acc", 0.9123456789012345, T0, 7));
        mlflow.logBatch(runId, batch, List.of(Param.newBuilder().setKey("layers").setValue("3").build()),
                List.of(RunTag.newBuilder().setKey("mlflow.note.content").setValue("long note ünïcode").build()));

        Run run = mlflow.getRun(runId);
        assertThat(params(run)).containsEntry("lr", "0.001").containsEntry("layers", "3");
        assertThat(tags(run)).containsEntry("stage", "prod").containsEntry("mlflow.note.content", "long note ünïcode");
        assertThat(metrics(run)).containsEntry("loss", 1.0 / 997).containsEntry("acc", 0.9123456789012345);
        assertThat(metrics(run).get("weird")).isNaN();

        List<Metric> history = mlflow.getMetricHistory(runId, "loss");
        assertThat(history).hasSize(998);
        assertThat(history.get(0)).isEqualTo(metric("loss", 0.75, T0, 0));
        assertThat(history.get(1)).isEqualTo(metric("loss", 0.5, T0 + 1, 1));
        assertThat(history.get(997)).isEqualTo(metric("loss", 1.0 / 997, T0 + 997, 997));

        mlflow.setTerminated(runId, RunStatus.FINISHED, T0 + 5000);
        mlflow.setTerminated(runId, RunStatus.FINISHED, T0 + 6000);
        RunInfo finished = mlflow.getRun(runId).getInfo();
        assertThat(finished.getStatus()).isEqualTo(RunStatus.FINISHED);
        assertThat(finished.getEndTime()).isEqualTo(T0 + 5000);

        Api.Response cairn = owner.get("/api/v1/runs/" + runId);
        assertThat(cairn.status()).as(cairn.text()).isEqualTo(200);
        assertThat(cairn.get("/projectId")).isEqualTo(experimentId);
        assertThat(cairn.get("/status")).isEqualTo("FINISHED");
        assertThat(cairn.get("/params/lr")).isEqualTo("0.001");
        assertThat(cairn.get("/metrics/acc/value")).isEqualTo("0.9123456789012345");
        Api.Response found = owner.post("/api/v1/runs/search", Map.of("projectIds", List.of(experimentId),
                "filter", "params.layers = '3' and metrics.acc > 0.9"));
        assertThat(found.status()).as(found.text()).isEqualTo(200);
        assertThat(found.get("/runs/0/id")).isEqualTo(runId);
        assertThat(found.json().get("runs").size()).isEqualTo(1);
    }

    @Test
    void searchRunsFiltersOrdersAndPages() {
        Api owner = ownerOf(unique("ml"));
        MlflowClient mlflow = client(owner);
        String experimentId = mlflow.createExperiment(unique("search"));
        List<String> ids = new ArrayList<>();
        double[] accuracies = {0.7, 0.95, 0.85, 0.3};
        for (int i = 0; i < accuracies.length; i++) {
            String runId = mlflow.createRun(experimentId).getRunId();
            mlflow.logBatch(runId, List.of(metric("acc", accuracies[i], T0, 0)),
                    List.of(Param.newBuilder().setKey("model").setValue(i % 2 == 0 ? "tree" : "linear").build()),
                    List.of());
            mlflow.getRun(runId);
            ids.add(runId);
        }
        List<String> byAccuracy = mlflow.searchRuns(List.of(experimentId), "metrics.acc > 0.5", ViewType.ACTIVE_ONLY,
                10, List.of("metrics.acc DESC")).getItems().stream().map(r -> r.getInfo().getRunId()).toList();
        assertThat(byAccuracy).containsExactly(ids.get(1), ids.get(2), ids.get(0));
        List<String> trees = mlflow.searchRuns(List.of(experimentId), "params.model = 'tree'", ViewType.ACTIVE_ONLY,
                10, List.of("metrics.acc ASC")).getItems().stream().map(r -> r.getInfo().getRunId()).toList();
        assertThat(trees).containsExactly(ids.get(0), ids.get(2));

        RunsPage first = mlflow.searchRuns(List.of(experimentId), "", ViewType.ACTIVE_ONLY, 3,
                List.of("start_time ASC"));
        assertThat(first.getItems()).hasSize(3);
        assertThat(first.hasNextPage()).isTrue();
        List<Run> rest = new ArrayList<>();
        first.getNextPage().getItems().forEach(rest::add);
        assertThat(rest).hasSize(1);

        Api.Response invalid = owner.post("/api/2.0/mlflow/runs/search", Map.of("experiment_ids", List.of(experimentId),
                "filter", "metrics.acc >"));
        assertThat(invalid.status()).as(invalid.text()).isEqualTo(400);
        assertThat(invalid.get("/error_code")).isEqualTo("INVALID_PARAMETER_VALUE");
    }

    @Test
    void runsAndExperimentsAreDeletedAndRestored() {
        MlflowClient mlflow = client(ownerOf(unique("ml")));
        String experimentId = mlflow.createExperiment(unique("lifecycle"));
        String kept = mlflow.createRun(experimentId).getRunId();
        String runId = mlflow.createRun(experimentId).getRunId();
        mlflow.deleteRun(runId);
        assertThat(mlflow.getRun(runId).getInfo().getLifecycleStage()).isEqualTo("deleted");
        assertThat(runIds(mlflow, experimentId, ViewType.ACTIVE_ONLY)).containsExactly(kept);
        assertThat(runIds(mlflow, experimentId, ViewType.DELETED_ONLY)).containsExactly(runId);
        assertThat(runIds(mlflow, experimentId, ViewType.ALL)).containsExactlyInAnyOrder(kept, runId);
        assertThatThrownBy(() -> mlflow.logParam(runId, "lr", "1"))
                .isInstanceOfSatisfying(MlflowHttpException.class, e -> assertThat(e.getStatusCode()).isEqualTo(400));
        mlflow.restoreRun(runId);
        mlflow.logParam(runId, "lr", "1");
        assertThat(mlflow.getRun(runId).getInfo().getLifecycleStage()).isEqualTo("active");

        mlflow.deleteExperiment(experimentId);
        assertThat(mlflow.getExperiment(experimentId).getLifecycleStage()).isEqualTo("deleted");
        assertThat(mlflow.searchExperiments().getItems()).noneMatch(e -> e.getExperimentId().equals(experimentId));
        mlflow.restoreExperiment(experimentId);
        assertThat(mlflow.getExperiment(experimentId).getLifecycleStage()).isEqualTo("active");
        String renamed = unique("renamed");
        mlflow.renameExperiment(experimentId, renamed);
        assertThat(mlflow.searchExperiments("name = '" + renamed + "'").getItems())
                .singleElement().extracting(e -> e.getExperimentId()).isEqualTo(experimentId);
        mlflow.setTag(runId, "temporary", "x");
        mlflow.deleteTag(runId, "temporary");
        assertThat(tags(mlflow.getRun(runId))).doesNotContainKey("temporary");
        assertThatThrownBy(() -> mlflow.deleteTag(runId, "no-such-tag"))
                .isInstanceOfSatisfying(MlflowHttpException.class, e -> assertThat(e.getStatusCode()).isEqualTo(404));
    }

    private static List<String> runIds(MlflowClient mlflow, String experimentId, ViewType viewType) {
        return mlflow.searchRuns(List.of(experimentId), "", viewType, 100, List.of()).getItems().stream()
                .map(r -> r.getInfo().getRunId()).toList();
    }

    @Test
    void errorsComeInMlflowsShapeWithMlflowsStatuses() {
        Api owner = ownerOf(unique("ml"));
        MlflowClient mlflow = client(owner);
        String name = unique("errors");
        String experimentId = mlflow.createExperiment(name);
        String runId = mlflow.createRun(experimentId).getRunId();

        assertMlflowError(owner.get("/api/2.0/mlflow/runs/get?run_id=no-such-run"), 404, "RESOURCE_DOES_NOT_EXIST");
        assertThatThrownBy(() -> mlflow.getRun("no-such-run")).isInstanceOfSatisfying(MlflowHttpException.class, e -> {
            assertThat(e.getStatusCode()).isEqualTo(404);
            assertThat(e.getBodyMessage()).contains("RESOURCE_DOES_NOT_EXIST");
        });
        assertThatThrownBy(() -> mlflow.createExperiment(name)).isInstanceOfSatisfying(MlflowHttpException.class, e -> {
            assertThat(e.getStatusCode()).isEqualTo(400);
            assertThat(e.getBodyMessage()).contains("RESOURCE_ALREADY_EXISTS");
        });
        List<Metric> tooMany = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            tooMany.add(metric("m", i, T0, i));
        }
        assertThatThrownBy(() -> mlflow.logBatch(runId, tooMany, List.of(), List.of()))
                .isInstanceOfSatisfying(MlflowHttpException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(400);
                    assertThat(e.getBodyMessage()).contains("INVALID_PARAMETER_VALUE");
                });
        assertMlflowError(owner.post("/api/2.0/mlflow/runs/log-batch", Map.of("run_id", runId,
                "params", paramList(101))), 400, "INVALID_PARAMETER_VALUE");
        assertMlflowError(owner.post("/api/2.0/mlflow/runs/log-parameter", Map.of("run_id", runId,
                "key", "k".repeat(251), "value", "v")), 400, "INVALID_PARAMETER_VALUE");
        assertMlflowError(owner.post("/api/2.0/mlflow/runs/log-batch", Map.of("run_id", runId,
                "padding", "x".repeat(1024 * 1024))), 400, "INVALID_PARAMETER_VALUE");
        mlflow.logParam(runId, "lr", "0.1");
        assertThatThrownBy(() -> mlflow.logParam(runId, "lr", "0.2")).isInstanceOfSatisfying(MlflowHttpException.class,
                e -> assertThat(e.getBodyMessage()).contains("INVALID_PARAMETER_VALUE"));

        assertMlflowError(owner.postRaw("/api/2.0/mlflow/runs/log-metric", "{\"run_id\": "), 400,
                "INVALID_PARAMETER_VALUE");
        assertMlflowError(owner.postRaw("/api/2.0/mlflow/runs/log-metric", "[1, 2]"), 400, "INVALID_PARAMETER_VALUE");
        assertMlflowError(owner.post("/api/2.0/mlflow/runs/log-metric", Map.of("run_id", runId, "key", "m",
                "value", "high", "timestamp", T0)), 400, "INVALID_PARAMETER_VALUE");
        assertMlflowError(owner.post("/api/2.0/mlflow/runs/log-metric", Map.of("run_id", runId, "key", "m",
                "value", 1, "timestamp", "yesterday")), 400, "INVALID_PARAMETER_VALUE");
        assertMlflowError(owner.post("/api/2.0/mlflow/runs/log-metric", Map.of("run_id", runId, "key", "m",
                "value", 1)), 400, "INVALID_PARAMETER_VALUE");
        assertMlflowError(owner.post("/api/2.0/mlflow/runs/search", Map.of("experiment_ids", List.of(experimentId),
                "max_results", 50_001)), 400, "INVALID_PARAMETER_VALUE");

        // int64 fields as JSON strings, as protobuf's JSON printer writes them; unknown fields ignored
        Api.Response logged = owner.post("/api/2.0/mlflow/runs/log-metric", Map.of("run_id", runId, "run_uuid", runId,
                "key", "strings", "value", "0.25", "timestamp", String.valueOf(T0), "step", "3", "future_field", true));
        assertThat(logged.status()).as(logged.text()).isEqualTo(200);
        Api.Response history = owner.get("/api/2.0/mlflow/metrics/get-history?run_id=" + runId + "&metric_key=strings");
        assertThat(history.status()).as(history.text()).isEqualTo(200);
        assertThat(history.json().get("metrics").get(0).get("step").asLong()).isEqualTo(3);
        assertThat(history.json().get("metrics").get(0).get("timestamp").asLong()).isEqualTo(T0);
        assertThat(history.json().get("metrics").get(0).get("value").asDouble()).isEqualTo(0.25);

        // Cairn's own API keeps problem+json
        assertProblem(owner.get("/api/v1/runs/no-such-run"), 404);
    }

    @Test
    void loggedInputsBecomeVersionsOfCairnDatasetsAndTheRunsInputs() {
        Api owner = ownerOf(unique("ml"));
        MlflowClient mlflow = client(owner);
        String runId = mlflow.createRun(mlflow.createExperiment(unique("inputs"))).getRunId();
        String name = unique("iris");
        Map<String, Object> file = Map.of("tags", List.of(Map.of("key", "mlflow.data.context", "value", "training")),
                "dataset", Map.of("name", name, "digest", "A1B2C3D4", "source_type", "http",
                        "source", "{\"url\": \"https://example.com/iris.csv\"}", "schema", "{}"));
        Map<String, Object> frame = Map.of("dataset", Map.of("name", name + "-frame", "digest", "ffff0000",
                "source_type", "code", "source", "{\"tags\": {}}"));
        Map<String, Object> body = Map.of("run_id", runId, "datasets", List.of(file, frame));
        Api.Response logged = owner.post("/api/2.0/mlflow/runs/log-inputs", body);
        assertThat(logged.status()).as(logged.text()).isEqualTo(200);
        assertThat(owner.post("/api/2.0/mlflow/runs/log-inputs", body).status()).as("logged again").isEqualTo(200);

        assertThat(mlflow.getRun(runId).getInputs().getDatasetInputsList())
                .extracting(input -> input.getDataset().getName(), input -> input.getDataset().getDigest(),
                        input -> input.getDataset().getSourceType(), input -> input.getDataset().getSource())
                .containsExactlyInAnyOrder(
                        tuple(name, "a1b2c3d4", "https", "{\"uri\":\"https://example.com/iris.csv\"}"),
                        tuple(name + "-frame", "ffff0000", "code", "{}"));
        JsonNode inputs = owner.get("/api/v1/runs/" + runId).json().get("inputs");
        assertThat(inputs).hasSize(2);
        String datasetId = null;
        for (JsonNode input : inputs) {
            JsonNode dataset = owner.get("/api/v1/datasets/" + input.get("datasetId").asString()).json();
            if (dataset.get("name").asString().equals(name)) {
                datasetId = dataset.get("id").asString();
                assertThat(dataset.get("versions")).hasSize(1);
                assertThat(dataset.get("versions").get(0).get("digest").asString()).isEqualTo("mlflow:a1b2c3d4");
                assertThat(dataset.get("versions").get(0).get("uri").asString()).isEqualTo("https://example.com/iris.csv");
            }
        }
        assertThat(datasetId).as("a Cairn dataset named " + name).isNotNull();

        assertMlflowError(owner.post("/api/2.0/mlflow/runs/log-inputs", Map.of("run_id", runId, "datasets",
                List.of(Map.of("dataset", Map.of("name", name))))), 400, "INVALID_PARAMETER_VALUE");
        assertMlflowError(owner.post("/api/2.0/mlflow/runs/log-inputs", Map.of("run_id", runId, "datasets",
                List.of(Map.of("dataset", Map.of("name", name, "digest", "not/hex"))))), 400, "INVALID_PARAMETER_VALUE");
        assertMlflowError(owner.post("/api/2.0/mlflow/runs/log-inputs", Map.of("run_id", "no-such-run", "datasets",
                List.of(file))), 404, "RESOURCE_DOES_NOT_EXIST");
        assertMlflowError(ownerOf(unique("ml")).post("/api/2.0/mlflow/runs/log-inputs", body), 404,
                "RESOURCE_DOES_NOT_EXIST");
    }

    @Test
    void endpointsCairnDoesNotServeAnswerEndpointNotFound() {
        Api owner = ownerOf(unique("ml"));
        assertMlflowError(owner.post("/api/2.0/mlflow/traces/start", Map.of()), 404, "ENDPOINT_NOT_FOUND");
        assertMlflowError(owner.get("/ajax-api/2.0/mlflow/gateway-proxy?gateway_path=x"), 404, "ENDPOINT_NOT_FOUND");
        Api.Response wrongMethod = owner.delete("/api/2.0/mlflow/runs/create");
        assertMlflowError(wrongMethod, 404, "ENDPOINT_NOT_FOUND");
        assertThat(wrongMethod.get("/message")).contains("DELETE /api/2.0/mlflow/runs/create");
        assertMlflowError(new Api(port, null).post("/api/2.0/mlflow/traces/start", Map.of()), 401, "UNAUTHENTICATED");
    }

    @Test
    void theDefaultExperimentZeroIsTheDefaultProjectCreatedByItsFirstRun() {
        String org = unique("ml");
        Api owner = ownerOf(org);
        MlflowClient mlflow = client(owner);
        assertMlflowError(owner.get("/api/2.0/mlflow/experiments/get?experiment_id=0"), 404, "RESOURCE_DOES_NOT_EXIST");
        assertThat(mlflow.searchRuns(List.of("0"), "")).isEmpty();

        String first = mlflow.createRun("0").getRunId();
        String second = mlflow.createRun("0").getRunId();
        String projectId = mlflow.getRun(first).getInfo().getExperimentId();
        assertThat(mlflow.getRun(second).getInfo().getExperimentId()).isEqualTo(projectId);
        assertThat(mlflow.getExperiment("0").getExperimentId()).isEqualTo(projectId);
        assertThat(mlflow.getExperiment("0").getName()).isEqualTo("Default");
        assertThat(mlflow.searchRuns(List.of("0"), "")).extracting(RunInfo::getRunId)
                .containsExactlyInAnyOrder(first, second);
        assertThat(owner.get("/api/v1/projects/" + projectId).get("/name")).isEqualTo("Default");

        // another organization's "0" is its own Default project
        Api other = ownerOf(unique("ml"));
        assertMlflowError(other.get("/api/2.0/mlflow/experiments/get?experiment_id=0"), 404, "RESOURCE_DOES_NOT_EXIST");
        String elsewhere = client(other).createRun("0").getRunId();
        assertThat(client(other).getRun(elsewhere).getInfo().getExperimentId()).isNotEqualTo(projectId);
        // an auditor cannot create it
        Api auditor = memberOf(unique("ml"), "AUDITOR");
        assertMlflowError(auditor.post("/api/2.0/mlflow/runs/create", Map.of("experiment_id", "0")), 403,
                "PERMISSION_DENIED");
    }

    private static List<Map<String, String>> paramList(int count) {
        List<Map<String, String>> params = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            params.add(Map.of("key", "p" + i, "value", "v"));
        }
        return params;
    }

    private static void assertMlflowError(Api.Response response, int status, String code) {
        assertThat(response.status()).as(response.text()).isEqualTo(status);
        assertThat(response.get("/error_code")).as(response.text()).isEqualTo(code);
        assertThat(response.get("/message")).isNotBlank();
        assertThat(response.text()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void artifactsGoThroughTheArtifactProxyIntoCairnsArtifactStore() {
        String org = unique("ml");
        Api owner = ownerOf(org);
        MlflowClient mlflow = client(owner);
        String experimentId = mlflow.createExperiment(unique("artifacts"));
        RunInfo info = mlflow.createRun(experimentId);
        String runId = info.getRunId();
        String root = "/api/2.0/mlflow-artifacts/artifacts/" + experimentId + "/" + runId + "/artifacts";
        byte[] model = "flavors:\n  python_function: {}\n".getBytes();
        assertThat(owner.put(root + "/model/MLmodel", model).status()).isEqualTo(200);
        assertThat(owner.put(root + "/metrics.txt", "acc 0.9".getBytes()).status()).isEqualTo(200);

        Api.Response listed = owner.get("/api/2.0/mlflow/artifacts/list?run_id=" + runId);
        assertThat(listed.status()).as(listed.text()).isEqualTo(200);
        assertThat(listed.get("/root_uri")).isEqualTo(info.getArtifactUri());
        assertThat(listed.text()).contains("{\"path\":\"model\",\"is_dir\":true}")
                .contains("{\"path\":\"metrics.txt\",\"is_dir\":false,\"file_size\":7}");
        Api.Response inModel = owner.get("/api/2.0/mlflow/artifacts/list?run_id=" + runId + "&path=model");
        assertThat(inModel.get("/files/0/path")).isEqualTo("model/MLmodel");
        Api.Response viaProxy = owner.get("/api/2.0/mlflow-artifacts/artifacts?path=" + experimentId + "/" + runId
                + "/artifacts/model");
        assertThat(viaProxy.status()).as(viaProxy.text()).isEqualTo(200);
        assertThat(viaProxy.get("/files/0/path")).isEqualTo("MLmodel");
        assertThat(owner.download(root + "/model/MLmodel").body()).isEqualTo(model);
        assertThat(owner.download("/api/v1/runs/" + runId + "/artifacts/model/MLmodel").body()).isEqualTo(model);

        assertMlflowError(owner.get("/api/2.0/mlflow-artifacts/artifacts/" + unique("other") + "/" + runId
                + "/artifacts/model/MLmodel"), 404, "RESOURCE_DOES_NOT_EXIST");
        assertMlflowError(owner.get(root + "/no-such-file"), 404, "RESOURCE_DOES_NOT_EXIST");
        assertMlflowError(owner.put("/api/2.0/mlflow-artifacts/artifacts/not-a-run-path", model), 400,
                "INVALID_PARAMETER_VALUE");
        assertMlflowError(memberOf(org, "AUDITOR")
                .put(root + "/other.txt", model), 403, "PERMISSION_DENIED");
    }

    @Test
    void registryCallsGoToCairnsModelRegistry() {
        Api owner = ownerOf(unique("ml"));
        MlflowClient mlflow = client(owner);
        String experimentId = mlflow.createExperiment(unique("registry"));
        String runId = mlflow.createRun(experimentId).getRunId();
        String root = "/api/2.0/mlflow-artifacts/artifacts/" + experimentId + "/" + runId + "/artifacts";
        assertThat(owner.put(root + "/model/MLmodel", "flavors: {}".getBytes()).status()).isEqualTo(200);
        assertThat(owner.put(root + "/model/model.pkl", new byte[] {1, 2, 3}).status()).isEqualTo(200);

        String name = unique("churn");
        assertThat(mlflow.sendPost("registered-models/create", "{\"name\": \"" + name
                + "\", \"tags\": [{\"key\": \"team\", \"value\": \"risk\"}]}")).contains(name);
        String created = mlflow.sendPost("model-versions/create", "{\"name\": \"" + name + "\", \"source\": \"runs:/"
                + runId + "/model\", \"run_id\": \"" + runId + "\"}");
        assertThat(created).contains("\"version\":\"1\"");
        String source = "mlflow-artifacts:/" + experimentId + "/" + runId + "/artifacts/model";
        assertThat(mlflow.getModelVersion(name, "1").getSource()).isEqualTo(source);
        assertThat(mlflow.getModelVersion(name, "1").getRunId()).isEqualTo(runId);
        assertThat(mlflow.getModelVersionDownloadUri(name, "1")).isEqualTo(source);

        mlflow.sendPost("model-versions/transition-stage", "{\"name\": \"" + name
                + "\", \"version\": \"1\", \"stage\": \"Staging\", \"archive_existing_versions\": false}");
        assertThat(mlflow.getLatestVersions(name, List.of("Staging"))).singleElement()
                .satisfies(v -> assertThat(v.getCurrentStage()).isEqualTo("Staging"));
        assertThat(mlflow.getLatestVersions(name, List.of("Production"))).isEmpty();
        mlflow.sendPost("registered-models/alias", "{\"name\": \"" + name + "\", \"alias\": \"candidate\", "
                + "\"version\": \"1\"}");
        assertThat(mlflow.sendGet("registered-models/alias?name=" + name + "&alias=candidate"))
                .contains("\"version\":\"1\"");
        assertThat(mlflow.sendPatch("registered-models/update", "{\"name\": \"" + name
                + "\", \"description\": \"churn model\"}")).contains("churn model");
        mlflow.sendPost("registered-models/set-tag", "{\"name\": \"" + name + "\", \"key\": \"owner\", "
                + "\"value\": \"ml-team\"}");
        mlflow.sendPost("model-versions/set-tag", "{\"name\": \"" + name + "\", \"version\": \"1\", "
                + "\"key\": \"validated\", \"value\": \"yes\"}");
        assertThat(mlflow.sendPatch("model-versions/update", "{\"name\": \"" + name + "\", \"version\": \"1\", "
                + "\"description\": \"first cut\"}")).contains("first cut").contains("validated");
        assertThat(owner.delete("/api/2.0/mlflow/model-versions/delete-tag?name=" + name + "&version=1&key=validated")
                .status()).isEqualTo(200);
        assertThat(mlflow.getModelVersion(name, "1").getTagsList()).isEmpty();
        assertThat(mlflow.getModelVersion(name, "1").getDescription()).isEqualTo("first cut");

        // a move to Production waits for approval in Cairn: the version stays where it is meanwhile
        mlflow.sendPost("model-versions/transition-stage", "{\"name\": \"" + name
                + "\", \"version\": 1, \"stage\": \"Production\"}");
        assertThat(mlflow.getModelVersion(name, "1").getCurrentStage()).isEqualTo("Staging");

        String renamed = unique("renamed");
        mlflow.sendPost("registered-models/rename", "{\"name\": \"" + name + "\", \"new_name\": \"" + renamed
                + "\"}");
        assertThat(mlflow.getRegisteredModel(renamed).getName()).isEqualTo(renamed);
        assertThat(mlflow.getRegisteredModel(renamed).getTagsList()).hasSize(2);
        assertThat(mlflow.searchModelVersions("name='" + renamed + "'").getItems()).hasSize(1);
        assertThat(mlflow.sendGet("registered-models/search?filter=name%20LIKE%20%27" + renamed + "%27"))
                .contains(renamed);
        String modelId = null;
        for (var model : owner.get("/api/v1/models?maxResults=1000").json().get("models")) {
            if (model.get("name").asString().equals(renamed)) {
                modelId = model.get("id").asString();
            }
        }
        assertThat(owner.get("/api/v1/models/" + modelId + "/approvals").text()).contains("PENDING");

        assertMlflowError(owner.post("/api/2.0/mlflow/registered-models/create", Map.of("name", renamed)), 400,
                "RESOURCE_ALREADY_EXISTS");
        assertMlflowError(owner.get("/api/2.0/mlflow/registered-models/get?name=" + name), 404,
                "RESOURCE_DOES_NOT_EXIST");
        assertMlflowError(ownerOf(unique("other")).get("/api/2.0/mlflow/registered-models/get?name=" + renamed), 404,
                "RESOURCE_DOES_NOT_EXIST");
        assertThat(owner.delete("/api/2.0/mlflow/registered-models/delete?name=" + renamed).status()).isEqualTo(200);
        assertMlflowError(owner.get("/api/2.0/mlflow/registered-models/get?name=" + renamed), 404,
                "RESOURCE_DOES_NOT_EXIST");
    }

    @Test
    void modelVersionsAreDeletedWithTheirAliasesAndPendingApprovals() {
        String org = unique("ml");
        Api owner = ownerOf(org);
        MlflowClient mlflow = client(owner);
        String experimentId = mlflow.createExperiment(unique("deletion"));
        String runId = mlflow.createRun(experimentId).getRunId();
        assertThat(owner.put("/api/v1/runs/" + runId + "/artifacts/model/MLmodel", "flavors: {}".getBytes()).status())
                .isEqualTo(201);
        String name = unique("fraud");
        mlflow.sendPost("registered-models/create", "{\"name\": \"" + name + "\"}");
        for (int i = 0; i < 3; i++) {
            mlflow.sendPost("model-versions/create", "{\"name\": \"" + name + "\", \"source\": \"runs:/" + runId
                    + "/model\"}");
        }
        mlflow.sendPost("registered-models/alias", "{\"name\": \"" + name + "\", \"alias\": \"candidate\", "
                + "\"version\": \"2\"}");
        String modelId = owner.get("/api/v1/models?maxResults=1000").json().get("models").valueStream()
                .filter(m -> m.get("name").asString().equals(name)).findFirst().orElseThrow().get("id").asString();
        Api member = memberOf(org, "MEMBER");
        String request = member.post("/api/v1/models/" + modelId + "/versions/2/stage", Map.of("stage", "Production"))
                .get("/id");

        assertMlflowError(memberOf(org, "AUDITOR").delete("/api/2.0/mlflow/model-versions/delete?name=" + name
                + "&version=2"), 403, "PERMISSION_DENIED");
        assertMlflowError(ownerOf(unique("other")).delete("/api/2.0/mlflow/model-versions/delete?name=" + name
                + "&version=2"), 404, "RESOURCE_DOES_NOT_EXIST");
        assertThat(owner.delete("/api/2.0/mlflow/model-versions/delete?name=" + name + "&version=2").status())
                .isEqualTo(200);

        assertMlflowError(owner.get("/api/2.0/mlflow/model-versions/get?name=" + name + "&version=2"), 404,
                "RESOURCE_DOES_NOT_EXIST");
        assertMlflowError(owner.delete("/api/2.0/mlflow/model-versions/delete?name=" + name + "&version=2"), 404,
                "RESOURCE_DOES_NOT_EXIST");
        assertThat(mlflow.searchModelVersions("name='" + name + "'").getItems())
                .extracting(v -> v.getVersion()).containsExactlyInAnyOrder("1", "3");
        assertThat(mlflow.getRegisteredModel(name).getAliasesList()).isEmpty();
        Api.Response approval = owner.get("/api/v1/models/" + modelId + "/approvals/" + request);
        assertThat(approval.get("/status")).isEqualTo("WITHDRAWN");
        assertThat(owner.post("/api/v1/models/" + modelId + "/approvals/" + request + "/approve", Map.of()).status())
                .isEqualTo(409);
        // numbers are never reused; the graph keeps the deleted version, marked
        assertThat(mlflow.sendPost("model-versions/create", "{\"name\": \"" + name + "\", \"source\": \"runs:/"
                + runId + "/model\"}")).contains("\"version\":\"4\"");
        Api.Response node = owner.get("/api/v1/lineage/model-version/" + modelId + ".v2?direction=upstream&depth=1");
        assertThat(node.status()).as(node.text()).isEqualTo(200);
        assertThat(node.text()).contains("\"deleted\":true");

        // a Production version needs an approver to delete it; Cairn's own API deletes the same way
        String toProduction = member.post("/api/v1/models/" + modelId + "/versions/3/stage",
                Map.of("stage", "Production")).get("/id");
        owner.post("/api/v1/models/" + modelId + "/approvals/" + toProduction + "/approve", Map.of());
        assertThat(member.delete("/api/v1/models/" + modelId + "/versions/3").status()).isEqualTo(403);
        assertThat(owner.delete("/api/v1/models/" + modelId + "/versions/3").status()).isEqualTo(204);
        assertThat(owner.get("/api/v1/models/" + modelId + "/versions/3").status()).isEqualTo(404);
        assertThat(owner.get("/api/v1/models/" + modelId + "/versions/1").status()).isEqualTo(200);
    }

    @Test
    void loggedModelsAndKeysWithColonsAreKeptLikeMlflowKeepsThem() {
        Api owner = ownerOf(unique("ml"));
        MlflowClient mlflow = client(owner);
        String experimentId = mlflow.createExperiment(unique("logged"));
        String runId = mlflow.createRun(experimentId).getRunId();
        for (String path : List.of("model", "scaler")) {
            String model = "{\"artifact_path\": \"" + path + "\", \"flavors\": {\"python_function\": {}}, "
                    + "\"utc_time_created\": \"2026-11-27 10:00:00.000000\", \"run_id\": \"" + runId + "\"}";
            assertThat(owner.post("/api/2.0/mlflow/runs/log-model", Map.of("run_id", runId, "model_json", model))
                    .status()).isEqualTo(200);
        }
        String history = tags(mlflow.getRun(runId)).get("mlflow.log-model.history");
        assertThat(history).startsWith("[").contains("\"artifact_path\":\"model\"")
                .contains("\"artifact_path\":\"scaler\"");
        assertMlflowError(owner.post("/api/2.0/mlflow/runs/log-model", Map.of("run_id", runId, "model_json", "{oops")),
                400, "INVALID_PARAMETER_VALUE");
        Api.Response missing = owner.post("/api/2.0/mlflow/runs/log-model", Map.of("run_id", runId,
                "model_json", "{\"artifact_path\": \"m\"}"));
        assertMlflowError(missing, 400, "INVALID_PARAMETER_VALUE");
        assertThat(missing.get("/message")).contains("flavors").contains("run_id").contains("utc_time_created");
        assertThat(tags(mlflow.getRun(runId)).get("mlflow.log-model.history")).isEqualTo(history);

        mlflow.logMetric(runId, "eval:accuracy", 0.75);
        mlflow.logParam(runId, "optimizer:lr", "0.01");
        mlflow.setTag(runId, "stage:team", "vision");
        Run run = mlflow.getRun(runId);
        assertThat(metrics(run)).containsEntry("eval:accuracy", 0.75);
        assertThat(params(run)).containsEntry("optimizer:lr", "0.01");
        assertThat(mlflow.searchRuns(List.of(experimentId), "params.`optimizer:lr` = '0.01'")).hasSize(1);
        eventually(() -> owner.get("/api/v1/search?q=" + URLEncoder.encode("param.\"optimizer:lr\":0.01",
                StandardCharsets.UTF_8)).text().contains(runId));
    }

    @Test
    void bulkHistoriesSampleStepsAcrossRuns() {
        String org = unique("ml");
        Api owner = ownerOf(org);
        MlflowClient mlflow = client(owner);
        String experimentId = mlflow.createExperiment(unique("bulk"));
        String a = mlflow.createRun(experimentId).getRunId();
        String b = mlflow.createRun(experimentId).getRunId();
        List<Metric> loss = new ArrayList<>();
        for (int step = 0; step < 1000; step++) {
            loss.add(metric("loss", 1.0 / (step + 1), T0 + step, step));
        }
        mlflow.logBatch(a, loss, List.of(), List.of());
        mlflow.logBatch(b, loss.subList(0, 10), List.of(), List.of());
        String bulk = "/ajax-api/2.0/mlflow/metrics/get-history-bulk-interval?metric_key=loss&run_ids=" + a
                + "&run_ids=" + b;

        Api.Response sampled = owner.get(bulk + "&max_results=100");
        assertThat(sampled.status()).as(sampled.text()).isEqualTo(200);
        var points = sampled.json().get("metrics");
        Set<Long> stepsOfA = new TreeSet<>();
        points.valueStream().filter(p -> p.get("run_id").asString().equals(a))
                .forEach(p -> stepsOfA.add(p.get("step").asLong()));
        // 100 steps spread evenly (every 10th), the last one, and run b's first and last step (0 and 9)
        assertThat(stepsOfA).hasSize(102).contains(0L, 10L, 990L, 999L, 9L);
        assertThat(points.valueStream().filter(p -> p.get("run_id").asString().equals(b)).map(p -> p.get("step").asLong()))
                .containsExactly(0L, 9L);
        assertThat(points.get(1).get("value").asDouble()).isEqualTo(1.0 / 10);

        Api.Response ranged = owner.get(bulk + "&start_step=100&end_step=104");
        assertThat(ranged.json().get("metrics").valueStream().map(p -> p.get("step").asLong()))
                .containsExactly(100L, 101L, 102L, 103L, 104L);
        Api.Response all = owner.get("/api/2.0/mlflow/metrics/get-history-bulk?metric_key=loss&run_ids=" + a
                + "&run_ids=" + b + "&max_results=1005");
        assertThat(all.json().get("metrics")).hasSize(1005);

        assertMlflowError(owner.get(bulk + "&start_step=5"), 400, "INVALID_PARAMETER_VALUE");
        assertMlflowError(owner.get(bulk + "&start_step=5&end_step=1"), 400, "INVALID_PARAMETER_VALUE");
        assertMlflowError(owner.get(bulk + "&max_results=2501"), 400, "INVALID_PARAMETER_VALUE");
        assertMlflowError(owner.get("/api/2.0/mlflow/metrics/get-history-bulk-interval?metric_key=loss"), 400,
                "INVALID_PARAMETER_VALUE");
        String tooMany = IntStream.range(0, 101).mapToObj(i -> "run_ids=r" + i)
                .collect(Collectors.joining("&"));
        assertMlflowError(owner.get("/api/2.0/mlflow/metrics/get-history-bulk-interval?metric_key=loss&" + tooMany),
                400, "INVALID_PARAMETER_VALUE");
        assertMlflowError(owner.get(bulk + "&run_ids=no-such-run"), 404, "RESOURCE_DOES_NOT_EXIST");
        assertMlflowError(ownerOf(unique("other")).get(bulk), 404, "RESOURCE_DOES_NOT_EXIST");
    }

    @Test
    void tenancyAndRolesApplyToMlflowClients() {
        String org = unique("ml");
        Api owner = ownerOf(org);
        String experimentId = client(owner).createExperiment(unique("shared"));
        String runId = client(owner).createRun(experimentId).getRunId();
        client(owner).logMetric(runId, "acc", 0.5, T0, 0);

        Member viewer = newMember(org, "MEMBER");
        grant(owner, experimentId, "users", viewer.principalId(), "VIEWER");
        assertThat(client(viewer.api()).getRun(runId).getInfo().getRunId()).isEqualTo(runId);
        assertThatThrownBy(() -> client(viewer.api()).logMetric(runId, "acc", 0.6, T0, 1))
                .isInstanceOfSatisfying(MlflowHttpException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(403);
                    assertThat(e.getBodyMessage()).contains("PERMISSION_DENIED");
                });

        Api auditor = memberOf(org, "AUDITOR");
        assertThat(client(auditor).getMetricHistory(runId, "acc")).hasSize(1);
        assertMlflowError(auditor.post("/api/2.0/mlflow/runs/set-tag", Map.of("run_id", runId, "key", "k", "value", "v")),
                403, "PERMISSION_DENIED");
        assertMlflowError(auditor.post("/api/2.0/mlflow/experiments/create", Map.of("name", unique("no"))), 403,
                "PERMISSION_DENIED");

        Api member = memberOf(org, "MEMBER");
        assertMlflowError(member.get("/api/2.0/mlflow/runs/get?run_id=" + runId), 404, "RESOURCE_DOES_NOT_EXIST");

        Api outsider = ownerOf(unique("other"));
        assertMlflowError(outsider.get("/api/2.0/mlflow/runs/get?run_id=" + runId), 404, "RESOURCE_DOES_NOT_EXIST");
        assertMlflowError(outsider.get("/api/2.0/mlflow/experiments/get?experiment_id=" + experimentId), 404,
                "RESOURCE_DOES_NOT_EXIST");
        assertMlflowError(outsider.post("/api/2.0/mlflow/runs/log-batch", Map.of("run_id", runId,
                "metrics", List.of(Map.of("key", "x", "value", 1, "timestamp", T0)))), 404, "RESOURCE_DOES_NOT_EXIST");
        assertMlflowError(outsider.post("/api/2.0/mlflow/runs/search", Map.of("experiment_ids", List.of(experimentId))),
                404, "RESOURCE_DOES_NOT_EXIST");

        Api anonymous = owner.withToken(null);
        assertMlflowError(anonymous.get("/api/2.0/mlflow/runs/get?run_id=" + runId), 401, "UNAUTHENTICATED");
        assertMlflowError(anonymous.get("/ajax-api/2.0/mlflow/runs/get?run_id=" + runId), 401, "UNAUTHENTICATED");
        assertMlflowError(owner.withToken("cairn_pat_not-a-real-token").get("/api/2.0/mlflow/runs/get?run_id=" + runId),
                401, "UNAUTHENTICATED");
        Api.Response viaUiPrefix = owner.get("/ajax-api/2.0/mlflow/runs/get?run_id=" + runId);
        assertThat(viaUiPrefix.status()).as(viaUiPrefix.text()).isEqualTo(200);
        assertThat(viaUiPrefix.get("/run/info/run_id")).isEqualTo(runId);
    }
}
