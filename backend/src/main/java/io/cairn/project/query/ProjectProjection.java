package io.cairn.project.query;

import io.cairn.common.messaging.MessageMetadata;
import io.cairn.project.api.ProjectEvent.ProjectArchivedEvent;
import io.cairn.project.api.ProjectEvent.ProjectCreatedEvent;
import io.cairn.project.api.ProjectEvent.ProjectDescribedEvent;
import io.cairn.project.api.ProjectEvent.ProjectRenamedEvent;
import io.cairn.project.api.ProjectEvent.ProjectRestoredEvent;
import io.cairn.project.api.ProjectEvent.ProjectTaggedEvent;
import io.cairn.project.api.ProjectEvent.ProjectUntaggedEvent;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Feeds the {@code projects} and {@code project_tags} tables. Rows commit with the processor's token. */
@Component
@ProcessingGroup("projects")
public class ProjectProjection {

    private final JdbcClient jdbc;

    public ProjectProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ProjectCreatedEvent event, @MetaDataValue(MessageMetadata.PRINCIPAL) String principal,
            @Timestamp Instant time) {
        jdbc.sql("""
                        INSERT INTO projects (tenant_id, id, name, description, archived, created_by, creation_time, update_time)
                        VALUES (?, ?, ?, ?, FALSE, ?, ?, ?)""")
                .params(event.tenantId(), event.projectId(), event.name(), event.description(),
                        principal == null ? "unknown" : principal, time.toEpochMilli(), time.toEpochMilli())
                .update();
        event.tags().forEach((key, value) -> upsertTag(event.tenantId(), event.projectId(), key, value));
    }

    @EventHandler
    void on(ProjectRenamedEvent event, @Timestamp Instant time) {
        update(event.tenantId(), event.projectId(), "name = ?", event.name(), time);
    }

    @EventHandler
    void on(ProjectDescribedEvent event, @Timestamp Instant time) {
        update(event.tenantId(), event.projectId(), "description = ?", event.description(), time);
    }

    @EventHandler
    void on(ProjectArchivedEvent event, @Timestamp Instant time) {
        update(event.tenantId(), event.projectId(), "archived = ?", true, time);
    }

    @EventHandler
    void on(ProjectRestoredEvent event, @Timestamp Instant time) {
        update(event.tenantId(), event.projectId(), "archived = ?", false, time);
    }

    @EventHandler
    void on(ProjectTaggedEvent event, @Timestamp Instant time) {
        event.tags().forEach((key, value) -> upsertTag(event.tenantId(), event.projectId(), key, value));
        touch(event.tenantId(), event.projectId(), time);
    }

    @EventHandler
    void on(ProjectUntaggedEvent event, @Timestamp Instant time) {
        for (String key : event.keys()) {
            jdbc.sql("DELETE FROM project_tags WHERE tenant_id = ? AND project_id = ? AND tag_key = ?")
                    .params(event.tenantId(), event.projectId(), key).update();
        }
        touch(event.tenantId(), event.projectId(), time);
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM project_tags").update();
        jdbc.sql("DELETE FROM projects").update();
    }

    private void update(String tenantId, String projectId, String assignment, Object value, Instant time) {
        jdbc.sql("UPDATE projects SET " + assignment + ", update_time = ? WHERE tenant_id = ? AND id = ?")
                .params(value, time.toEpochMilli(), tenantId, projectId).update();
    }

    private void touch(String tenantId, String projectId, Instant time) {
        jdbc.sql("UPDATE projects SET update_time = ? WHERE tenant_id = ? AND id = ?")
                .params(time.toEpochMilli(), tenantId, projectId).update();
    }

    private void upsertTag(String tenantId, String projectId, String key, String value) {
        int updated = jdbc.sql("UPDATE project_tags SET tag_value = ? WHERE tenant_id = ? AND project_id = ? AND tag_key = ?")
                .params(value, tenantId, projectId, key).update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO project_tags (tenant_id, project_id, tag_key, tag_value) VALUES (?, ?, ?, ?)")
                    .params(tenantId, projectId, key, value).update();
        }
    }
}
