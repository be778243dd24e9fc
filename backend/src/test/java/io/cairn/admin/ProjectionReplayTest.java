package io.cairn.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.support.Api;
import io.cairn.support.ApiTestBase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class ProjectionReplayTest extends ApiTestBase {

    private static final Map<String, List<String>> TABLES = Map.of(
            "organizations", List.of("organizations", "org_members"),
            "access", List.of("org_groups", "org_group_members", "project_owners", "project_grants", "project_access"),
            "projects", List.of("projects", "project_tags"),
            "runs", List.of("runs", "run_params", "run_tags", "run_inputs", "run_artifacts"),
            "run-metrics", List.of("metric_chunks", "run_latest_metrics"),
            "datasets", List.of("datasets", "dataset_versions"),
            "models", List.of("registered_models", "model_versions", "model_aliases", "model_approvals"),
            "lineage", List.of("lineage_nodes", "lineage_edges"),
            "audit", List.of("audit_events"),
            "deployments", List.of("deployments"));

    @Autowired
    JdbcClient jdbc;

    /**
     * The rows of organization "default", where this test writes: other test classes sharing the application may
     * still cause events in their own organizations meanwhile (a compute lease expiring), which replay rightly adds.
     */
    private String scoped(String table) {
        boolean tenanted = jdbc.sql("SELECT COUNT(*) FROM information_schema.columns WHERE LOWER(table_name) = ? "
                + "AND LOWER(column_name) = 'tenant_id'").param(table).query(Long.class).single() > 0;
        return "SELECT * FROM " + table + (tenanted ? " WHERE tenant_id = 'default'"
                : table.equals("organizations") ? " WHERE id = 'default'" : "");
    }

    private String snapshot(String table) {
        List<Map<String, Object>> rows = jdbc.sql(scoped(table)).query().listOfRows();
        return rows.stream()
                .map(row -> new java.util.TreeMap<>(row).toString().replaceAll("\\[B@[0-9a-f]+", "<bytes>"))
                .sorted().toList().toString() + "#" + rows.size();
    }

    private String checksum(String table) {
        if (!table.equals("metric_chunks")) {
            return snapshot(table);
        }
        return jdbc.sql("SELECT tenant_id, run_id, metric_key, batch_seq, point_count, points FROM metric_chunks "
                        + "WHERE tenant_id = 'default'")
                .query((rs, n) -> rs.getString(1) + rs.getString(2) + rs.getString(3) + rs.getLong(4) + rs.getInt(5)
                        + java.util.Arrays.hashCode(rs.getBytes(6)))
                .list().stream().sorted().toList().toString();
    }

    @Test
    void replayRebuildsEveryProjectionIdentically() {
        String projectId = createProject(admin);
        Member viewer = newMember("default", "MEMBER");
        Member editor = newMember("default", "MEMBER");
        grant(admin, projectId, "users", viewer.principalId(), "VIEWER");
        grant(admin, projectId, "groups", createGroup(admin, "default", editor.principalId(), viewer.principalId()), "EDITOR");
        String runId = createRun(admin, projectId);
        admin.post("/api/v1/runs/" + runId + "/params", Map.of("params", Map.of("lr", "0.1")));
        admin.post("/api/v1/runs/" + runId + "/metrics", Map.of("points", List.of(Map.of("key", "acc", "value", 0.5, "step", 1))));
        admin.put("/api/v1/runs/" + runId + "/artifacts/a.txt", "a".getBytes());
        String datasetId = admin.post("/api/v1/datasets", Map.of("name", unique("ds"))).get("/id");
        String versionId = admin.post("/api/v1/datasets/" + datasetId + "/versions",
                Map.of("uri", "file:///a", "digest", "sha256:" + "f".repeat(64))).get("/id");
        admin.post("/api/v1/runs/" + runId + "/inputs", Map.of("datasetVersionIds", List.of(versionId)));
        String modelId = admin.post("/api/v1/models", Map.of("name", unique("model"))).get("/id");
        admin.post("/api/v1/models/" + modelId + "/versions", Map.of("runId", runId, "artifactPath", "a.txt", "flavor", "generic"));
        admin.post("/api/v1/models/" + modelId + "/versions/1/stage", Map.of("stage", "Production"));
        admin.putJson("/api/v1/models/" + modelId + "/aliases/challenger", Map.of("version", 1));
        for (int i = 0; i < 2; i++) {
            admin.post("/api/v1/models/" + modelId + "/versions", Map.of("runId", runId, "artifactPath", "a.txt",
                    "flavor", "dl4j", "signature", Map.of("inputs", List.of(Map.of("name", "x", "type", "double")))));
        }
        // 0 replicas: no model server starts
        String deploymentId = admin.post("/api/v1/deployments", Map.of("modelId", modelId, "version", 2, "replicas", 0))
                .get("/id");
        admin.putJson("/api/v1/models/" + modelId + "/aliases/candidate", Map.of("version", 3));
        admin.post("/api/v1/deployments/" + deploymentId + "/update", Map.of("alias", "candidate", "canaryPercent", 20));
        String scaled = admin.post("/api/v1/deployments/" + deploymentId + "/scale", Map.of("replicas", 0)).get("/versions/1/alias");
        assertThat(scaled).isEqualTo("candidate");
        eventually(() -> admin.get("/api/v1/runs/" + runId).json().at("/metrics/acc").isObject());
        eventually(() -> admin.get("/api/v1/lineage/model-version/" + modelId + ".v1").status() == 200);

        for (var projection : TABLES.entrySet()) {
            Map<String, String> before = new java.util.HashMap<>();
            projection.getValue().forEach(t -> before.put(t, checksum(t)));
            Api.Response replay = admin.post("/api/v1/admin/projections/" + projection.getKey() + "/replay", Map.of());
            assertThat(replay.status()).as(replay.text()).isEqualTo(202);
            eventually(() -> {
                // while "organizations" rebuilds, memberships (and so tokens) are briefly unknown: 401
                Api.Response status = admin.get("/api/v1/admin/projections/" + projection.getKey());
                return status.status() == 200 && status.get("/replaying").equals("false")
                        && status.get("/position").equals(status.get("/head"));
            });
            projection.getValue().forEach(t -> assertThat(checksum(t)).as(t).isEqualTo(before.get(t)));
        }
    }

    @Test
    void onlyPlatformAdminsMayReplay() {
        Api member = userOf("default");
        Api.Response refused = assertProblem(member.post("/api/v1/admin/projections/runs/replay", Map.of()), 403);
        assertThat(refused.get("/detail")).contains("platform administrator");
        assertProblem(member.get("/api/v1/admin/projections"), 403);
        assertProblem(admin.withToken(null).post("/api/v1/admin/projections/runs/replay", Map.of()), 401);
        assertProblem(admin.post("/api/v1/admin/projections/no-such-projection/replay", Map.of()), 404);
    }
}
