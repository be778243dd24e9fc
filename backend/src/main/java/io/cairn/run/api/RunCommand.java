package io.cairn.run.api;

import java.util.List;
import java.util.Map;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Commands on a {@code Run}; each names the tenant it acts in. */
public sealed interface RunCommand {

    String runId();

    String tenantId();

    /** Creates a run; {@code queued} runs wait for a compute agent, others are RUNNING at once. */
    record CreateRunCommand(@TargetAggregateIdentifier String runId, String tenantId, String projectId, String name,
                            Map<String, String> tags, SourceSnapshot source, EnvironmentSpec environment,
                            Long startTime, boolean queued) implements RunCommand {
    }

    record StartRunCommand(@TargetAggregateIdentifier String runId, String tenantId, Long startTime)
            implements RunCommand {
    }

    record FinishRunCommand(@TargetAggregateIdentifier String runId, String tenantId, RunStatus status, Long endTime)
            implements RunCommand {
    }

    record LogParamsCommand(@TargetAggregateIdentifier String runId, String tenantId, Map<String, String> params)
            implements RunCommand {
    }

    record SetRunTagsCommand(@TargetAggregateIdentifier String runId, String tenantId, Map<String, String> tags)
            implements RunCommand {
    }

    record RenameRunCommand(@TargetAggregateIdentifier String runId, String tenantId, String name)
            implements RunCommand {
    }

    /** Soft-deletes a run (MLflow's lifecycle stage "deleted"): it keeps its data but accepts no writes until restored. */
    record DeleteRunCommand(@TargetAggregateIdentifier String runId, String tenantId) implements RunCommand {
    }

    record RestoreRunCommand(@TargetAggregateIdentifier String runId, String tenantId) implements RunCommand {
    }

    record DeleteRunTagCommand(@TargetAggregateIdentifier String runId, String tenantId, String key)
            implements RunCommand {
    }

    /** A batch of up to 1000 points; a retried batch with the same {@code idempotencyKey} changes nothing. */
    record LogMetricsCommand(@TargetAggregateIdentifier String runId, String tenantId, List<MetricPoint> points,
                             String idempotencyKey) implements RunCommand {
    }

    record LogArtifactCommand(@TargetAggregateIdentifier String runId, String tenantId, String path, String sha256,
                              long size, String contentType) implements RunCommand {
    }

    record DeclareRunInputsCommand(@TargetAggregateIdentifier String runId, String tenantId,
                                   List<String> datasetVersionIds) implements RunCommand {
    }
}
