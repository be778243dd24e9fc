package io.cairn.run.query;

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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Feeds {@code runs}, {@code run_params}, {@code run_tags}, {@code run_inputs} and {@code run_artifacts}.
 * Rows commit in the same transaction as the processor's token, so each event is applied exactly once;
 * every change also notes the run in {@link RunIndexQueue} for the search index.
 */
@Component
@ProcessingGroup("runs")
public class RunProjection {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final RunIndexQueue index;

    public RunProjection(JdbcClient jdbc, JsonMapper json, RunIndexQueue index) {
        this.jdbc = jdbc;
        this.json = json;
        this.index = index;
    }

    @EventHandler
    void on(RunCreatedEvent event, @MetaDataValue(MessageMetadata.PRINCIPAL) String principal) {
        jdbc.sql("""
                        INSERT INTO runs (tenant_id, id, project_id, name, status, created_by, start_time, source_json, environment_json)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(event.tenantId(), event.runId(), event.projectId(), event.name(), event.status().name(),
                        principal == null ? "unknown" : principal, event.startTime(),
                        event.source() == null ? null : json.writeValueAsString(event.source()),
                        event.environment() == null ? null : json.writeValueAsString(event.environment()))
                .update();
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
        jdbc.sql("UPDATE runs SET status = 'RUNNING', start_time = ? WHERE tenant_id = ? AND id = ?")
                .params(startTime, tenantId, runId).update();
        index.runChanged(tenantId, runId);
    }

    @EventHandler
    void on(RunAttemptLostEvent event) {
        if (event.requeued()) {
            jdbc.sql("UPDATE runs SET status = 'QUEUED' WHERE tenant_id = ? AND id = ?")
                    .params(event.tenantId(), event.runId()).update();
            index.runChanged(event.tenantId(), event.runId());
        }
    }

    @EventHandler
    void on(RunFinishedEvent event) {
        jdbc.sql("UPDATE runs SET status = ?, end_time = ? WHERE tenant_id = ? AND id = ?")
                .params(event.status().name(), event.endTime(), event.tenantId(), event.runId()).update();
        index.runChanged(event.tenantId(), event.runId());
    }

    @EventHandler
    void on(RunRenamedEvent event) {
        jdbc.sql("UPDATE runs SET name = ? WHERE tenant_id = ? AND id = ?")
                .params(event.name(), event.tenantId(), event.runId()).update();
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
        event.params().forEach((key, value) -> jdbc.sql(
                        "INSERT INTO run_params (tenant_id, run_id, param_key, param_value) VALUES (?, ?, ?, ?)")
                .params(event.tenantId(), event.runId(), key, value).update());
        index.runChanged(event.tenantId(), event.runId());
    }

    @EventHandler
    void on(RunTaggedEvent event) {
        upsertTags(event.tenantId(), event.runId(), event.tags());
        index.runChanged(event.tenantId(), event.runId());
    }

    @EventHandler
    void on(RunTagDeletedEvent event) {
        jdbc.sql("DELETE FROM run_tags WHERE tenant_id = ? AND run_id = ? AND tag_key = ?")
                .params(event.tenantId(), event.runId(), event.key()).update();
        index.runChanged(event.tenantId(), event.runId());
    }

    @EventHandler
    void on(ArtifactLoggedEvent event, @Timestamp Instant time) {
        int updated = jdbc.sql("""
                        UPDATE run_artifacts SET sha256 = ?, size_bytes = ?, content_type = ?, logged_time = ?
                        WHERE tenant_id = ? AND run_id = ? AND path = ?""")
                .params(event.sha256(), event.size(), event.contentType(), time.toEpochMilli(), event.tenantId(),
                        event.runId(), event.path())
                .update();
        if (updated == 0) {
            jdbc.sql("""
                            INSERT INTO run_artifacts (tenant_id, run_id, path, sha256, size_bytes, content_type, logged_time)
                            VALUES (?, ?, ?, ?, ?, ?, ?)""")
                    .params(event.tenantId(), event.runId(), event.path(), event.sha256(), event.size(),
                            event.contentType(), time.toEpochMilli())
                    .update();
        }
        index.runChanged(event.tenantId(), event.runId());
    }

    @EventHandler
    void on(RunInputsDeclaredEvent event, @Timestamp Instant time) {
        for (DatasetInput input : event.inputs()) {
            jdbc.sql("""
                            INSERT INTO run_inputs (tenant_id, run_id, dataset_version_id, dataset_id, declaration_time)
                            VALUES (?, ?, ?, ?, ?)""")
                    .params(event.tenantId(), event.runId(), input.datasetVersionId(), input.datasetId(),
                            time.toEpochMilli())
                    .update();
        }
        index.runChanged(event.tenantId(), event.runId());
    }

    @ResetHandler
    void reset() {
        for (String table : new String[] {"run_inputs", "run_artifacts", "run_tags", "run_params", "runs"}) {
            jdbc.sql("DELETE FROM " + table).update();
        }
    }

    private void lifecycle(String tenantId, String runId, String stage) {
        jdbc.sql("UPDATE runs SET lifecycle_stage = ? WHERE tenant_id = ? AND id = ?").params(stage, tenantId, runId)
                .update();
        index.runChanged(tenantId, runId);
    }

    private void upsertTags(String tenantId, String runId, Map<String, String> tags) {
        tags.forEach((key, value) -> {
            int updated = jdbc.sql("UPDATE run_tags SET tag_value = ? WHERE tenant_id = ? AND run_id = ? AND tag_key = ?")
                    .params(value, tenantId, runId, key).update();
            if (updated == 0) {
                jdbc.sql("INSERT INTO run_tags (tenant_id, run_id, tag_key, tag_value) VALUES (?, ?, ?, ?)")
                        .params(tenantId, runId, key, value).update();
            }
        });
    }
}
