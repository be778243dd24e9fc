package io.cairn.deployment.query;

import io.cairn.common.CairnProperties;
import io.cairn.common.cache.ReadCache;
import io.cairn.common.error.NotFoundException;
import io.cairn.deployment.query.DeploymentView.Served;
import io.cairn.registry.api.VersionServing;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads of the deployments read model; every API query is scoped by tenant. Runtime status is not here: the
 * web layer adds what the runtime of the target observes ({@code status} PENDING until it does).
 *
 * <p>{@link #get} — every scoring request's read — answers from memory for {@code cairn.read-cache-ttl};
 * {@link DeploymentProjection} drops those copies on every deployment event it applies (see {@link ReadCache}),
 * so a scale, update, canary, promotion, rollback or deletion applied by this backend is seen by the next request.
 */
@Component
public class DeploymentReadModel implements VersionServing {

    private static final String COLUMNS = "tenant_id, id, name, target, project_id, model_id, replicas, stable_version, "
            + "stable_alias, stable_sha256, canary_version, canary_alias, canary_sha256, canary_percent, created_by, "
            + "creation_time, update_time";

    /** A deployment as the supervisor sees it, across tenants. */
    public record Row(String tenantId, DeploymentView view) {
    }

    private record Key(String tenantId, String deploymentId) {
    }

    private final JdbcClient jdbc;
    private final ReadCache<Key, DeploymentView> byId;

    public DeploymentReadModel(JdbcClient jdbc) {
        this(jdbc, ReadCache.DEFAULT_TTL);
    }

    @Autowired
    public DeploymentReadModel(JdbcClient jdbc, CairnProperties cairn) {
        this(jdbc, cairn.readCacheTtl());
    }

    private DeploymentReadModel(JdbcClient jdbc, Duration ttl) {
        this.jdbc = jdbc;
        this.byId = new ReadCache<>(ttl, 10_000);
    }

    /** The tenant's live deployment; 404 for an unknown, deleted or another tenant's deployment. */
    public DeploymentView get(String tenantId, String deploymentId) {
        return byId.get(new Key(tenantId, deploymentId), key -> jdbc
                        .sql("SELECT " + COLUMNS + " FROM deployments WHERE tenant_id = ? AND id = ?")
                        .params(key.tenantId(), key.deploymentId())
                        .query((rs, n) -> view(rs))
                        .optional()
                        .orElseThrow(() -> new NotFoundException("Deployment", deploymentId)));
    }

    /** Drops the deployments kept in memory, now and when the current transaction ends. */
    public void forgetDeployments() {
        byId.invalidateAllAfterCommit();
    }

    /** The project a live deployment belongs to. */
    public Optional<String> projectOf(String tenantId, String deploymentId) {
        return jdbc.sql("SELECT project_id FROM deployments WHERE tenant_id = ? AND id = ?")
                .params(tenantId, deploymentId).query(String.class).optional();
    }

    /**
     * One page plus one row of the tenant's deployments, newest first, optionally of one project or model;
     * {@code visibleProjects} (null: all) leaves out deployments of projects the caller cannot see.
     */
    public List<DeploymentView> list(String tenantId, String projectId, String modelId, Set<String> visibleProjects,
                                     long offset, int limit) {
        Map<String, Object> params = new HashMap<>();
        params.put("tenant", tenantId);
        StringBuilder where = new StringBuilder("tenant_id = :tenant");
        if (projectId != null) {
            where.append(" AND project_id = :project");
            params.put("project", projectId);
        }
        if (modelId != null) {
            where.append(" AND model_id = :model");
            params.put("model", modelId);
        }
        // Deployments are few per organization: the visibility filter runs here rather than in SQL.
        List<DeploymentView> rows = jdbc.sql("SELECT " + COLUMNS + " FROM deployments WHERE " + where
                        + " ORDER BY creation_time DESC, id")
                .params(params)
                .query((rs, n) -> view(rs))
                .list();
        return rows.stream()
                .filter(d -> visibleProjects == null || visibleProjects.contains(d.projectId()))
                .skip(offset).limit(limit).toList();
    }

    /** Every live deployment on {@code target}, of every tenant: what the supervisor should be running. */
    public List<Row> allOn(String target) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM deployments WHERE target = ?")
                .params(target)
                .query((rs, n) -> new Row(rs.getString("tenant_id"), view(rs)))
                .list();
    }

    @Override
    public List<String> deploymentsServing(String tenantId, String modelId, int version) {
        return jdbc.sql("""
                        SELECT id FROM deployments WHERE tenant_id = ? AND model_id = ?
                        AND (stable_version = ? OR canary_version = ?) ORDER BY id""")
                .params(tenantId, modelId, version, version).query(String.class).list();
    }

    private static DeploymentView view(ResultSet rs) throws SQLException {
        List<Served> versions = new ArrayList<>(2);
        int canary = rs.getInt("canary_version");
        boolean hasCanary = !rs.wasNull();
        int canaryPercent = hasCanary ? rs.getInt("canary_percent") : 0;
        versions.add(new Served("stable", rs.getInt("stable_version"), rs.getString("stable_alias"),
                rs.getString("stable_sha256"), 100 - canaryPercent, "PENDING", null, 0, null));
        if (hasCanary) {
            versions.add(new Served("canary", canary, rs.getString("canary_alias"), rs.getString("canary_sha256"),
                    canaryPercent, "PENDING", null, 0, null));
        }
        return new DeploymentView(rs.getString("id"), rs.getString("name"), rs.getString("target"),
                rs.getString("project_id"), rs.getString("model_id"), rs.getInt("replicas"), "PENDING",
                List.copyOf(versions), rs.getString("created_by"), rs.getLong("creation_time"),
                rs.getLong("update_time"));
    }
}
