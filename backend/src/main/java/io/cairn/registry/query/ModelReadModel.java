package io.cairn.registry.query;

import io.cairn.common.error.NotFoundException;
import io.cairn.registry.api.ModelSignature;
import io.cairn.registry.api.ModelVersionId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Reads of the registry read model; every query is scoped by tenant. */
@Component
public class ModelReadModel {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    private static final String MODEL_COLUMNS = "id, name, description, tags_json, protected_aliases_json, "
            + "latest_version, deleted, created_by, creation_time, update_time";
    private static final String VERSION_COLUMNS = "model_id, version, run_id, project_id, artifact_path, "
            + "artifact_sha256, artifact_size, flavor, signature_json, description, tags_json, stage, created_by, "
            + "creation_time, update_time";
    private static final String APPROVAL_COLUMNS = "id, model_id, version, kind, stage, archive_existing, alias, "
            + "status, requested_by, request_comment, request_time, decided_by, decision_comment, decision_time";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public ModelReadModel(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public ModelView get(String tenantId, String modelId) {
        return jdbc.sql("SELECT " + MODEL_COLUMNS + " FROM registered_models WHERE tenant_id = ? AND id = ?")
                .params(tenantId, modelId)
                .query((rs, n) -> model(rs, aliases(tenantId, modelId)))
                .optional()
                .orElseThrow(() -> new NotFoundException("Model", modelId));
    }

    /** The id of the tenant's model named exactly {@code name}, unless it is deleted. */
    public Optional<String> idByName(String tenantId, String name) {
        return jdbc.sql("SELECT id FROM registered_models WHERE tenant_id = ? AND name = ? AND NOT deleted")
                .params(tenantId, name).query(String.class).optional();
    }

    /** One page plus one row, by name. */
    public List<ModelView> list(String tenantId, boolean includeDeleted, long offset, int limit) {
        List<ModelView> models = jdbc.sql("SELECT " + MODEL_COLUMNS + " FROM registered_models WHERE tenant_id = ?"
                        + (includeDeleted ? "" : " AND NOT deleted") + " ORDER BY name, id LIMIT ? OFFSET ?")
                .params(tenantId, limit, offset)
                .query((rs, n) -> model(rs, Map.of()))
                .list();
        List<ModelView> withAliases = new ArrayList<>(models.size());
        for (ModelView m : models) {
            withAliases.add(new ModelView(m.id(), m.name(), m.description(), m.tags(), aliases(tenantId, m.id()),
                    m.protectedAliases(), m.latestVersion(), m.deleted(), m.createdBy(), m.creationTime(),
                    m.lastUpdateTime()));
        }
        return withAliases;
    }

    /** One page plus one row of a model's versions, newest first; {@code stage} (a label) filters when given. */
    public List<ModelView.Version> versions(String tenantId, String modelId, String stage, long offset, int limit) {
        get(tenantId, modelId);
        Map<Integer, List<String>> aliases = aliasesByVersion(tenantId, modelId);
        return jdbc.sql("SELECT " + VERSION_COLUMNS + " FROM model_versions WHERE tenant_id = :tenant AND model_id = :model"
                        + (stage == null ? "" : " AND stage = :filter") + " ORDER BY version DESC LIMIT :limit OFFSET :offset")
                .params(pageParams(tenantId, modelId, stage, offset, limit))
                .query((rs, n) -> version(rs, aliases))
                .list();
    }

    public ModelView.Version version(String tenantId, String modelId, int version) {
        return jdbc.sql("SELECT " + VERSION_COLUMNS + " FROM model_versions WHERE tenant_id = ? AND model_id = ? AND version = ?")
                .params(tenantId, modelId, version)
                .query((rs, n) -> version(rs, aliasesByVersion(tenantId, modelId)))
                .optional()
                .orElseThrow(() -> new NotFoundException("Model version", ModelVersionId.of(modelId, version)));
    }

    /** The version an alias points at. */
    public ModelView.Version versionByAlias(String tenantId, String modelId, String alias) {
        Integer version = aliases(tenantId, get(tenantId, modelId).id()).get(alias);
        if (version == null) {
            throw new NotFoundException("Alias", alias);
        }
        return version(tenantId, modelId, version);
    }

    /** One page plus one row of a model's approval requests, newest first; {@code status} filters when given. */
    public List<ModelView.Approval> approvals(String tenantId, String modelId, String status, long offset, int limit) {
        get(tenantId, modelId);
        return jdbc.sql("SELECT " + APPROVAL_COLUMNS + " FROM model_approvals WHERE tenant_id = :tenant AND model_id = :model"
                        + (status == null ? "" : " AND status = :filter")
                        + " ORDER BY request_time DESC, id LIMIT :limit OFFSET :offset")
                .params(pageParams(tenantId, modelId, status, offset, limit))
                .query((rs, n) -> approval(rs))
                .list();
    }

    public ModelView.Approval approval(String tenantId, String modelId, String requestId) {
        return jdbc.sql("SELECT " + APPROVAL_COLUMNS + " FROM model_approvals WHERE tenant_id = ? AND model_id = ? AND id = ?")
                .params(tenantId, modelId, requestId)
                .query((rs, n) -> approval(rs))
                .optional()
                .orElseThrow(() -> new NotFoundException("Approval request", requestId));
    }

    private static Map<String, Object> pageParams(String tenantId, String modelId, String filter, long offset, int limit) {
        Map<String, Object> params = new HashMap<>();
        params.put("tenant", tenantId);
        params.put("model", modelId);
        params.put("limit", limit);
        params.put("offset", offset);
        if (filter != null) {
            params.put("filter", filter);
        }
        return params;
    }

    private Map<String, Integer> aliases(String tenantId, String modelId) {
        Map<String, Integer> aliases = new TreeMap<>();
        jdbc.sql("SELECT alias, version FROM model_aliases WHERE tenant_id = ? AND model_id = ?")
                .params(tenantId, modelId)
                .query(rs -> {
                    aliases.put(rs.getString(1), rs.getInt(2));
                });
        return aliases;
    }

    private Map<Integer, List<String>> aliasesByVersion(String tenantId, String modelId) {
        Map<Integer, List<String>> byVersion = new HashMap<>();
        aliases(tenantId, modelId).forEach((alias, version) ->
                byVersion.computeIfAbsent(version, v -> new ArrayList<>()).add(alias));
        return byVersion;
    }

    private ModelView model(ResultSet rs, Map<String, Integer> aliases) throws SQLException {
        return new ModelView(rs.getString("id"), rs.getString("name"), rs.getString("description"),
                json.readValue(rs.getString("tags_json"), ModelProjection.TAGS), aliases,
                json.readValue(rs.getString("protected_aliases_json"), STRINGS), rs.getInt("latest_version"),
                rs.getBoolean("deleted"), rs.getString("created_by"), rs.getLong("creation_time"),
                rs.getLong("update_time"));
    }

    private ModelView.Version version(ResultSet rs, Map<Integer, List<String>> aliases) throws SQLException {
        String modelId = rs.getString("model_id");
        int version = rs.getInt("version");
        String signature = rs.getString("signature_json");
        return new ModelView.Version(ModelVersionId.of(modelId, version), modelId, version, rs.getString("run_id"),
                rs.getString("project_id"), rs.getString("artifact_path"), rs.getString("artifact_sha256"),
                rs.getLong("artifact_size"), rs.getString("flavor"),
                signature == null ? null : json.readValue(signature, ModelSignature.class), rs.getString("description"),
                json.readValue(rs.getString("tags_json"), ModelProjection.TAGS), rs.getString("stage"),
                aliases.getOrDefault(version, List.of()), rs.getString("created_by"), rs.getLong("creation_time"),
                rs.getLong("update_time"));
    }

    private static ModelView.Approval approval(ResultSet rs) throws SQLException {
        return new ModelView.Approval(rs.getString("id"), rs.getString("model_id"), rs.getInt("version"),
                rs.getString("kind"), rs.getString("stage"), rs.getBoolean("archive_existing"), rs.getString("alias"),
                rs.getString("status"), rs.getString("requested_by"), rs.getString("request_comment"),
                rs.getLong("request_time"), rs.getString("decided_by"), rs.getString("decision_comment"),
                (Long) rs.getObject("decision_time"));
    }
}
