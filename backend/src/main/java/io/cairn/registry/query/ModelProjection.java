package io.cairn.registry.query;

import io.cairn.common.messaging.MessageMetadata;
import io.cairn.registry.api.RegisteredModelEvent.ModelAliasRemovedEvent;
import io.cairn.registry.api.RegisteredModelEvent.ModelAliasSetEvent;
import io.cairn.registry.api.RegisteredModelEvent.ModelChangeApprovalRequestedEvent;
import io.cairn.registry.api.RegisteredModelEvent.ModelChangeApprovedEvent;
import io.cairn.registry.api.RegisteredModelEvent.ModelChangeRejectedEvent;
import io.cairn.registry.api.RegisteredModelEvent.ModelVersionCreatedEvent;
import io.cairn.registry.api.RegisteredModelEvent.ModelVersionDeletedEvent;
import io.cairn.registry.api.RegisteredModelEvent.ModelVersionDescribedEvent;
import io.cairn.registry.api.RegisteredModelEvent.ModelVersionTaggedEvent;
import io.cairn.registry.api.RegisteredModelEvent.ModelVersionUntaggedEvent;
import io.cairn.registry.api.RegisteredModelEvent.ModelVersionStageChangedEvent;
import io.cairn.registry.api.RegisteredModelEvent.ProtectedAliasesChangedEvent;
import io.cairn.registry.api.RegisteredModelEvent.RegisteredModelCreatedEvent;
import io.cairn.registry.api.RegisteredModelEvent.RegisteredModelDeletedEvent;
import io.cairn.registry.api.RegisteredModelEvent.RegisteredModelDescribedEvent;
import io.cairn.registry.api.RegisteredModelEvent.RegisteredModelRenamedEvent;
import io.cairn.registry.api.RegisteredModelEvent.RegisteredModelTaggedEvent;
import io.cairn.registry.api.RegisteredModelEvent.RegisteredModelUntaggedEvent;
import io.cairn.registry.api.ModelStage;
import java.time.Instant;
import java.util.TreeMap;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Feeds {@code registered_models}, {@code model_versions}, {@code model_aliases} and {@code model_approvals}.
 * Rows commit in the same transaction as the processor's token, so each event is applied exactly once.
 */
@Component
@ProcessingGroup("models")
public class ModelProjection {

    static final TypeReference<TreeMap<String, String>> TAGS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public ModelProjection(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @EventHandler
    void on(RegisteredModelCreatedEvent event, @MetaDataValue(MessageMetadata.PRINCIPAL) String principal,
            @Timestamp Instant time) {
        jdbc.sql("""
                        INSERT INTO registered_models (tenant_id, id, name, description, tags_json, protected_aliases_json,
                                                       deleted, latest_version, created_by, creation_time, update_time)
                        VALUES (?, ?, ?, ?, ?, ?, FALSE, 0, ?, ?, ?)""")
                .params(event.tenantId(), event.modelId(), event.name(), event.description(),
                        json.writeValueAsString(new TreeMap<>(event.tags())),
                        json.writeValueAsString(event.protectedAliases()), principal == null ? "unknown" : principal,
                        time.toEpochMilli(), time.toEpochMilli())
                .update();
    }

    @EventHandler
    void on(RegisteredModelRenamedEvent event, @Timestamp Instant time) {
        updateModel(event.tenantId(), event.modelId(), "name = ?", event.name(), time);
    }

    @EventHandler
    void on(RegisteredModelDescribedEvent event, @Timestamp Instant time) {
        updateModel(event.tenantId(), event.modelId(), "description = ?", event.description(), time);
    }

    @EventHandler
    void on(RegisteredModelTaggedEvent event, @Timestamp Instant time) {
        TreeMap<String, String> tags = modelTags(event.tenantId(), event.modelId());
        tags.putAll(event.tags());
        updateModel(event.tenantId(), event.modelId(), "tags_json = ?", json.writeValueAsString(tags), time);
    }

    @EventHandler
    void on(RegisteredModelUntaggedEvent event, @Timestamp Instant time) {
        TreeMap<String, String> tags = modelTags(event.tenantId(), event.modelId());
        tags.remove(event.key());
        updateModel(event.tenantId(), event.modelId(), "tags_json = ?", json.writeValueAsString(tags), time);
    }

    @EventHandler
    void on(RegisteredModelDeletedEvent event, @Timestamp Instant time) {
        updateModel(event.tenantId(), event.modelId(), "deleted = ?", true, time);
    }

    @EventHandler
    void on(ProtectedAliasesChangedEvent event, @Timestamp Instant time) {
        updateModel(event.tenantId(), event.modelId(), "protected_aliases_json = ?",
                json.writeValueAsString(event.aliases()), time);
    }

    @EventHandler
    void on(ModelVersionCreatedEvent event, @MetaDataValue(MessageMetadata.PRINCIPAL) String principal,
            @Timestamp Instant time) {
        jdbc.sql("""
                        INSERT INTO model_versions (tenant_id, model_id, version, run_id, project_id, artifact_path,
                                                    artifact_sha256, artifact_size, flavor, signature_json, description,
                                                    tags_json, stage, created_by, creation_time, update_time)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(event.tenantId(), event.modelId(), event.version(), event.runId(), event.projectId(),
                        event.artifactPath(), event.artifactSha256(), event.artifactSize(), event.flavor().label(),
                        event.signature() == null ? null : json.writeValueAsString(event.signature()),
                        event.description(), json.writeValueAsString(new TreeMap<>(event.tags())),
                        ModelStage.NONE.label(), principal == null ? "unknown" : principal, time.toEpochMilli(),
                        time.toEpochMilli())
                .update();
        updateModel(event.tenantId(), event.modelId(), "latest_version = ?", event.version(), time);
    }

    @EventHandler
    void on(ModelVersionTaggedEvent event, @Timestamp Instant time) {
        TreeMap<String, String> tags = versionTags(event.tenantId(), event.modelId(), event.version());
        tags.putAll(event.tags());
        updateVersion(event.tenantId(), event.modelId(), event.version(), "tags_json = ?", json.writeValueAsString(tags),
                time);
    }

    @EventHandler
    void on(ModelVersionUntaggedEvent event, @Timestamp Instant time) {
        TreeMap<String, String> tags = versionTags(event.tenantId(), event.modelId(), event.version());
        tags.remove(event.key());
        updateVersion(event.tenantId(), event.modelId(), event.version(), "tags_json = ?", json.writeValueAsString(tags),
                time);
    }

    @EventHandler
    void on(ModelVersionDescribedEvent event, @Timestamp Instant time) {
        updateVersion(event.tenantId(), event.modelId(), event.version(), "description = ?", event.description(), time);
    }

    @EventHandler
    void on(ModelVersionStageChangedEvent event, @Timestamp Instant time) {
        jdbc.sql("UPDATE model_versions SET stage = ?, update_time = ? WHERE tenant_id = ? AND model_id = ? AND version = ?")
                .params(event.toStage().label(), time.toEpochMilli(), event.tenantId(), event.modelId(), event.version())
                .update();
        touchModel(event.tenantId(), event.modelId(), time);
    }

    @EventHandler
    void on(ModelAliasSetEvent event, @Timestamp Instant time) {
        deleteAlias(event.tenantId(), event.modelId(), event.alias());
        jdbc.sql("INSERT INTO model_aliases (tenant_id, model_id, alias, version, set_time) VALUES (?, ?, ?, ?, ?)")
                .params(event.tenantId(), event.modelId(), event.alias(), event.version(), time.toEpochMilli())
                .update();
        touchModel(event.tenantId(), event.modelId(), time);
    }

    @EventHandler
    void on(ModelAliasRemovedEvent event, @Timestamp Instant time) {
        deleteAlias(event.tenantId(), event.modelId(), event.alias());
        touchModel(event.tenantId(), event.modelId(), time);
    }

    @EventHandler
    void on(ModelVersionDeletedEvent event, @Timestamp Instant time) {
        jdbc.sql("DELETE FROM model_versions WHERE tenant_id = ? AND model_id = ? AND version = ?")
                .params(event.tenantId(), event.modelId(), event.version()).update();
        for (String requestId : event.withdrawnRequests()) {
            decide(event.tenantId(), event.modelId(), requestId, "WITHDRAWN", null, "version deleted", time);
        }
        touchModel(event.tenantId(), event.modelId(), time);
    }

    @EventHandler
    void on(ModelChangeApprovalRequestedEvent event, @Timestamp Instant time) {
        jdbc.sql("""
                        INSERT INTO model_approvals (tenant_id, model_id, id, version, kind, stage, archive_existing, alias,
                                                     status, requested_by, request_comment, request_time)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?, ?)""")
                .params(event.tenantId(), event.modelId(), event.requestId(), event.version(), event.kind().name(),
                        event.stage() == null ? null : event.stage().label(), event.archiveExistingVersions(),
                        event.alias(), event.requestedBy(), event.comment(), time.toEpochMilli())
                .update();
    }

    @EventHandler
    void on(ModelChangeApprovedEvent event, @Timestamp Instant time) {
        decide(event.tenantId(), event.modelId(), event.requestId(), "APPROVED", event.approvedBy(), event.comment(), time);
    }

    @EventHandler
    void on(ModelChangeRejectedEvent event, @Timestamp Instant time) {
        decide(event.tenantId(), event.modelId(), event.requestId(), "REJECTED", event.rejectedBy(), event.comment(), time);
    }

    @ResetHandler
    void reset() {
        for (String table : new String[] {"model_approvals", "model_aliases", "model_versions", "registered_models"}) {
            jdbc.sql("DELETE FROM " + table).update();
        }
    }

    private TreeMap<String, String> modelTags(String tenantId, String modelId) {
        String tags = jdbc.sql("SELECT tags_json FROM registered_models WHERE tenant_id = ? AND id = ?")
                .params(tenantId, modelId).query(String.class).single();
        return json.readValue(tags, TAGS);
    }

    private TreeMap<String, String> versionTags(String tenantId, String modelId, int version) {
        String tags = jdbc.sql("SELECT tags_json FROM model_versions WHERE tenant_id = ? AND model_id = ? AND version = ?")
                .params(tenantId, modelId, version).query(String.class).single();
        return json.readValue(tags, TAGS);
    }

    private void updateVersion(String tenantId, String modelId, int version, String assignment, Object value,
                               Instant time) {
        jdbc.sql("UPDATE model_versions SET " + assignment + ", update_time = ? WHERE tenant_id = ? AND model_id = ? "
                        + "AND version = ?")
                .params(value, time.toEpochMilli(), tenantId, modelId, version).update();
        touchModel(tenantId, modelId, time);
    }

    private void updateModel(String tenantId, String modelId, String assignment, Object value, Instant time) {
        jdbc.sql("UPDATE registered_models SET " + assignment + ", update_time = ? WHERE tenant_id = ? AND id = ?")
                .params(value, time.toEpochMilli(), tenantId, modelId).update();
    }

    private void touchModel(String tenantId, String modelId, Instant time) {
        jdbc.sql("UPDATE registered_models SET update_time = ? WHERE tenant_id = ? AND id = ?")
                .params(time.toEpochMilli(), tenantId, modelId).update();
    }

    private void deleteAlias(String tenantId, String modelId, String alias) {
        jdbc.sql("DELETE FROM model_aliases WHERE tenant_id = ? AND model_id = ? AND alias = ?")
                .params(tenantId, modelId, alias).update();
    }

    private void decide(String tenantId, String modelId, String requestId, String status, String decidedBy,
                        String comment, Instant time) {
        jdbc.sql("""
                        UPDATE model_approvals SET status = ?, decided_by = ?, decision_comment = ?, decision_time = ?
                        WHERE tenant_id = ? AND model_id = ? AND id = ?""")
                .params(status, decidedBy, comment, time.toEpochMilli(), tenantId, modelId, requestId)
                .update();
    }
}
