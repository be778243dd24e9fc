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

    /**
     * A metric batch of up to 1000 points; a retried batch with the same {@code idempotencyKey} changes nothing.
     * {@code fingerprint} identifies the batch as its client sent it, so that a retry with the same
     * {@code idempotencyKey} is recognised even when the server filled in what the client left out (timestamps);
     * null: the points themselves are the fingerprint.
     */
    record LogMetricsCommand(@TargetAggregateIdentifier String runId, String tenantId, List<MetricPoint> points,
                             String idempotencyKey, String fingerprint) implements RunCommand {

        public LogMetricsCommand(String runId, String tenantId, List<MetricPoint> points, String idempotencyKey) {
            this(runId, tenantId, points, idempotencyKey, null);
        }
    }

    record LogArtifactCommand(@TargetAggregateIdentifier String runId, String tenantId, String path, String sha256,
                              long size, String contentType) implements RunCommand {
    }

    record DeclareRunInputsCommand(@TargetAggregateIdentifier String runId, String tenantId,
                                   List<String> datasetVersionIds) implements RunCommand {
    }

    /**
     * Creates a QUEUED run that a compute agent of {@code targetId} will execute; see {@link RunSpec}. The agent
     * materialises {@code source} (optional) in the attempt's working directory.
     */
    record SubmitRunCommand(@TargetAggregateIdentifier String runId, String tenantId, String projectId, String name,
                            Map<String, String> tags, String targetId, RunSpec spec, SourceSnapshot source)
            implements RunCommand {
    }

    /** An agent takes a queued run for {@code leaseMillis}; answers the attempt number. Only one agent wins. */
    record LeaseRunCommand(@TargetAggregateIdentifier String runId, String tenantId, String agentId, long leaseMillis)
            implements RunCommand {
    }

    /** The holder of the run's lease extends it by {@code leaseMillis} from now (sent on each heartbeat). */
    record ExtendRunLeaseCommand(@TargetAggregateIdentifier String runId, String tenantId, String agentId,
                                 long leaseMillis) implements RunCommand {
    }

    /**
     * The holder of the run's lease reports how its attempt ended; the run ends with that status. With
     * {@code attempt}, a report about an earlier attempt of the same agent is refused.
     */
    record EndRunAttemptCommand(@TargetAggregateIdentifier String runId, String tenantId, String agentId,
                                Integer attempt, RunStatus status, Integer exitCode, String reason)
            implements RunCommand {
    }

    /** Expires the lease if it is over, or (re)schedules its deadline; sent for every leased run at start-up. */
    record CheckRunLeaseCommand(@TargetAggregateIdentifier String runId, String tenantId) implements RunCommand {
    }
}
