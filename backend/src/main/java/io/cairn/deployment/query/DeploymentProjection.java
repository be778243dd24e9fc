package io.cairn.deployment.query;

import io.cairn.common.messaging.MessageMetadata;
import io.cairn.deployment.api.DeploymentEvent.DeploymentCanaryPromotedEvent;
import io.cairn.deployment.api.DeploymentEvent.DeploymentCanaryRolledBackEvent;
import io.cairn.deployment.api.DeploymentEvent.DeploymentCanaryStartedEvent;
import io.cairn.deployment.api.DeploymentEvent.DeploymentCreatedEvent;
import io.cairn.deployment.api.DeploymentEvent.DeploymentDeletedEvent;
import io.cairn.deployment.api.DeploymentEvent.DeploymentScaledEvent;
import io.cairn.deployment.api.DeploymentEvent.DeploymentVersionChangedEvent;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Feeds {@code deployments}: one row per live deployment, removed when it is deleted. Rows commit in the same
 * transaction as the processor's token, so each event is applied exactly once. Every change drops the
 * deployments {@link DeploymentReadModel} keeps in memory.
 */
@Component
@ProcessingGroup("deployments")
public class DeploymentProjection {

    private static final String CLEAR_CANARY = "canary_version = NULL, canary_alias = NULL, canary_sha256 = NULL, "
            + "canary_percent = NULL";

    private final JdbcClient jdbc;
    private final DeploymentReadModel deployments;

    public DeploymentProjection(JdbcClient jdbc, DeploymentReadModel deployments) {
        this.jdbc = jdbc;
        this.deployments = deployments;
    }

    @EventHandler
    void on(DeploymentCreatedEvent event, @MetaDataValue(MessageMetadata.PRINCIPAL) String principal,
            @Timestamp Instant time) {
        jdbc.sql("""
                        INSERT INTO deployments (tenant_id, id, name, target, project_id, model_id, replicas, stable_version,
                                                 stable_alias, stable_sha256, created_by, creation_time, update_time)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(event.tenantId(), event.deploymentId(), event.name(), event.target(), event.projectId(),
                        event.modelId(), event.replicas(), event.version().version(), event.version().alias(),
                        event.version().artifactSha256(), principal == null ? "unknown" : principal,
                        time.toEpochMilli(), time.toEpochMilli())
                .update();
        deployments.forgetDeployments();
    }

    @EventHandler
    void on(DeploymentScaledEvent event, @Timestamp Instant time) {
        update(event.tenantId(), event.deploymentId(), "replicas = " + event.replicas(), time);
    }

    @EventHandler
    void on(DeploymentVersionChangedEvent event, @Timestamp Instant time) {
        jdbc.sql("UPDATE deployments SET stable_version = ?, stable_alias = ?, stable_sha256 = ?, update_time = ? "
                        + "WHERE tenant_id = ? AND id = ?")
                .params(event.version().version(), event.version().alias(), event.version().artifactSha256(),
                        time.toEpochMilli(), event.tenantId(), event.deploymentId())
                .update();
        deployments.forgetDeployments();
    }

    @EventHandler
    void on(DeploymentCanaryStartedEvent event, @Timestamp Instant time) {
        jdbc.sql("UPDATE deployments SET canary_version = ?, canary_alias = ?, canary_sha256 = ?, canary_percent = ?, "
                        + "update_time = ? WHERE tenant_id = ? AND id = ?")
                .params(event.canary().version(), event.canary().alias(), event.canary().artifactSha256(),
                        event.canaryPercent(), time.toEpochMilli(), event.tenantId(), event.deploymentId())
                .update();
        deployments.forgetDeployments();
    }

    @EventHandler
    void on(DeploymentCanaryPromotedEvent event, @Timestamp Instant time) {
        update(event.tenantId(), event.deploymentId(), "stable_version = canary_version, stable_alias = canary_alias, "
                + "stable_sha256 = canary_sha256, " + CLEAR_CANARY, time);
    }

    @EventHandler
    void on(DeploymentCanaryRolledBackEvent event, @Timestamp Instant time) {
        update(event.tenantId(), event.deploymentId(), CLEAR_CANARY, time);
    }

    @EventHandler
    void on(DeploymentDeletedEvent event) {
        jdbc.sql("DELETE FROM deployments WHERE tenant_id = ? AND id = ?")
                .params(event.tenantId(), event.deploymentId()).update();
        deployments.forgetDeployments();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM deployments").update();
        deployments.forgetDeployments();
    }

    /** {@code assignments} are built from constants and integers only, never from request text. */
    private void update(String tenantId, String deploymentId, String assignments, Instant time) {
        jdbc.sql("UPDATE deployments SET " + assignments + ", update_time = ? WHERE tenant_id = ? AND id = ?")
                .params(time.toEpochMilli(), tenantId, deploymentId).update();
        deployments.forgetDeployments();
    }
}
