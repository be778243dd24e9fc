package io.cairn.compute.query;

import io.cairn.common.messaging.MessageMetadata;
import io.cairn.compute.api.ComputeAgentEvent.AgentRegisteredEvent;
import io.cairn.compute.api.ComputeTargetEvent.ComputeTargetCreatedEvent;
import io.cairn.compute.api.ComputeTargetEvent.ComputeTargetDeletedEvent;
import io.cairn.compute.api.ComputeTargetEvent.ComputeTargetUpdatedEvent;
import io.cairn.run.api.RunEvent.RunAttemptEndedEvent;
import io.cairn.run.api.RunEvent.RunAttemptLostEvent;
import io.cairn.run.api.RunEvent.RunAttemptStartedEvent;
import io.cairn.run.api.RunEvent.RunFinishedEvent;
import io.cairn.run.api.RunEvent.RunLeaseExtendedEvent;
import io.cairn.run.api.RunEvent.RunSubmittedEvent;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Feeds {@code compute_targets}, {@code compute_agents}, {@code run_executions} and {@code run_attempts}. */
@Component
@ProcessingGroup("compute")
public class ComputeProjection {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public ComputeProjection(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @EventHandler
    void on(ComputeTargetCreatedEvent event, @MetaDataValue(MessageMetadata.PRINCIPAL) String principal,
            @Timestamp Instant time) {
        jdbc.sql("""
                        INSERT INTO compute_targets (tenant_id, id, name, kind, settings_json, deleted, created_by, creation_time)
                        VALUES (?, ?, ?, ?, ?, FALSE, ?, ?)""")
                .params(event.tenantId(), event.targetId(), event.name(), event.kind(),
                        json.writeValueAsString(event.settings()), principal == null ? "unknown" : principal,
                        time.toEpochMilli())
                .update();
    }

    @EventHandler
    void on(ComputeTargetUpdatedEvent event) {
        jdbc.sql("UPDATE compute_targets SET name = ? WHERE tenant_id = ? AND id = ?")
                .params(event.name(), event.tenantId(), event.targetId()).update();
        if (event.settings() != null) {
            jdbc.sql("UPDATE compute_targets SET settings_json = ? WHERE tenant_id = ? AND id = ?")
                    .params(json.writeValueAsString(event.settings()), event.tenantId(), event.targetId()).update();
        }
    }

    @EventHandler
    void on(ComputeTargetDeletedEvent event) {
        jdbc.sql("UPDATE compute_targets SET deleted = TRUE WHERE tenant_id = ? AND id = ?")
                .params(event.tenantId(), event.targetId()).update();
    }

    @EventHandler
    void on(AgentRegisteredEvent event, @Timestamp Instant time) {
        jdbc.sql("DELETE FROM compute_agents WHERE tenant_id = ? AND id = ?")
                .params(event.tenantId(), event.agentId()).update();
        jdbc.sql("""
                        INSERT INTO compute_agents (tenant_id, id, principal_id, name, kinds, target_ids, lease_ttl_seconds,
                                                    registration_time)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(event.tenantId(), event.agentId(), event.principalId(), event.name(),
                        String.join(",", event.kinds()), String.join(",", event.targetIds()), event.leaseTtlSeconds(),
                        time.toEpochMilli())
                .update();
    }

    @EventHandler
    void on(RunSubmittedEvent event, @Timestamp Instant time) {
        jdbc.sql("""
                        INSERT INTO run_executions (tenant_id, run_id, project_id, target_id, kind, spec_json, status, attempt,
                                                    max_attempts, submission_time)
                        VALUES (?, ?, ?, ?, ?, ?, 'QUEUED', 0, ?, ?)""")
                .params(event.tenantId(), event.runId(), event.projectId(), event.targetId(), event.spec().kind(),
                        json.writeValueAsString(event.spec()), event.maxAttempts(), time.toEpochMilli())
                .update();
    }

    @EventHandler
    void on(RunAttemptStartedEvent event) {
        jdbc.sql("""
                        UPDATE run_executions SET status = 'RUNNING', attempt = ?, agent_id = ?, lease_expires_at = ?
                        WHERE tenant_id = ? AND run_id = ?""")
                .params(event.attempt(), event.agentId(), event.leaseExpiresAt(), event.tenantId(), event.runId())
                .update();
        jdbc.sql("""
                        INSERT INTO run_attempts (tenant_id, run_id, attempt, agent_id, start_time, outcome)
                        VALUES (?, ?, ?, ?, ?, 'RUNNING')""")
                .params(event.tenantId(), event.runId(), event.attempt(), event.agentId(), event.startTime())
                .update();
    }

    @EventHandler
    void on(RunLeaseExtendedEvent event) {
        jdbc.sql("UPDATE run_executions SET lease_expires_at = ? WHERE tenant_id = ? AND run_id = ? AND attempt = ?")
                .params(event.leaseExpiresAt(), event.tenantId(), event.runId(), event.attempt()).update();
    }

    @EventHandler
    void on(RunAttemptLostEvent event, @Timestamp Instant time) {
        endAttempt(event.tenantId(), event.runId(), event.attempt(), time, "LOST", null, event.reason());
        jdbc.sql("""
                        UPDATE run_executions SET status = ?, agent_id = NULL, lease_expires_at = NULL, reason = ?
                        WHERE tenant_id = ? AND run_id = ?""")
                .params(event.requeued() ? "QUEUED" : "FAILED", event.reason(), event.tenantId(), event.runId())
                .update();
    }

    @EventHandler
    void on(RunAttemptEndedEvent event, @Timestamp Instant time) {
        endAttempt(event.tenantId(), event.runId(), event.attempt(), time, event.status().name(), event.exitCode(),
                event.reason());
        jdbc.sql("UPDATE run_executions SET exit_code = ?, reason = ? WHERE tenant_id = ? AND run_id = ?")
                .params(event.exitCode(), event.reason(), event.tenantId(), event.runId()).update();
    }

    /** Any end of a submitted run, including a kill through the run API while an agent holds it. */
    @EventHandler
    void on(RunFinishedEvent event, @Timestamp Instant time) {
        jdbc.sql("""
                        UPDATE run_attempts SET end_time = ?, outcome = ?
                        WHERE tenant_id = ? AND run_id = ? AND outcome = 'RUNNING'""")
                .params(time.toEpochMilli(), event.status().name(), event.tenantId(), event.runId()).update();
        jdbc.sql("""
                        UPDATE run_executions SET status = ?, agent_id = NULL, lease_expires_at = NULL
                        WHERE tenant_id = ? AND run_id = ?""")
                .params(event.status().name(), event.tenantId(), event.runId()).update();
    }

    @ResetHandler
    void reset() {
        for (String table : new String[] {"run_attempts", "run_executions", "compute_agents", "compute_targets"}) {
            jdbc.sql("DELETE FROM " + table).update();
        }
    }

    private void endAttempt(String tenantId, String runId, int attempt, Instant time, String outcome, Integer exitCode,
                            String reason) {
        jdbc.sql("""
                        UPDATE run_attempts SET end_time = ?, outcome = ?, exit_code = ?, reason = ?
                        WHERE tenant_id = ? AND run_id = ? AND attempt = ?""")
                .params(time.toEpochMilli(), outcome, exitCode, reason, tenantId, runId, attempt).update();
    }
}
