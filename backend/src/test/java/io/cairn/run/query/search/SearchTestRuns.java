package io.cairn.run.query.search;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Test-data factory for run search: the schema (from the application's Flyway migrations), a fluent run
 * builder, and a runner for {@link SqlQuery}s.
 */
final class SearchTestRuns {

    static final String URL = "jdbc:h2:mem:%s;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

    private SearchTestRuns() {
    }

    /** Creates the application's schema, run search tables and indexes included, by its own migrations. */
    static void createTables(Connection connection) {
        Flyway.configure()
                .dataSource(new SingleConnectionDataSource(connection, true))
                .locations("classpath:db/migration")
                .load()
                .migrate();
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

        /** The run as the Lucene index sees it. */
        RunDocument.Values values() {
            return new RunDocument.Values(tenantId, id, projectId, name, status, createdBy, startTime, endTime,
                    params, tags, metrics, "active");
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
