package io.cairn.agent.kubernetes;

import io.cairn.agent.RunExecutor;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where a Job stands, read from its status (and its pod's, for the reason of a failure):
 * <ul>
 * <li>condition {@code Complete}, or {@code succeeded > 0} → FINISHED;</li>
 * <li>condition {@code Failed}: reason {@code DeadlineExceeded} → FAILED, timed out; {@code BackoffLimitExceeded} →
 *     FAILED with the pod's reason (its container's exit code and reason, e.g. {@code OOMKilled}, or the pod's own,
 *     e.g. {@code Evicted}); another reason → FAILED with it;</li>
 * <li>a pod whose container cannot start ({@code ImagePullBackOff}, {@code InvalidImageName},
 *     {@code CreateContainerConfigError} e.g. a missing token Secret, {@code CreateContainerError}) → FAILED at once:
 *     it would wait until the deadline, or forever;</li>
 * <li>{@code active > 0} → RUNNING; else PENDING (created, no pod yet).</li>
 * </ul>
 *
 * @param phase   PENDING, RUNNING, ENDED (the Job ended) or STUCK (its pod cannot start: the Job is to be deleted)
 * @param outcome the attempt's outcome once ENDED or STUCK
 */
record JobState(Phase phase, RunExecutor.Outcome outcome) {

    enum Phase { PENDING, RUNNING, ENDED, STUCK }

    static final Set<String> CANNOT_START = Set.of("ImagePullBackOff", "InvalidImageName", "CreateContainerConfigError",
            "CreateContainerError");

    static JobState of(Job job, List<Pod> pods) {
        var status = job.getStatus();
        Optional<JobCondition> failed = condition(job, "Failed");
        if (failed.isPresent()) {
            return ended(failure(job, failed.get(), pods));
        }
        if (condition(job, "Complete").isPresent() || (status != null && positive(status.getSucceeded()))) {
            return ended(new RunExecutor.Outcome("FINISHED", 0, null));
        }
        for (Pod pod : pods) {
            for (ContainerStatus container : containers(pod)) {
                ContainerStateWaiting waiting = container.getState() == null ? null : container.getState().getWaiting();
                if (waiting != null && CANNOT_START.contains(waiting.getReason())) {
                    return new JobState(Phase.STUCK, RunExecutor.Outcome.failed("The pod " + pod.getMetadata().getName()
                            + " cannot start: " + waiting.getReason() + message(waiting.getMessage())));
                }
            }
        }
        if (status != null && positive(status.getActive())) {
            return new JobState(Phase.RUNNING, null);
        }
        return new JobState(Phase.PENDING, null);
    }

    private static RunExecutor.Outcome failure(Job job, JobCondition failed, List<Pod> pods) {
        String reason = failed.getReason() == null ? "" : failed.getReason();
        if ("DeadlineExceeded".equals(reason)) {
            Long deadline = job.getSpec() == null ? null : job.getSpec().getActiveDeadlineSeconds();
            return RunExecutor.Outcome.failed("Timed out after " + deadline
                    + " s (the Job's activeDeadlineSeconds); Kubernetes stopped its pod");
        }
        if ("BackoffLimitExceeded".equals(reason)) {
            for (Pod pod : pods) {
                for (ContainerStatus container : containers(pod)) {
                    ContainerStateTerminated ended = container.getState() == null ? null
                            : container.getState().getTerminated();
                    if (ended != null && ended.getExitCode() != null && ended.getExitCode() != 0) {
                        return new RunExecutor.Outcome("FAILED", ended.getExitCode(), "The pod "
                                + pod.getMetadata().getName() + " failed: its container exited with code "
                                + ended.getExitCode() + (ended.getReason() == null ? "" : " (" + ended.getReason() + ")")
                                + message(ended.getMessage()));
                    }
                }
                if (pod.getStatus() != null && pod.getStatus().getReason() != null) {
                    return RunExecutor.Outcome.failed("The pod " + pod.getMetadata().getName() + " failed: "
                            + pod.getStatus().getReason() + message(pod.getStatus().getMessage()));
                }
            }
            return RunExecutor.Outcome.failed("The pod failed (BackoffLimitExceeded" + message(failed.getMessage())
                    + "); no pod was left to tell why");
        }
        return RunExecutor.Outcome.failed("The Job failed: " + (reason.isEmpty() ? "no reason given" : reason)
                + message(failed.getMessage()));
    }

    private static JobState ended(RunExecutor.Outcome outcome) {
        return new JobState(Phase.ENDED, outcome);
    }

    private static Optional<JobCondition> condition(Job job, String type) {
        if (job.getStatus() == null || job.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return job.getStatus().getConditions().stream()
                .filter(c -> type.equals(c.getType()) && "True".equals(c.getStatus()))
                .findFirst();
    }

    private static List<ContainerStatus> containers(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
            return List.of();
        }
        return pod.getStatus().getContainerStatuses();
    }

    private static boolean positive(Integer count) {
        return count != null && count > 0;
    }

    private static String message(String message) {
        return message == null || message.isBlank() ? "" : ": " + message;
    }
}
