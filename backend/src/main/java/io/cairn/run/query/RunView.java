package io.cairn.run.query;

import io.cairn.run.api.DatasetInput;
import io.cairn.run.api.EnvironmentSpec;
import io.cairn.run.api.RunStatus;
import io.cairn.run.api.SourceSnapshot;
import java.util.List;
import java.util.Map;

/**
 * A run as the API shows it. Times are epoch milliseconds. {@code lifecycleStage} is {@value #ACTIVE}, or
 * {@value #DELETED} for a (soft-)deleted run.
 */
public record RunView(String id, String projectId, String name, RunStatus status, String createdBy, long startTime,
                      Long endTime, Map<String, String> params, Map<String, String> tags,
                      Map<String, LatestMetric> metrics, List<DatasetInput> inputs, ArtifactSummary artifacts,
                      SourceSnapshot source, EnvironmentSpec environment, String lifecycleStage) {

    public static final String ACTIVE = "active";
    public static final String DELETED = "deleted";

    public boolean deleted() {
        return DELETED.equals(lifecycleStage);
    }

    /** The value at the highest step (then latest timestamp) logged for a key. */
    public record LatestMetric(double value, long step, long timestamp) {
    }

    public record ArtifactSummary(int count, long totalSize) {
    }
}
