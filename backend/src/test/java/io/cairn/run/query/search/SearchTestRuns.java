package io.cairn.run.query.search;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test-data factory for run search: the four search tables (the DDL of V1__event_store_and_read_models.sql),
 * a fluent run builder, and a runner for {@link SqlQuery}s.
 */
final class SearchTestRuns {

    static final String URL = "jdbc:h2:mem:%s;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

    static final List<String> DDL = List.of("""
            CREATE TABLE runs (
                tenant_id        VARCHAR(64)  NOT NULL,
                id               VARCHAR(64)  NOT NULL,
                project_id       VARCHAR(64)  NOT NULL,
                name             VARCHAR(256) NOT NULL,
                status           VARCHAR(16)  NOT NULL,
                created_by       VARCHAR(64)  NOT NULL,
                start_time       BIGINT       NOT NULL,
                end_time         BIGINT,
                source_json      VARCHAR(20000),
                environment_json VARCHAR(100000),
                PRIMARY KEY (tenant_id, id)
            )""",
            "CREATE INDEX runs_by_project ON runs (tenant_id, project_id, start_time)",
            """
            CREATE TABLE run_params (
                tenant_id   VARCHAR(64)   NOT NULL,
                run_id      VARCHAR(64)   NOT NULL,
                param_key   VARCHAR(250)  NOT NULL,
                param_value VARCHAR(6000) NOT NULL,
                PRIMARY KEY (tenant_id, run_id, param_key)
            )""",
            "CREATE INDEX run_params_by_key ON run_params (tenant_id, param_key, param_value)",
            """
            CREATE TABLE run_tags (
                tenant_id VARCHAR(64)   NOT NULL,
                run_id    VARCHAR(64)   NOT NULL,
                tag_key   VARCHAR(250)  NOT NULL,
                tag_value VARCHAR(8000) NOT NULL,
                PRIMARY KEY (tenant_id, run_id, tag_key)
            )""",
            "CREATE INDEX run_tags_by_key ON run_tags (tenant_id, tag_key)",
            """
            CREATE TABLE run_latest_metrics (
                tenant_id    VARCHAR(64)      NOT NULL,
                run_id       VARCHAR(64)      NOT NULL,
                metric_key   VARCHAR(250)     NOT NULL,
                metric_value DOUBLE PRECISION NOT NULL,
                step         BIGINT           NOT NULL,
                ts           BIGINT           NOT NULL,
                PRIMARY KEY (tenant_id, run_id, metric_key)
            )""",
            "CREATE INDEX run_latest_metrics_by_key ON run_latest_metrics (tenant_id, metric_key, metric_value)");

    private SearchTestRuns() {
    }

    static void createTables(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String ddl : DDL) {
                statement.execute(ddl);
            }
        }
    }

    /** A run of tenant {@code t1}, project {@code p1}, FINISHED, by alice, named after its id. */
    static RunBuilder run(String id) {
        return new RunBuilder(id);
    }

    /** Runs {@code query} and returns the ids it selects, in order. */
    static List<String> ids(Connection connection, SqlQuery query) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query.sql())) {
            for (int i = 0; i < query.args().size(); i++) {
                statement.setObject(i + 1, query.args().get(i));
            }
            List<String> ids = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
            return ids;
        }
    }

    static final class RunBuilder {

        private final String id;
        private String tenantId = "t1";
        private String projectId = "p1";
        private String name;
        private String status = "FINISHED";
        private String createdBy = "alice";
        private long startTime = 1_000;
        private Long endTime;
        private final Map<String, String> params = new LinkedHashMap<>();
        private final Map<String, String> tags = new LinkedHashMap<>();
        private final Map<String, Double> metrics = new LinkedHashMap<>();

        private RunBuilder(String id) {
            this.id = id;
            this.name = id;
        }

        RunBuilder tenant(String tenantId) {
            this.tenantId = tenantId;
            return this;
        }

        RunBuilder project(String projectId) {
            this.projectId = projectId;
            return this;
        }

        RunBuilder name(String name) {
            this.name = name;
            return this;
        }

        RunBuilder status(String status) {
            this.status = status;
            return this;
        }

        RunBuilder createdBy(String createdBy) {
            this.createdBy = createdBy;
            return this;
        }

        /** Start and end time in ms; a null end means the run has not ended. */
        RunBuilder times(long startTime, Long endTime) {
            this.startTime = startTime;
            this.endTime = endTime;
            return this;
        }

        RunBuilder param(String key, String value) {
            params.put(key, value);
            return this;
        }

        RunBuilder tag(String key, String value) {
            tags.put(key, value);
            return this;
        }

        RunBuilder metric(String key, double value) {
            metrics.put(key, value);
            return this;
        }

        void insert(Connection connection) throws SQLException {
            try (PreparedStatement run = connection.prepareStatement("INSERT INTO runs (tenant_id, id, project_id,"
                    + " name, status, created_by, start_time, end_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                run.setString(1, tenantId);
                run.setString(2, id);
                run.setString(3, projectId);
                run.setString(4, name);
                run.setString(5, status);
                run.setString(6, createdBy);
                run.setLong(7, startTime);
                run.setObject(8, endTime);
                run.executeUpdate();
            }
            insertPairs(connection, "INSERT INTO run_params VALUES (?, ?, ?, ?)", params);
            insertPairs(connection, "INSERT INTO run_tags VALUES (?, ?, ?, ?)", tags);
            try (PreparedStatement metric = connection.prepareStatement(
                    "INSERT INTO run_latest_metrics VALUES (?, ?, ?, ?, 0, ?)")) {
                for (Map.Entry<String, Double> entry : metrics.entrySet()) {
                    metric.setString(1, tenantId);
                    metric.setString(2, id);
                    metric.setString(3, entry.getKey());
                    metric.setDouble(4, entry.getValue());
                    metric.setLong(5, startTime);
                    metric.executeUpdate();
                }
            }
        }

        private void insertPairs(Connection connection, String sql, Map<String, String> pairs) throws SQLException {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (Map.Entry<String, String> entry : pairs.entrySet()) {
                    statement.setString(1, tenantId);
                    statement.setString(2, id);
                    statement.setString(3, entry.getKey());
                    statement.setString(4, entry.getValue());
                    statement.executeUpdate();
                }
            }
        }
    }
}
