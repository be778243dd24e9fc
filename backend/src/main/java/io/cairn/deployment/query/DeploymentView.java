package io.cairn.deployment.query;

import java.util.List;

/**
 * A deployment as the API shows it: the versions it serves with their share of the traffic and, from the
 * runtime of its target, how their model servers are doing. {@code status} sums them up: on {@code local} READY
 * when every served version is ready, FAILED when one failed, STOPPED with 0 replicas, otherwise STARTING or
 * PENDING; on {@code kubernetes} AVAILABLE, PROGRESSING, FAILED, STOPPED or PENDING.
 */
public record DeploymentView(String id, String name, String target, String projectId, String modelId, int replicas,
                             String status, List<Served> versions, String createdBy, long creationTime,
                             long lastUpdateTime) {

    /**
     * One served version: {@code role} is {@code stable} or {@code canary}; {@code alias} is the alias it was
     * deployed through, if any. {@code status} is PENDING, STARTING, READY, FAILED or STOPPED; {@code reason}
     * says why it is not ready; {@code restarts} counts restarts after crashes.
     */
    public record Served(String role, int version, String alias, String artifactSha256, int trafficPercent,
                         String status, String reason, int restarts, Rollout rollout) {

        public Served withStatus(String newStatus, String newReason, int newRestarts) {
            return new Served(role, version, alias, artifactSha256, trafficPercent, newStatus, newReason, newRestarts,
                    rollout);
        }

        public Served withRollout(String newStatus, String newReason, Rollout newRollout) {
            return new Served(role, version, alias, artifactSha256, trafficPercent, newStatus, newReason, restarts,
                    newRollout);
        }
    }

    /**
     * How the Kubernetes Deployment of a served version rolls out (null on other targets): where it is, and its
     * replica counts as the Deployment's status reports them.
     */
    public record Rollout(String namespace, String name, int desiredReplicas, int updatedReplicas, int readyReplicas,
                          int availableReplicas) {
    }

    public DeploymentView withVersions(String newStatus, List<Served> newVersions) {
        return new DeploymentView(id, name, target, projectId, modelId, replicas, newStatus, newVersions, createdBy,
                creationTime, lastUpdateTime);
    }

    /** The served version with this number, if the deployment serves it. */
    public Served served(int version) {
        return versions.stream().filter(v -> v.version() == version).findFirst().orElse(null);
    }
}
