package io.cairn.mlflow.web;

import io.cairn.project.query.ProjectView;
import io.cairn.run.api.DatasetInput;
import io.cairn.run.api.MetricPoint;
import io.cairn.run.api.RunStatus;
import io.cairn.run.query.RunView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Cairn's read models in MLflow's wire format (snake_case; times in epoch milliseconds). An experiment is a Cairn
 * project, its lifecycle stage "deleted" an archived project; a run keeps its id, name, status, params, tags and
 * latest metrics. Artifact URIs point at the artifact proxy ({@code mlflow-artifacts:/<experiment>/<run>/artifacts}),
 * which MLflow clients resolve against their tracking URI.
 */
final class MlflowViews {

    static final String RUN_NAME_TAG = "mlflow.runName";

    private MlflowViews() {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record KeyValue(String key, String value) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Experiment(String experimentId, String name, String artifactLocation, String lifecycleStage,
                      long lastUpdateTime, long creationTime, List<KeyValue> tags) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record RunInfo(String runId, String runUuid, String runName, String experimentId, String userId, String status,
                   long startTime, Long endTime, String artifactUri, String lifecycleStage) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Metric(String key, double value, long timestamp, long step) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record RunData(List<Metric> metrics, List<KeyValue> params, List<KeyValue> tags) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Dataset(String name, String digest, String sourceType, String source) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record DatasetInputView(List<KeyValue> tags, Dataset dataset) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record RunInputs(List<DatasetInputView> datasetInputs) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Run(RunInfo info, RunData data, RunInputs inputs) {
    }

    static Experiment experiment(ProjectView project) {
        return new Experiment(project.id(), project.name(), "mlflow-artifacts:/" + project.id(),
                project.archived() ? RunView.DELETED : RunView.ACTIVE, project.lastUpdateTime(), project.creationTime(),
                keyValues(project.tags()));
    }

    static RunInfo info(RunView run) {
        return new RunInfo(run.id(), run.id(), run.name(), run.projectId(), run.createdBy(), status(run.status()),
                run.startTime(), run.endTime(), artifactUri(run), run.lifecycleStage());
    }

    /** The run with its inputs as {@code inputs} describes each (see {@link MlflowDatasets#view}). */
    static Run run(RunView run, Function<DatasetInput, Dataset> inputs) {
        List<Metric> metrics = new ArrayList<>();
        run.metrics().forEach((key, latest) -> metrics.add(new Metric(key, latest.value(), latest.timestamp(),
                latest.step())));
        List<KeyValue> tags = keyValues(run.tags());
        if (!run.tags().containsKey(RUN_NAME_TAG)) {
            tags.add(new KeyValue(RUN_NAME_TAG, run.name()));
        }
        List<DatasetInputView> datasets = new ArrayList<>();
        for (DatasetInput input : run.inputs()) {
            datasets.add(new DatasetInputView(List.of(), inputs.apply(input)));
        }
        return new Run(info(run), new RunData(metrics, keyValues(run.params()), tags), new RunInputs(datasets));
    }

    static Metric metric(MetricPoint point) {
        return new Metric(point.key(), point.value(), point.timestamp(), point.step());
    }

    /** MLflow's statuses: Cairn's QUEUED is MLflow's SCHEDULED, the others share their names. */
    static String status(RunStatus status) {
        return status == RunStatus.QUEUED ? "SCHEDULED" : status.name();
    }

    static String artifactUri(RunView run) {
        return "mlflow-artifacts:/" + run.projectId() + "/" + run.id() + "/artifacts";
    }

    private static List<KeyValue> keyValues(Map<String, String> values) {
        List<KeyValue> list = new ArrayList<>();
        values.forEach((key, value) -> list.add(new KeyValue(key, value)));
        return list;
    }
}
