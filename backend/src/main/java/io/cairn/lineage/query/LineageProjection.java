package io.cairn.lineage.query;

import io.cairn.common.messaging.MessageMetadata;
import io.cairn.dataset.api.DatasetEvent.DatasetVersionAddedEvent;
import io.cairn.deployment.api.DeploymentEvent.DeploymentCanaryStartedEvent;
import io.cairn.deployment.api.DeploymentEvent.DeploymentCreatedEvent;
import io.cairn.deployment.api.DeploymentEvent.DeploymentVersionChangedEvent;
import io.cairn.registry.api.ModelVersionId;
import io.cairn.registry.api.RegisteredModelEvent.ModelVersionCreatedEvent;
import io.cairn.registry.api.RegisteredModelEvent.ModelVersionDeletedEvent;
import io.cairn.run.api.DatasetInput;
import io.cairn.run.api.RunEvent.ArtifactLoggedEvent;
import io.cairn.run.api.RunEvent.RunCreatedEvent;
import io.cairn.run.api.RunEvent.RunInputsDeclaredEvent;
import io.cairn.run.api.SourceSnapshot;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds the lineage graph from run, dataset and registry events: nodes (dataset versions, source snapshots,
 * runs, artifacts, model versions) and edges pointing downstream: a dataset version or source snapshot was
 * {@code consumed} by a run, a run {@code produced} an artifact, a model version was {@code registered-from}
 * an artifact, a model version was {@code deployed-as} a deployment (when it was deployed, updated to, or started
 * as a canary). Every node and edge keeps the id, actor and time of the event that created it.
 */
@Component
@ProcessingGroup("lineage")
public class LineageProjection {

    public static final String CONSUMED = "consumed";
    public static final String PRODUCED = "produced";
    public static final String REGISTERED_FROM = "registered-from";
    public static final String DEPLOYED_AS = "deployed-as";

    private static final TypeReference<Map<String, Object>> PROPERTIES = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public LineageProjection(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * A source snapshot's id: a digest of what identifies the code (repository, commit, dirty flag, archive
     * digest), so runs of the same code meet at one node.
     */
    public static String snapshotId(SourceSnapshot source) {
        String canonical = String.join("\n", String.valueOf(source.gitRepo()), String.valueOf(source.gitCommit()),
                String.valueOf(source.dirty()), String.valueOf(source.archiveDigest()));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return "src-" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An artifact node is one content at one path of one run: a later upload to the same path is another node. */
    public static String artifactId(String runId, String path, String sha256) {
        return runId + "/" + path + "@sha256:" + sha256;
    }

    @EventHandler
    void on(DatasetVersionAddedEvent event, EventMessage<?> message) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("datasetId", event.datasetId());
        properties.put("version", event.version());
        properties.put("uri", event.uri());
        properties.put("digest", event.digest());
        node(event.tenantId(), LineageKind.DATASET_VERSION, event.datasetVersionId(), properties, message);
    }

    @EventHandler
    void on(RunCreatedEvent event, EventMessage<?> message) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("projectId", event.projectId());
        properties.put("name", event.name());
        node(event.tenantId(), LineageKind.RUN, event.runId(), properties, message);
        SourceSnapshot source = event.source();
        if (source != null) {
            String snapshot = snapshotId(source);
            Map<String, Object> code = new LinkedHashMap<>();
            code.put("gitRepo", source.gitRepo());
            code.put("gitCommit", source.gitCommit());
            code.put("dirty", source.dirty());
            code.put("archiveDigest", source.archiveDigest());
            node(event.tenantId(), LineageKind.SOURCE_SNAPSHOT, snapshot, code, message);
            edge(event.tenantId(), LineageKind.SOURCE_SNAPSHOT.key(snapshot), LineageKind.RUN.key(event.runId()),
                    CONSUMED, message);
        }
    }

    @EventHandler
    void on(RunInputsDeclaredEvent event, EventMessage<?> message) {
        for (DatasetInput input : event.inputs()) {
            edge(event.tenantId(), LineageKind.DATASET_VERSION.key(input.datasetVersionId()),
                    LineageKind.RUN.key(event.runId()), CONSUMED, message);
        }
    }

    @EventHandler
    void on(ArtifactLoggedEvent event, EventMessage<?> message) {
        String artifact = artifactId(event.runId(), event.path(), event.sha256());
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("runId", event.runId());
        properties.put("path", event.path());
        properties.put("sha256", event.sha256());
        properties.put("size", event.size());
        node(event.tenantId(), LineageKind.ARTIFACT, artifact, properties, message);
        edge(event.tenantId(), LineageKind.RUN.key(event.runId()), LineageKind.ARTIFACT.key(artifact), PRODUCED, message);
    }

    @EventHandler
    void on(ModelVersionCreatedEvent event, EventMessage<?> message) {
        String version = ModelVersionId.of(event.modelId(), event.version());
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("modelId", event.modelId());
        properties.put("version", event.version());
        properties.put("flavor", event.flavor().label());
        properties.put("artifactSha256", event.artifactSha256());
        node(event.tenantId(), LineageKind.MODEL_VERSION, version, properties, message);
        edge(event.tenantId(), LineageKind.ARTIFACT.key(artifactId(event.runId(), event.artifactPath(),
                event.artifactSha256())), LineageKind.MODEL_VERSION.key(version), REGISTERED_FROM, message);
    }

    /** A deleted version stays in the graph (its history is what an auditor traces), marked as deleted. */
    @EventHandler
    void on(ModelVersionDeletedEvent event, EventMessage<?> message) {
        String key = LineageKind.MODEL_VERSION.key(ModelVersionId.of(event.modelId(), event.version()));
        jdbc.sql("SELECT properties_json FROM lineage_nodes WHERE tenant_id = ? AND node_key = ?")
                .params(event.tenantId(), key).query(String.class).optional().ifPresent(stored -> {
                    Map<String, Object> properties = new LinkedHashMap<>(json.readValue(stored, PROPERTIES));
                    properties.put("deleted", true);
                    properties.put("deletedBy", actor(message));
                    properties.put("deletionTime", message.getTimestamp().toEpochMilli());
                    jdbc.sql("UPDATE lineage_nodes SET properties_json = ? WHERE tenant_id = ? AND node_key = ?")
                            .params(json.writeValueAsString(properties), event.tenantId(), key).update();
                });
    }

    @EventHandler
    void on(DeploymentCreatedEvent event, EventMessage<?> message) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("name", event.name());
        properties.put("target", event.target());
        properties.put("modelId", event.modelId());
        node(event.tenantId(), LineageKind.DEPLOYMENT, event.deploymentId(), properties, message);
        deployedAs(event.tenantId(), event.modelId(), event.version().version(), event.deploymentId(), message);
    }

    @EventHandler
    void on(DeploymentVersionChangedEvent event, EventMessage<?> message) {
        deployedAs(event.tenantId(), event.modelId(), event.version().version(), event.deploymentId(), message);
    }

    @EventHandler
    void on(DeploymentCanaryStartedEvent event, EventMessage<?> message) {
        deployedAs(event.tenantId(), event.modelId(), event.canary().version(), event.deploymentId(), message);
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM lineage_edges").update();
        jdbc.sql("DELETE FROM lineage_nodes").update();
    }

    private void deployedAs(String tenantId, String modelId, int version, String deploymentId,
                            EventMessage<?> message) {
        edge(tenantId, LineageKind.MODEL_VERSION.key(ModelVersionId.of(modelId, version)),
                LineageKind.DEPLOYMENT.key(deploymentId), DEPLOYED_AS, message);
    }

    /** Adds a node unless it exists (a snapshot shared by runs, an artifact uploaded twice with equal content). */
    private void node(String tenantId, LineageKind kind, String id, Map<String, Object> properties,
                      EventMessage<?> message) {
        String key = kind.key(id);
        boolean exists = jdbc.sql("SELECT COUNT(*) FROM lineage_nodes WHERE tenant_id = ? AND node_key = ?")
                .params(tenantId, key).query(Integer.class).single() > 0;
        if (!exists) {
            jdbc.sql("""
                            INSERT INTO lineage_nodes (tenant_id, node_key, kind, id, properties_json, event_id, actor, event_time)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(tenantId, key, kind.label(), id, json.writeValueAsString(properties),
                            message.getIdentifier(), actor(message), message.getTimestamp().toEpochMilli())
                    .update();
        }
    }

    /** Adds an edge unless the same relation between the same nodes exists; the first event stays its origin. */
    private void edge(String tenantId, String fromKey, String toKey, String relation, EventMessage<?> message) {
        boolean exists = jdbc.sql("""
                        SELECT COUNT(*) FROM lineage_edges
                        WHERE tenant_id = ? AND from_key = ? AND to_key = ? AND relation = ?""")
                .params(tenantId, fromKey, toKey, relation).query(Integer.class).single() > 0;
        if (!exists) {
            jdbc.sql("""
                            INSERT INTO lineage_edges (tenant_id, from_key, to_key, relation, event_id, actor, event_time)
                            VALUES (?, ?, ?, ?, ?, ?, ?)""")
                    .params(tenantId, fromKey, toKey, relation, message.getIdentifier(), actor(message),
                            message.getTimestamp().toEpochMilli())
                    .update();
        }
    }

    private static String actor(EventMessage<?> message) {
        Object principal = message.getMetaData().get(MessageMetadata.PRINCIPAL);
        return principal == null ? null : principal.toString();
    }
}
