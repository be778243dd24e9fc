package io.cairn.run.query.search;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The search contract for the generated SQL, run by H2 in PostgreSQL mode (the embedded profile's settings). */
class RunSearchSqlH2Test extends RunSearchContract {

    private static Connection connection;

    @BeforeAll
    static void populate() throws SQLException {
        connection = DriverManager.getConnection(SearchTestRuns.URL.formatted("run_search_h2_test"));
        SearchTestRuns.createTables(connection);
        for (SearchTestRuns.RunBuilder run : population()) {
            run.insert(connection);
        }
    }

    @AfterAll
    static void close() throws SQLException {
        connection.close();
    }

    @Override
    List<String> search(String tenant, List<String> projects, String filter, List<String> orderBy, int limit,
            long offset) throws SQLException {
        return SearchTestRuns.ids(connection, RunSearchSql.build(tenant, projects, filter, orderBy, limit, offset));
    }
}
