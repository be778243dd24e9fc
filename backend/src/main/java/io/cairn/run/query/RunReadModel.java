package io.cairn.run.query;

import io.cairn.common.error.NotFoundException;
import io.cairn.run.api.DatasetInput;
import io.cairn.run.api.EnvironmentSpec;
import io.cairn.run.api.RunStatus;
import io.cairn.run.api.SourceSnapshot;
import io.cairn.run.query.RunView.ArtifactSummary;
import io.cairn.run.query.RunView.LatestMetric;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Reads of the runs read model; every query is scoped by tenant. */
@Component
public class RunReadModel {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public RunReadModel(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public RunView get(String tenantId, String runId) {
        List<RunView> runs = views(tenantId, List.of(runId));
        if (runs.isEmpty()) {
            throw new NotFoundException("Run", runId);
        }
        return runs.get(0);
    }

    /** The project of a run of the tenant. */
    public Optional<String> projectOf(String tenantId, String runId) {
        return jdbc.sql("SELECT project_id FROM runs WHERE tenant_id = ? AND id = ?").params(tenantId, runId)
                .query(String.class).optional();
    }

    public Optional<RunStatus> status(String tenantId, String runId) {
        return jdbc.sql("SELECT status FROM runs WHERE tenant_id = ? AND id = ?").params(tenantId, runId)
                .query(String.class).optional().map(RunStatus::valueOf);
    }

    public List<ArtifactView> artifacts(String tenantId, String runId, String prefix) {
        String like = prefix == null || prefix.isEmpty() ? "%" : escapeLike(prefix) + "%";
        return jdbc.sql("""
                        SELECT path, sha256, size_bytes, content_type, logged_time FROM run_artifacts
                        WHERE tenant_id = ? AND run_id = ? AND path LIKE ? ESCAPE '\\' ORDER BY path""")
                .params(tenantId, runId, like)
                .query((rs, n) -> new ArtifactView(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                        rs.getLong(5)))
                .list();
    }

    public Optional<ArtifactView> artifact(String tenantId, String runId, String path) {
        return jdbc.sql("""
                        SELECT path, sha256, size_bytes, content_type, logged_time FROM run_artifacts
                        WHERE tenant_id = ? AND run_id = ? AND path = ?""")
                .params(tenantId, runId, path)
                .query((rs, n) -> new ArtifactView(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                        rs.getLong(5)))
                .optional();
    }

    /**
     * Runs by id, in the order given, with their params, tags, latest metrics, inputs and artifact summary;
     * ids of no run of the tenant are left out.
     */
    public List<RunView> views(String tenantId, List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<String, Row> rows = jdbc.sql("""
                        SELECT id, project_id, name, status, created_by, start_time, end_time, source_json, environment_json
                        FROM runs WHERE tenant_id = :tenant AND id IN (:ids)""")
                .param("tenant", tenantId).param("ids", ids)
                .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getLong(6), (Long) rs.getObject(7), rs.getString(8), rs.getString(9)))
                .list().stream().collect(Collectors.toMap(Row::id, Function.identity()));
        Map<String, Map<String, String>> params = keyValues(tenantId, ids,
                "SELECT run_id, param_key, param_value FROM run_params WHERE tenant_id = :tenant AND run_id IN (:ids)");
        Map<String, Map<String, String>> tags = keyValues(tenantId, ids,
                "SELECT run_id, tag_key, tag_value FROM run_tags WHERE tenant_id = :tenant AND run_id IN (:ids)");
        Map<String, Map<String, LatestMetric>> metrics = new HashMap<>();
        jdbc.sql("""
                        SELECT run_id, metric_key, metric_value, step, ts FROM run_latest_metrics
                        WHERE tenant_id = :tenant AND run_id IN (:ids)""")
                .param("tenant", tenantId).param("ids", ids)
                .query(rs -> {
                    metrics.computeIfAbsent(rs.getString(1), k -> new TreeMap<>())
                            .put(rs.getString(2), new LatestMetric(rs.getDouble(3), rs.getLong(4), rs.getLong(5)));
                });
        Map<String, List<DatasetInput>> inputs = new HashMap<>();
        jdbc.sql("""
                        SELECT run_id, dataset_id, dataset_version_id FROM run_inputs
                        WHERE tenant_id = :tenant AND run_id IN (:ids) ORDER BY declaration_time, dataset_version_id""")
                .param("tenant", tenantId).param("ids", ids)
                .query(rs -> {
                    inputs.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(new DatasetInput(rs.getString(2), rs.getString(3)));
                });
        Map<String, ArtifactSummary> artifacts = new HashMap<>();
        jdbc.sql("""
                        SELECT run_id, COUNT(*), COALESCE(SUM(size_bytes), 0) FROM run_artifacts
                        WHERE tenant_id = :tenant AND run_id IN (:ids) GROUP BY run_id""")
                .param("tenant", tenantId).param("ids", ids)
                .query(rs -> {
                    artifacts.put(rs.getString(1), new ArtifactSummary(rs.getInt(2), rs.getLong(3)));
                });
        List<RunView> views = new ArrayList<>(ids.size());
        for (String id : ids) {
            Row row = rows.get(id);
            if (row == null) {
                continue;
            }
            views.add(new RunView(row.id(), row.projectId(), row.name(), RunStatus.valueOf(row.status()),
                    row.createdBy(), row.startTime(), row.endTime(), params.getOrDefault(id, Map.of()),
                    tags.getOrDefault(id, Map.of()), metrics.getOrDefault(id, Map.of()),
                    inputs.getOrDefault(id, List.of()), artifacts.getOrDefault(id, new ArtifactSummary(0, 0)),
                    row.sourceJson() == null ? null : json.readValue(row.sourceJson(), SourceSnapshot.class),
                    row.environmentJson() == null ? null : json.readValue(row.environmentJson(), EnvironmentSpec.class)));
        }
        return views;
    }

    private Map<String, Map<String, String>> keyValues(String tenantId, List<String> ids, String sql) {
        Map<String, Map<String, String>> result = new HashMap<>();
        jdbc.sql(sql).param("tenant", tenantId).param("ids", ids)
                .query(rs -> {
                    result.computeIfAbsent(rs.getString(1), k -> new TreeMap<>()).put(rs.getString(2), rs.getString(3));
                });
        return result;
    }

    private static String escapeLike(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private record Row(String id, String projectId, String name, String status, String createdBy, long startTime,
                       Long endTime, String sourceJson, String environmentJson) {
    }
}
