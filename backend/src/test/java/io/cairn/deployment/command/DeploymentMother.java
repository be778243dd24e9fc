package io.cairn.deployment.command;

import io.cairn.deployment.api.DeploymentCommand.CreateDeploymentCommand;
import io.cairn.deployment.api.DeploymentEvent.DeploymentCanaryStartedEvent;
import io.cairn.deployment.api.DeploymentEvent.DeploymentCreatedEvent;
import io.cairn.deployment.api.ServedVersion;
import io.cairn.deployment.query.DeploymentView;
import io.cairn.deployment.query.DeploymentView.Served;
import java.util.ArrayList;
import java.util.List;

/** Test data for the deployment context. */
public final class DeploymentMother {

    public static final String TENANT = "acme";
    public static final String OTHER_TENANT = "globex";
    public static final String DEPLOYMENT_ID = "d-1";
    public static final String PROJECT_ID = "p-1";
    public static final String MODEL_ID = "m-1";
    public static final String NAME = "iris-scoring";

    private DeploymentMother() {
    }

    public static ServedVersion version(int number) {
        return new ServedVersion(number, null, String.valueOf(number).repeat(64));
    }

    public static ServedVersion aliased(int number, String alias) {
        return new ServedVersion(number, alias, String.valueOf(number).repeat(64));
    }

    public static CreateDeploymentCommand create(ServedVersion version, Integer replicas) {
        return new CreateDeploymentCommand(DEPLOYMENT_ID, TENANT, NAME, "local", PROJECT_ID, MODEL_ID, version, replicas);
    }

    public static DeploymentCreatedEvent created(ServedVersion version, int replicas) {
        return new DeploymentCreatedEvent(DEPLOYMENT_ID, TENANT, NAME, "local", PROJECT_ID, MODEL_ID, version, replicas);
    }

    public static DeploymentCreatedEvent created() {
        return created(version(1), 1);
    }

    public static DeploymentCanaryStartedEvent canaryStarted(int canary, int percent) {
        return new DeploymentCanaryStartedEvent(DEPLOYMENT_ID, TENANT, MODEL_ID, version(canary), percent, 1);
    }

    /** A read-model view of a {@code kubernetes} deployment serving {@code stable}, and {@code canary} if not null. */
    public static DeploymentView kubernetesView(String id, int replicas, int stable, Integer canary, int canaryPercent) {
        List<Served> served = new ArrayList<>();
        int canaryShare = canary == null ? 0 : canaryPercent;
        served.add(new Served("stable", stable, null, version(stable).artifactSha256(), 100 - canaryShare, "PENDING",
                null, 0, null));
        if (canary != null) {
            served.add(new Served("canary", canary, null, version(canary).artifactSha256(), canaryShare, "PENDING",
                    null, 0, null));
        }
        return new DeploymentView(id, NAME, Deployment.KUBERNETES, PROJECT_ID, MODEL_ID, replicas, "PENDING",
                List.copyOf(served), "alice", 0, 0);
    }
}
