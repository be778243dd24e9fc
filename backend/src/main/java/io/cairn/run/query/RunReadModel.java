package io.cairn.run.query;

import io.cairn.common.error.NotFoundException;
import io.cairn.common.jdbc.KeyList;
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
        Map<String, Row> rows = forRuns(tenantId, ids, "runs", "id", """
                        SELECT x.id, x.project_id, x.name, x.status, x.created_by, x.start_time, x.end_time,
                               x.source_json, x.environment_json, x.lifecycle_stage""", "")
                .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getLong(6), (Long) rs.getObject(7), rs.getString(8), rs.getString(9),
                        rs.getString(10)))
                .list().stream().collect(Collectors.toMap(Row::id, Function.identity()));
        Map<String, Map<String, String>> params = keyValues(tenantId, ids, "run_params", "param_key", "param_value");
        Map<String, Map<String, String>> tags = keyValues(tenantId, ids, "run_tags", "tag_key", "tag_value");
        Map<String, Map<String, LatestMetric>> metrics = new HashMap<>();
        forRuns(tenantId, ids, "run_latest_metrics", "run_id",
                "SELECT x.run_id, x.metric_key, x.metric_value, x.step, x.ts", "")
                .query(rs -> {
                    metrics.computeIfAbsent(rs.getString(1), k -> new TreeMap<>())
                            .put(rs.getString(2), new LatestMetric(rs.getDouble(3), rs.getLong(4), rs.getLong(5)));
                });
        Map<String, List<DatasetInput>> inputs = new HashMap<>();
        forRuns(tenantId, ids, "run_inputs", "run_id", "SELECT x.run_id, x.dataset_id, x.dataset_version_id",
                " ORDER BY x.declaration_time, x.dataset_version_id")
                .query(rs -> {
                    inputs.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(new DatasetInput(rs.getString(2), rs.getString(3)));
                });
        Map<String, ArtifactSummary> artifacts = new HashMap<>();
        forRuns(tenantId, ids, "run_artifacts", "run_id", "SELECT x.run_id, COUNT(*), COALESCE(SUM(x.size_bytes), 0)",
                " GROUP BY x.run_id")
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
                    row.environmentJson() == null ? null : json.readValue(row.environmentJson(), EnvironmentSpec.class),
                    row.lifecycleStage()));
        }
        return views;
    }

    private Map<String, Map<String, String>> keyValues(String tenantId, List<String> ids, String table,
                                                       String keyColumn, String valueColumn) {
        Map<String, Map<String, String>> result = new HashMap<>();
        forRuns(tenantId, ids, table, "run_id", "SELECT x.run_id, x." + keyColumn + ", x." + valueColumn, "")
                .query(rs -> {
                    result.computeIfAbsent(rs.getString(1), k -> new TreeMap<>()).put(rs.getString(2), rs.getString(3));
                });
        return result;
    }

    /** {@code <select> FROM <ids> JOIN <table> x ON (tenant, run) <tail>}: the rows of the given runs, by key. */
    private JdbcClient.StatementSpec forRuns(String tenantId, List<String> ids, String table, String runColumn,
                                             String select, String tail) {
        return jdbc.sql(select + " FROM " + KeyList.values(ids.size(), "wanted", "id") + " JOIN " + table
                        + " x ON x.tenant_id = ? AND x." + runColumn + " = wanted.id" + tail)
                .params(KeyList.args(ids, tenantId));
    }

    private static String escapeLike(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private record Row(String id, String projectId, String name, String status, String createdBy, long startTime,
                       Long endTime, String sourceJson, String environmentJson, String lifecycleStage) {
    }
}
