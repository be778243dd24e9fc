package io.cairn.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;

/**
 * The servers of the {@code cluster} profile's tests, named by system properties ({@code mvn -Pcluster-tests}
 * sets them; unset, tests run on embedded defaults): {@code cairn.test.postgres}, a PostgreSQL server
 * ({@code jdbc:postgresql://127.0.0.1:15432/}) on which every application gets a fresh database, with the
 * user and password of {@code CAIRN_DB_USER} / {@code CAIRN_DB_PASSWORD} (default {@code cairn}), as for
 * the application; {@code cairn.test.kafka}, Kafka's bootstrap servers; {@code cairn.test.cassandra}, a
 * Cassandra node; {@code cairn.test.elasticsearch}, Elasticsearch's URL.
 */
public final class TestServers {

    private TestServers() {
    }

    /** Whether tests run against PostgreSQL. */
    public static boolean postgres() {
        return System.getProperty("cairn.test.postgres") != null;
    }

    /** The URL of a new, empty database on the test server, or empty when tests run on H2. */
    public static Optional<String> postgresUrl() {
        String server = System.getProperty("cairn.test.postgres");
        if (server == null) {
            return Optional.empty();
        }
        String base = server.endsWith("/") ? server : server + "/";
        String name = "cairn_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection admin = DriverManager.getConnection(base + "postgres", user(), password());
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create a test database on " + server, e);
        }
        return Optional.of(base + name);
    }

    /** A connection to a new, empty database on the test server ({@link #postgresUrl()} must be set). */
    public static Connection newPostgresDatabase() throws SQLException {
        return DriverManager.getConnection(postgresUrl().orElseThrow(), user(), password());
    }

    /** Kafka's bootstrap servers when tests run on the cluster profile's servers ({@code cairn.test.kafka}). */
    public static Optional<String> kafka() {
        return Optional.ofNullable(System.getProperty("cairn.test.kafka"));
    }

    /** A Cassandra node ({@code host:port}) when tests run on the cluster profile's servers ({@code cairn.test.cassandra}). */
    public static Optional<String> cassandra() {
        return Optional.ofNullable(System.getProperty("cairn.test.cassandra"));
    }

    /** Elasticsearch's URL when tests run on the cluster profile's servers ({@code cairn.test.elasticsearch}). */
    public static Optional<String> elasticsearch() {
        return Optional.ofNullable(System.getProperty("cairn.test.elasticsearch")).filter(url -> !url.isBlank());
    }

    public static String user() {
        return System.getenv().getOrDefault("CAIRN_DB_USER", "cairn");
    }

    public static String password() {
        return System.getenv().getOrDefault("CAIRN_DB_PASSWORD", "cairn");
    }
}
