package io.cairn.run.query;

import io.cairn.support.TestServers;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** The run projection's batching on PostgreSQL (the cluster profile's read model). */
@EnabledIfSystemProperty(named = "cairn.test.postgres", matches = ".+")
class RunProjectionBatchPostgresTest extends RunProjectionBatchContract {

    @Override
    Connection connect() throws SQLException {
        return TestServers.newPostgresDatabase();
    }
}
