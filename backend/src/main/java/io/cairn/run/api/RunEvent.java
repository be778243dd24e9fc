package io.cairn.run.api;

import io.cairn.common.messaging.WireName;
import java.util.List;
import java.util.Map;
import org.axonframework.serialization.Revision;

/** Everything that happens to a run. Wire names are stored in the event log: never change them. */
public sealed interface RunEvent {

    String runId();

    String tenantId();

    @WireName("cairn.run.RunCreated")
    @Revision("1")
    record RunCreatedEvent(String runId, String tenantId, String projectId, String name, Map<String, String> tags,
                           SourceSnapshot source, EnvironmentSpec environment, RunStatus status, long startTime)
            implements RunEvent {
    }

    @WireName("cairn.run.RunStarted")
    @Revision("1")
    record RunStartedEvent(String runId, String tenantId, long startTime) implements RunEvent {
    }

    @WireName("cairn.run.RunFinished")
    @Revision("1")
    record RunFinishedEvent(String runId, String tenantId, RunStatus status, long endTime) implements RunEvent {
    }

    @WireName("cairn.run.RunRenamed")
    @Revision("1")
    record RunRenamedEvent(String runId, String tenantId, String name) implements RunEvent {
    }

    @WireName("cairn.run.RunDeleted")
    @Revision("1")
    record RunDeletedEvent(String runId, String tenantId) implements RunEvent {
    }

    @WireName("cairn.run.RunRestored")
    @Revision("1")
    record RunRestoredEvent(String runId, String tenantId) implements RunEvent {
    }

    @WireName("cairn.run.ParamsLogged")
    @Revision("1")
    record ParamsLoggedEvent(String runId, String tenantId, Map<String, String> params) implements RunEvent {
    }

    @WireName("cairn.run.RunTagged")
    @Revision("1")
    record RunTaggedEvent(String runId, String tenantId, Map<String, String> tags) implements RunEvent {
    }

    @WireName("cairn.run.RunTagDeleted")
    @Revision("1")
    record RunTagDeletedEvent(String runId, String tenantId, String key) implements RunEvent {
    }

    /**
     * One batch of at most 1000 points of one run, stored column-wise (point {@code i} is
     * {@code keys[keyIndex[i]]}, {@code steps[i]}, {@code timestamps[i]}, {@code values[i]}) so that
     * large batches stay compact and fast to read back. Non-finite values appear as "NaN", "Infinity",
     * "-Infinity". The idempotency key of the request, if any, rides in the event's metadata.
     */
    @WireName("cairn.run.MetricsLogged")
    @Revision("1")
    record MetricsLoggedEvent(String runId, String tenantId, List<String> keys, int[] keyIndex, long[] steps,
                              long[] timestamps, double[] values) implements RunEvent {

        public static MetricsLoggedEvent of(String runId, String tenantId, List<MetricPoint> points) {
            java.util.Map<String, Integer> index = new java.util.LinkedHashMap<>();
            int size = points.size();
            int[] keyIndex = new int[size];
            long[] steps = new long[size];
            long[] timestamps = new long[size];
            double[] values = new double[size];
            for (int i = 0; i < size; i++) {
                MetricPoint point = points.get(i);
                keyIndex[i] = index.computeIfAbsent(point.key(), k -> index.size());
                steps[i] = point.step();
                timestamps[i] = point.timestamp();
                values[i] = point.value();
            }
            return new MetricsLoggedEvent(runId, tenantId, List.copyOf(index.keySet()), keyIndex, steps, timestamps,
                    values);
        }

        public int size() {
            return values.length;
        }

        public MetricPoint point(int i) {
            return new MetricPoint(keys.get(keyIndex[i]), values[i], steps[i], timestamps[i]);
        }

        public List<MetricPoint> points() {
            List<MetricPoint> points = new java.util.ArrayList<>(size());
            for (int i = 0; i < size(); i++) {
                points.add(point(i));
            }
            return points;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof MetricsLoggedEvent that && runId.equals(that.runId) && tenantId.equals(that.tenantId)
                    && points().equals(that.points());
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(runId, tenantId, points());
        }

        @Override
        public String toString() {
            return "MetricsLoggedEvent[runId=" + runId + ", tenantId=" + tenantId + ", points=" + size() + "]";
        }
    }

    @WireName("cairn.run.ArtifactLogged")
    @Revision("1")
    record ArtifactLoggedEvent(String runId, String tenantId, String path, String sha256, long size,
                               String contentType) implements RunEvent {
    }

    @WireName("cairn.run.RunInputsDeclared")
    @Revision("1")
    record RunInputsDeclaredEvent(String runId, String tenantId, List<DatasetInput> inputs) implements RunEvent {
    }

    /** The run was submitted to a compute target; it follows its {@code RunCreated} (status QUEUED). */
    @WireName("cairn.run.RunSubmitted")
    @Revision("1")
    record RunSubmittedEvent(String runId, String tenantId, String projectId, String targetId, RunSpec spec,
                             int maxAttempts) implements RunEvent {
    }

    /** Attempt {@code attempt} began: {@code agentId} leased the run until {@code leaseExpiresAt}; status RUNNING. */
    @WireName("cairn.run.RunAttemptStarted")
    @Revision("1")
    record RunAttemptStartedEvent(String runId, String tenantId, int attempt, String agentId, long leaseExpiresAt,
                                  long startTime) implements RunEvent {
    }

    @WireName("cairn.run.RunLeaseExtended")
    @Revision("1")
    record RunLeaseExtendedEvent(String runId, String tenantId, int attempt, String agentId, long leaseExpiresAt)
            implements RunEvent {
    }

    /**
     * The lease of the attempt expired (the agent crashed or lost the network): back to QUEUED when
     * {@code requeued}, else a {@code RunFinished} (FAILED) follows.
     */
    @WireName("cairn.run.RunAttemptLost")
    @Revision("1")
    record RunAttemptLostEvent(String runId, String tenantId, int attempt, String agentId, String reason,
                               boolean requeued) implements RunEvent {
    }

    /** The agent reported the end of its attempt; a {@code RunFinished} with the same status follows. */
    @WireName("cairn.run.RunAttemptEnded")
    @Revision("1")
    record RunAttemptEndedEvent(String runId, String tenantId, int attempt, String agentId, RunStatus status,
                                Integer exitCode, String reason) implements RunEvent {
    }
}
