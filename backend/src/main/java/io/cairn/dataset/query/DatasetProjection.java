package io.cairn.dataset.query;

import io.cairn.common.messaging.MessageMetadata;
import io.cairn.dataset.api.DatasetEvent.DatasetDeprecatedEvent;
import io.cairn.dataset.api.DatasetEvent.DatasetRegisteredEvent;
import io.cairn.dataset.api.DatasetEvent.DatasetVersionAddedEvent;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Feeds {@code datasets} and {@code dataset_versions}. */
@Component
@ProcessingGroup("datasets")
public class DatasetProjection {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public DatasetProjection(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @EventHandler
    void on(DatasetRegisteredEvent event, @MetaDataValue(MessageMetadata.PRINCIPAL) String principal,
            @Timestamp Instant time) {
        jdbc.sql("""
                        INSERT INTO datasets (tenant_id, id, name, description, deprecated, latest_version, created_by, creation_time)
                        VALUES (?, ?, ?, ?, FALSE, 0, ?, ?)""")
                .params(event.tenantId(), event.datasetId(), event.name(), event.description(),
                        principal == null ? "unknown" : principal, time.toEpochMilli())
                .update();
    }

    @EventHandler
    void on(DatasetVersionAddedEvent event, @MetaDataValue(MessageMetadata.PRINCIPAL) String principal,
            @Timestamp Instant time) {
        jdbc.sql("""
                        INSERT INTO dataset_versions (tenant_id, id, dataset_id, version, uri, digest, size_bytes, schema_json,
                                                      created_by, creation_time)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(event.tenantId(), event.datasetVersionId(), event.datasetId(), event.version(), event.uri(),
                        event.digest(), event.size(), json.writeValueAsString(event.schema()),
                        principal == null ? "unknown" : principal, time.toEpochMilli())
                .update();
        jdbc.sql("UPDATE datasets SET latest_version = ? WHERE tenant_id = ? AND id = ?")
                .params(event.version(), event.tenantId(), event.datasetId()).update();
    }

    @EventHandler
    void on(DatasetDeprecatedEvent event) {
        jdbc.sql("UPDATE datasets SET deprecated = TRUE, deprecation_reason = ? WHERE tenant_id = ? AND id = ?")
                .params(event.reason(), event.tenantId(), event.datasetId()).update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM dataset_versions").update();
        jdbc.sql("DELETE FROM datasets").update();
    }
}
