package io.cairn.run.query.search;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** The search contract for the generated SQL, on a database the subclass connects to. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SqlRunSearchContract extends RunSearchContract {

    private Connection connection;

    /** A connection to an empty database; the application's migrations create the tables. */
    abstract Connection connect() throws SQLException;

    @BeforeAll
    void populate() throws SQLException {
        connection = connect();
        SearchTestRuns.createTables(connection);
        for (SearchTestRuns.RunBuilder run : population()) {
            run.insert(connection);
        }
    }

    @AfterAll
    void close() throws SQLException {
        connection.close();
    }

    @Override
    List<String> search(String tenant, List<String> projects, String filter, List<String> orderBy, int limit,
            long offset) throws SQLException {
        return SearchTestRuns.ids(connection, RunSearchSql.build(tenant, projects, filter, orderBy, limit, offset));
    }
}
