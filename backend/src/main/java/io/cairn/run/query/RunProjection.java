package io.cairn.run.query;

import io.cairn.common.jdbc.BatchedStatements;
import io.cairn.common.messaging.MessageMetadata;
import io.cairn.run.api.DatasetInput;
import io.cairn.run.api.RunEvent.ArtifactLoggedEvent;
import io.cairn.run.api.RunEvent.ParamsLoggedEvent;
import io.cairn.run.api.RunEvent.RunAttemptLostEvent;
import io.cairn.run.api.RunEvent.RunAttemptStartedEvent;
import io.cairn.run.api.RunEvent.RunCreatedEvent;
import io.cairn.run.api.RunEvent.RunDeletedEvent;
import io.cairn.run.api.RunEvent.RunFinishedEvent;
import io.cairn.run.api.RunEvent.RunInputsDeclaredEvent;
import io.cairn.run.api.RunEvent.RunRenamedEvent;
import io.cairn.run.api.RunEvent.RunRestoredEvent;
import io.cairn.run.api.RunEvent.RunStartedEvent;
import io.cairn.run.api.RunEvent.RunTagDeletedEvent;
import io.cairn.run.api.RunEvent.RunTaggedEvent;
import java.time.Instant;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Feeds {@code runs}, {@code run_params}, {@code run_tags}, {@code run_inputs} and {@code run_artifacts}.
 * Its statements are queued in {@link BatchedStatements} and run in JDBC batches when the processor's batch
 * commits, in the same transaction as the processor's token, so each event is applied exactly once; every change
 * also notes the run in {@link RunIndexQueue} for the search index (queued the same way). No statement depends on
 * another's update count: tags and artifacts are upserted by one {@code MERGE} each (H2 and PostgreSQL 15+).
 */
@Component
@ProcessingGroup("runs")
public class RunProjection {

    // typed sources, so that PostgreSQL knows the parameters' types (untyped, a VALUES column is text); no lengths,
    // so a value too long for its column is refused by the column, never cut short by the cast
    private static final String UPSERT_TAG = """
            MERGE INTO run_tags t
            USING (VALUES (CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR),
                           CAST(? AS VARCHAR))) AS s (tenant_id, run_id, tag_key, tag_value)
            ON t.tenant_id = s.tenant_id AND t.run_id = s.run_id AND t.tag_key = s.tag_key
            WHEN MATCHED THEN UPDATE SET tag_value = s.tag_value
            WHEN NOT MATCHED THEN INSERT (tenant_id, run_id, tag_key, tag_value)
                VALUES (s.tenant_id, s.run_id, s.tag_key, s.tag_value)""";

    private static final String UPSERT_ARTIFACT = """
            MERGE INTO run_artifacts t
            USING (VALUES (CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR),
                           CAST(? AS VARCHAR), CAST(? AS BIGINT), CAST(? AS VARCHAR), CAST(? AS BIGINT)))
                AS s (tenant_id, run_id, path, sha256, size_bytes, content_type, logged_time)
            ON t.tenant_id = s.tenant_id AND t.run_id = s.run_id AND t.path = s.path
            WHEN MATCHED THEN UPDATE SET sha256 = s.sha256, size_bytes = s.size_bytes, content_type = s.content_type,
                logged_time = s.logged_time
            WHEN NOT MATCHED THEN INSERT (tenant_id, run_id, path, sha256, size_bytes, content_type, logged_time)
                VALUES (s.tenant_id, s.run_id, s.path, s.sha256, s.size_bytes, s.content_type, s.logged_time)""";

    private final BatchedStatements statements;
    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final RunIndexQueue index;

    public RunProjection(BatchedStatements statements, JdbcTemplate jdbc, JsonMapper json, RunIndexQueue index) {
        this.statements = statements;
        this.jdbc = jdbc;
        this.json = json;
        this.index = index;
    }

    @EventHandler
    void on(RunCreatedEvent event, @MetaDataValue(MessageMetadata.PRINCIPAL) String principal) {
        statements.update("""
                        INSERT INTO runs (tenant_id, id, project_id, name, status, created_by, start_time, source_json, environment_json)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                event.tenantId(), event.runId(), event.projectId(), event.name(), event.status().name(),
                principal == null ? "unknown" : principal, event.startTime(),
                event.source() == null ? null : json.writeValueAsString(event.source()),
                event.environment() == null ? null : json.writeValueAsString(event.environment()));
        upsertTags(event.tenantId(), event.runId(), event.tags());
        index.runChanged(event.tenantId(), event.runId());
    }

    @EventHandler
    void on(RunStartedEvent event) {
        started(event.tenantId(), event.runId(), event.startTime());
    }

    /** A compute agent leased the run: it runs from now on (again, after a lost attempt). */
    @EventHandler
    void on(RunAttemptStartedEvent event) {
        started(event.tenantId(), event.runId(), event.startTime());
    }

    private void started(String tenantId, String runId, long startTime) {
        statements.update("UPDATE runs SET status = 'RUNNING', start_time = ? WHERE tenant_id = ? AND id = ?",
                startTime, tenantId, runId);
        index.runChanged(tenantId, runId);
    }

    @EventHandler
    void on(RunAttemptLostEvent event) {
        if (event.requeued()) {
            statements.update("UPDATE runs SET status = 'QUEUED' WHERE tenant_id = ? AND id = ?",
                    event.tenantId(), event.runId());
            index.runChanged(event.tenantId(), event.runId());
        }
    }

    @EventHandler
    void on(RunFinishedEvent event) {
        statements.update("UPDATE runs SET status = ?, end_time = ? WHERE tenant_id = ? AND id = ?",
                event.status().name(), event.endTime(), event.tenantId(), event.runId());
        index.runChanged(event.tenantId(), event.runId());
    }

    @EventHandler
    void on(RunRenamedEvent event) {
        statements.update("UPDATE runs SET name = ? WHERE tenant_id = ? AND id = ?",
                event.name(), event.tenantId(), event.runId());
        index.runChanged(event.tenantId(), event.runId());
    }

    @EventHandler
    void on(RunDeletedEvent event) {
        lifecycle(event.tenantId(), event.runId(), RunView.DELETED);
    }

    @EventHandler
    void on(RunRestoredEvent event) {
        lifecycle(event.tenantId(), event.runId(), RunView.ACTIVE);
    }

    @EventHandler
    void on(ParamsLoggedEvent event) {
        event.params().forEach((key, value) -> statements.update(
                "INSERT INTO run_params (tenant_id, run_id, param_key, param_value) VALUES (?, ?, ?, ?)",
                event.tenantId(), event.runId(), key, value));
        index.runChanged(event.tenantId(), event.runId());
    }

    @EventHandler
    void on(RunTaggedEvent event) {
        upsertTags(event.tenantId(), event.runId(), event.tags());
        index.runChanged(event.tenantId(), event.runId());
    }

    @EventHandler
    void on(RunTagDeletedEvent event) {
        statements.update("DELETE FROM run_tags WHERE tenant_id = ? AND run_id = ? AND tag_key = ?",
                event.tenantId(), event.runId(), event.key());
        index.runChanged(event.tenantId(), event.runId());
    }

    @EventHandler
    void on(ArtifactLoggedEvent event, @Timestamp Instant time) {
        statements.update(UPSERT_ARTIFACT, event.tenantId(), event.runId(), event.path(), event.sha256(), event.size(),
                event.contentType(), time.toEpochMilli());
        index.runChanged(event.tenantId(), event.runId());
    }

    @EventHandler
    void on(RunInputsDeclaredEvent event, @Timestamp Instant time) {
        for (DatasetInput input : event.inputs()) {
            statements.update("""
                            INSERT INTO run_inputs (tenant_id, run_id, dataset_version_id, dataset_id, declaration_time)
                            VALUES (?, ?, ?, ?, ?)""",
                    event.tenantId(), event.runId(), input.datasetVersionId(), input.datasetId(), time.toEpochMilli());
        }
        index.runChanged(event.tenantId(), event.runId());
    }

    @ResetHandler
    void reset() {
        for (String table : new String[] {"run_inputs", "run_artifacts", "run_tags", "run_params", "runs"}) {
            jdbc.update("DELETE FROM " + table);
        }
    }

    private void lifecycle(String tenantId, String runId, String stage) {
        statements.update("UPDATE runs SET lifecycle_stage = ? WHERE tenant_id = ? AND id = ?", stage, tenantId, runId);
        index.runChanged(tenantId, runId);
    }

    private void upsertTags(String tenantId, String runId, Map<String, String> tags) {
        tags.forEach((key, value) -> statements.update(UPSERT_TAG, tenantId, runId, key, value));
    }
}
