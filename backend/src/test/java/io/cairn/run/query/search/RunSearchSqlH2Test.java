package io.cairn.run.query.search;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** The search contract for the generated SQL on H2 in PostgreSQL mode (the embedded profile's settings). */
class RunSearchSqlH2Test extends SqlRunSearchContract {

    @Override
    Connection connect() throws SQLException {
        return DriverManager.getConnection(SearchTestRuns.URL.formatted("run_search_h2_test"));
    }
}
