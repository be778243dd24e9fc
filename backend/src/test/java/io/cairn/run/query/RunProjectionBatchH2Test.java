package io.cairn.run.query;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** The run projection's batching on H2 in PostgreSQL mode (the embedded profile's settings). */
class RunProjectionBatchH2Test extends RunProjectionBatchContract {

    @Override
    Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:h2:mem:run_projection_batch_test;MODE=PostgreSQL;"
                + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
    }
}
