package io.cairn.run.query.search;

import io.cairn.support.TestServers;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** The search contract for the generated SQL on PostgreSQL (the cluster profile's read model). */
@EnabledIfSystemProperty(named = "cairn.test.postgres", matches = ".+")
class RunSearchSqlPostgresTest extends SqlRunSearchContract {

    @Override
    Connection connect() throws SQLException {
        return TestServers.newPostgresDatabase();
    }
}
