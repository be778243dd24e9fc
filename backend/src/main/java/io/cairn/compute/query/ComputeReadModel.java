package io.cairn.compute.query;

import io.cairn.common.error.NotFoundException;
import io.cairn.compute.api.TargetSettings;
import io.cairn.compute.query.ComputeViews.AgentView;
import io.cairn.compute.query.ComputeViews.AttemptView;
import io.cairn.compute.query.ComputeViews.ExecutionView;
import io.cairn.compute.query.ComputeViews.LeasedRun;
import io.cairn.compute.query.ComputeViews.TargetView;
import io.cairn.run.api.RunSpec;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Reads of the compute read model, and the agents' heartbeat times; every query is scoped by tenant. */
@Component
public class ComputeReadModel {

    private static final String TARGET_COLUMNS = "id, name, kind, settings_json, created_by, creation_time";
    private static final String AGENT_COLUMNS = """
            a.id, a.name, a.principal_id, a.kinds, a.target_ids, a.lease_ttl_seconds, a.registration_time, h.heartbeat_time
            FROM compute_agents a LEFT JOIN compute_agent_heartbeats h ON h.tenant_id = a.tenant_id AND h.agent_id = a.id""";
    private static final String EXECUTION_COLUMNS = """
            run_id, project_id, target_id, kind, status, attempt, max_attempts, agent_id, lease_expires_at, exit_code, reason,
            submission_time, spec_json""";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public ComputeReadModel(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public TargetView target(String tenantId, String targetId) {
        return jdbc.sql("SELECT " + TARGET_COLUMNS + " FROM compute_targets WHERE tenant_id = ? AND id = ? AND NOT deleted")
                .params(tenantId, targetId)
                .query((rs, n) -> target(rs))
                .optional()
                .orElseThrow(() -> new NotFoundException("Compute target", targetId));
    }

    /** One page plus one row, by name. */
    public List<TargetView> targets(String tenantId, long offset, int limit) {
        return jdbc.sql("SELECT " + TARGET_COLUMNS
                        + " FROM compute_targets WHERE tenant_id = ? AND NOT deleted ORDER BY name, id LIMIT ? OFFSET ?")
                .params(tenantId, limit, offset)
                .query((rs, n) -> target(rs))
                .list();
    }

    public Optional<AgentView> agent(String tenantId, String agentId) {
        return jdbc.sql("SELECT " + AGENT_COLUMNS + " WHERE a.tenant_id = ? AND a.id = ?")
                .params(tenantId, agentId)
                .query((rs, n) -> agent(rs))
                .optional();
    }

    public List<AgentView> agents(String tenantId, long offset, int limit) {
        return jdbc.sql("SELECT " + AGENT_COLUMNS + " WHERE a.tenant_id = ? ORDER BY a.name, a.id LIMIT ? OFFSET ?")
                .params(tenantId, limit, offset)
                .query((rs, n) -> agent(rs))
                .list();
    }

    public void heartbeat(String tenantId, String agentId, long time) {
        int updated = jdbc.sql("UPDATE compute_agent_heartbeats SET heartbeat_time = ? WHERE tenant_id = ? AND agent_id = ?")
                .params(time, tenantId, agentId).update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO compute_agent_heartbeats (tenant_id, agent_id, heartbeat_time) VALUES (?, ?, ?)")
                    .params(tenantId, agentId, time).update();
        }
    }

    /**
     * Queued runs of the agent's live targets and kinds, oldest submission first, skipping targets that already
     * run their {@code maxConcurrentRuns}.
     */
    public List<String> queued(String tenantId, AgentView agent, int limit) {
        List<String> runIds = new ArrayList<>();
        for (String targetId : agent.targetIds()) {
            Optional<TargetView> target = jdbc.sql("SELECT " + TARGET_COLUMNS
                            + " FROM compute_targets WHERE tenant_id = ? AND id = ? AND NOT deleted")
                    .params(tenantId, targetId).query((rs, n) -> target(rs)).optional();
            if (target.isEmpty() || !agent.kinds().contains(target.get().kind()) || full(tenantId, target.get())) {
                continue;
            }
            runIds.addAll(jdbc.sql("""
                            SELECT run_id FROM run_executions WHERE tenant_id = ? AND target_id = ? AND status = 'QUEUED'
                            ORDER BY submission_time, run_id LIMIT ?""")
                    .params(tenantId, targetId, limit)
                    .query(String.class).list());
        }
        return runIds;
    }

    public Optional<ExecutionView> execution(String tenantId, String runId) {
        return jdbc.sql("SELECT " + EXECUTION_COLUMNS + " FROM run_executions WHERE tenant_id = ? AND run_id = ?")
                .params(tenantId, runId)
                .query((rs, n) -> execution(rs, attempts(tenantId, runId)))
                .optional();
    }

    /** Every run an agent holds, in every tenant: the start-up lease check's work list. */
    public List<LeasedRun> leasedRuns() {
        return jdbc.sql("SELECT tenant_id, run_id FROM run_executions WHERE agent_id IS NOT NULL")
                .query((rs, n) -> new LeasedRun(rs.getString(1), rs.getString(2))).list();
    }

    /** Runs an agent holds whose lease, as far as this read model knows, ran out before {@code time}. */
    public List<LeasedRun> runsWithLeaseExpiredBefore(long time) {
        return jdbc.sql("SELECT tenant_id, run_id FROM run_executions WHERE agent_id IS NOT NULL AND lease_expires_at < ?")
                .param(time)
                .query((rs, n) -> new LeasedRun(rs.getString(1), rs.getString(2))).list();
    }

    private boolean full(String tenantId, TargetView target) {
        Integer max = target.settings() == null ? null : target.settings().maxConcurrentRuns();
        if (max == null) {
            return false;
        }
        Long running = jdbc.sql("SELECT COUNT(*) FROM run_executions WHERE tenant_id = ? AND target_id = ? AND status = 'RUNNING'")
                .params(tenantId, target.id()).query(Long.class).single();
        return running >= max;
    }

    private List<AttemptView> attempts(String tenantId, String runId) {
        return jdbc.sql("""
                        SELECT attempt, agent_id, start_time, end_time, outcome, exit_code, reason FROM run_attempts
                        WHERE tenant_id = ? AND run_id = ? ORDER BY attempt""")
                .params(tenantId, runId)
                .query((rs, n) -> new AttemptView(rs.getInt("attempt"), rs.getString("agent_id"), rs.getLong("start_time"),
                        rs.getObject("end_time", Long.class), rs.getString("outcome"),
                        rs.getObject("exit_code", Integer.class), rs.getString("reason")))
                .list();
    }

    private ExecutionView execution(ResultSet rs, List<AttemptView> attempts) throws SQLException {
        return new ExecutionView(rs.getString("run_id"), rs.getString("project_id"), rs.getString("target_id"),
                rs.getString("kind"), rs.getString("status"), rs.getInt("attempt"), rs.getInt("max_attempts"),
                rs.getString("agent_id"), rs.getObject("lease_expires_at", Long.class),
                rs.getObject("exit_code", Integer.class), rs.getString("reason"), rs.getLong("submission_time"),
                json.readValue(rs.getString("spec_json"), RunSpec.class), attempts);
    }

    private TargetView target(ResultSet rs) throws SQLException {
        String settings = rs.getString("settings_json");
        return new TargetView(rs.getString("id"), rs.getString("name"), rs.getString("kind"),
                settings == null ? TargetSettings.none() : json.readValue(settings, TargetSettings.class),
                rs.getString("created_by"), rs.getLong("creation_time"));
    }

    private static AgentView agent(ResultSet rs) throws SQLException {
        return new AgentView(rs.getString("id"), rs.getString("name"), rs.getString("principal_id"),
                split(rs.getString("kinds")), split(rs.getString("target_ids")), rs.getInt("lease_ttl_seconds"),
                rs.getLong("registration_time"), rs.getObject("heartbeat_time", Long.class));
    }

    private static List<String> split(String value) {
        return value == null || value.isEmpty() ? List.of() : Arrays.asList(value.split(","));
    }
}
