package io.cairn.compute.query;

import io.cairn.compute.api.TargetSettings;
import io.cairn.run.api.RunSpec;
import java.util.List;

/** What the compute read model answers. Times are epoch milliseconds. */
public final class ComputeViews {

    private ComputeViews() {
    }

    public record TargetView(String id, String name, String kind, TargetSettings settings, String createdBy,
                             long creationTime) {
    }

    /** A registered agent; {@code lastHeartbeat} is null before its first heartbeat. */
    public record AgentView(String id, String name, String principalId, List<String> kinds, List<String> targetIds,
                            int leaseTtlSeconds, long registrationTime, Long lastHeartbeat) {
    }

    /** One attempt of a run: outcome is RUNNING, LOST, FINISHED, FAILED or KILLED. */
    public record AttemptView(int attempt, String agentId, long startTime, Long endTime, String outcome,
                              Integer exitCode, String reason) {
    }

    /** The execution state of a submitted run, with the reason of its last attempt's end. */
    public record ExecutionView(String runId, String projectId, String targetId, String kind, String status, int attempt,
                                int maxAttempts, String agentId, Long leaseExpiresAt, Integer exitCode, String reason,
                                long submissionTime, RunSpec spec, List<AttemptView> attempts) {
    }

    /** A run held by an agent, as the lease checks need it. */
    public record LeasedRun(String tenantId, String runId) {
    }
}
