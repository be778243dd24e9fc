package io.cairn.dataset.query;

import io.cairn.common.error.NotFoundException;
import io.cairn.dataset.api.DatasetField;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Reads of the datasets read model; every query is scoped by tenant. */
@Component
public class DatasetReadModel {

    private static final TypeReference<List<DatasetField>> SCHEMA = new TypeReference<>() {
    };
    private static final String COLUMNS =
            "id, name, description, deprecated, deprecation_reason, latest_version, created_by, creation_time";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public DatasetReadModel(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public DatasetView get(String tenantId, String datasetId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM datasets WHERE tenant_id = ? AND id = ?")
                .params(tenantId, datasetId)
                .query((rs, n) -> dataset(rs, versions(tenantId, datasetId)))
                .optional()
                .orElseThrow(() -> new NotFoundException("Dataset", datasetId));
    }

    /** The id of the organization's dataset named {@code name}, if there is one. */
    public Optional<String> idByName(String tenantId, String name) {
        return jdbc.sql("SELECT id FROM datasets WHERE tenant_id = ? AND name = ?").params(tenantId, name)
                .query(String.class).optional();
    }

    /** The name of one of the organization's datasets. */
    public String nameOf(String tenantId, String datasetId) {
        return jdbc.sql("SELECT name FROM datasets WHERE tenant_id = ? AND id = ?").params(tenantId, datasetId)
                .query(String.class).optional().orElseThrow(() -> new NotFoundException("Dataset", datasetId));
    }

    /** One page plus one row, by name. Versions are not included in lists. */
    public List<DatasetView> list(String tenantId, long offset, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM datasets WHERE tenant_id = ? ORDER BY name, id LIMIT ? OFFSET ?")
                .params(tenantId, limit, offset)
                .query((rs, n) -> dataset(rs, null))
                .list();
    }

    public DatasetView.Version version(String tenantId, String versionId) {
        return jdbc.sql("""
                        SELECT id, dataset_id, version, uri, digest, size_bytes, schema_json, created_by, creation_time
                        FROM dataset_versions WHERE tenant_id = ? AND id = ?""")
                .params(tenantId, versionId)
                .query((rs, n) -> version(rs))
                .optional()
                .orElseThrow(() -> new NotFoundException("Dataset version", versionId));
    }

    private List<DatasetView.Version> versions(String tenantId, String datasetId) {
        return jdbc.sql("""
                        SELECT id, dataset_id, version, uri, digest, size_bytes, schema_json, created_by, creation_time
                        FROM dataset_versions WHERE tenant_id = ? AND dataset_id = ? ORDER BY version DESC""")
                .params(tenantId, datasetId)
                .query((rs, n) -> version(rs))
                .list();
    }

    private DatasetView.Version version(ResultSet rs) throws SQLException {
        String schema = rs.getString("schema_json");
        return new DatasetView.Version(rs.getString("id"), rs.getString("dataset_id"), rs.getInt("version"),
                rs.getString("uri"), rs.getString("digest"), (Long) rs.getObject("size_bytes"),
                schema == null ? List.of() : json.readValue(schema, SCHEMA), rs.getString("created_by"),
                rs.getLong("creation_time"));
    }

    private static DatasetView dataset(ResultSet rs, List<DatasetView.Version> versions) throws SQLException {
        return new DatasetView(rs.getString("id"), rs.getString("name"), rs.getString("description"),
                rs.getBoolean("deprecated"), rs.getString("deprecation_reason"), rs.getInt("latest_version"),
                rs.getString("created_by"), rs.getLong("creation_time"), versions);
    }
}
