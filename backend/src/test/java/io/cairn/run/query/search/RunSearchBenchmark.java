package io.cairn.run.query.search;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * Manual experiment, not a test (surefire skips it; nothing is asserted): loads 100,000 runs into the searched
 * project (5 params, 3 tags, about 4 metrics each), 20,000 into another project of the same tenant and 5,000
 * into another tenant, then times typical searches built by {@link RunSearchSql} next to the same SQL with
 * the metric/param/tag subqueries rewritten as plain {@code r.id IN (...)} and as correlated {@code EXISTS}.
 *
 * <p>Run from {@code backend/} after {@code mvn test-compile}:
 * <pre>
 * java -cp target/classes:target/test-classes:$(cat cp.txt) io.cairn.run.query.search.RunSearchBenchmark [jdbcUrl]
 * </pre>
 * where {@code cp.txt} comes from {@code mvn dependency:build-classpath -Dmdep.outputFile=cp.txt}. The
 * default URL is a file-less H2 in the embedded profile's mode; a PostgreSQL URL works too (the four tables
 * are dropped and recreated).
 */
public final class RunSearchBenchmark {

    private static final int RUNS = 100_000;
    private static final int WARMUP = 5;
    private static final int REPETITIONS = 21;
    /** The start of a metric/param/tag subquery as {@link SqlRenderer} writes it; group 1 is the table. */
    private static final String SUBQUERY =
            "\\(r\\.tenant_id, r\\.id\\) IN \\(SELECT x\\.tenant_id, x\\.run_id FROM (\\w+) x WHERE x\\.tenant_id = \\?";

    private RunSearchBenchmark() {
    }

    /** One search to time: filter and order, run with a different offset each time. */
    private record Search(String filter, List<String> orderBy) {
    }

    public static void main(String[] args) throws SQLException {
        String url = args.length > 0 ? args[0] : SearchTestRuns.URL.formatted("run_search_benchmark");
        try (Connection connection = DriverManager.getConnection(url)) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("DROP TABLE IF EXISTS runs, run_params, run_tags, run_latest_metrics");
            }
            SearchTestRuns.createTables(connection);
            long start = System.nanoTime();
            populate(connection, "t1", "p1", RUNS, 1);
            populate(connection, "t1", "p2", RUNS / 5, 2);
            populate(connection, "t2", "p1", RUNS / 20, 3);
            try (Statement statement = connection.createStatement()) {
                statement.execute("ANALYZE");
            }
            System.out.printf("loaded %,d + %,d + %,d runs in %.1f s%n", RUNS, RUNS / 5, RUNS / 20,
                    (System.nanoTime() - start) / 1e9);

            List<Search> searches = List.of(
                    new Search("metrics.acc > 0.9 and params.lr = '0.01'", List.of("metrics.acc DESC")),
                    new Search("tags.team = 'team-7'", List.of()),
                    new Search(null, List.of()),
                    new Search("params.optimizer = 'adam'", List.of("metrics.loss ASC")),
                    new Search("attributes.status = 'FAILED' and metrics.loss < 0.5", List.of()),
                    new Search("metrics.loss < 0.5 and attributes.status = 'FAILED'", List.of()),
                    new Search("params.model ILIKE 'MODEL-1%'", List.of()),
                    new Search("attributes.status = 'FAILED'", List.of("params.lr DESC")));
            System.out.printf("%-60s %-20s %-20s %s%n", "median / p95 of " + REPETITIONS + " runs, limit 100",
                    "row IN (used)", "plain IN", "EXISTS");
            for (Search search : searches) {
                String label = (search.filter() == null ? "no filter" : search.filter())
                        + (search.orderBy().isEmpty() ? "" : " by " + search.orderBy().get(0));
                SqlQuery firstPage = RunSearchSql.build("t1", List.of("p1"), search.filter(), search.orderBy(), 100, 0);
                List<String> expected = SearchTestRuns.ids(connection, firstPage);
                if (!SearchTestRuns.ids(connection, asPlainIn(firstPage)).equals(expected)
                        || !SearchTestRuns.ids(connection, asExists(firstPage)).equals(expected)) {
                    throw new IllegalStateException("the shapes disagree on " + label);
                }
                System.out.printf("%-60s %-20s %-20s %s%n", label, time(connection, search, query -> query),
                        time(connection, search, RunSearchBenchmark::asPlainIn),
                        time(connection, search, RunSearchBenchmark::asExists));
            }
        }
    }

    /** "median / p95 ms" over {@link #REPETITIONS} runs, after {@link #WARMUP} unmeasured ones. */
    private static String time(Connection connection, Search search, UnaryOperator<SqlQuery> shape)
            throws SQLException {
        long[] nanos = new long[REPETITIONS];
        for (int i = -WARMUP; i < REPETITIONS; i++) {
            // A different offset every time: H2 would otherwise return its cached result for a repeated query.
            SqlQuery query = shape.apply(RunSearchSql.build("t1", List.of("p1"), search.filter(), search.orderBy(),
                    100, i + WARMUP));
            long began = System.nanoTime();
            SearchTestRuns.ids(connection, query);
            if (i >= 0) {
                nanos[i] = System.nanoTime() - began;
            }
        }
        Arrays.sort(nanos);
        return String.format("%6.1f / %6.1f ms", nanos[REPETITIONS / 2] / 1e6,
                nanos[(int) Math.ceil(REPETITIONS * 0.95) - 1] / 1e6);
    }

    /** The same query with {@code r.id IN (SELECT x.run_id ...)} subqueries. */
    private static SqlQuery asPlainIn(SqlQuery query) {
        return new SqlQuery(query.sql().replaceAll(SUBQUERY, "r.id IN (SELECT x.run_id FROM $1 x WHERE x.tenant_id = ?"),
                query.args());
    }

    /** The same query with correlated {@code EXISTS (SELECT 1 ... x.run_id = r.id)} subqueries. */
    private static SqlQuery asExists(SqlQuery query) {
        return new SqlQuery(query.sql().replaceAll(SUBQUERY,
                "EXISTS (SELECT 1 FROM $1 x WHERE x.tenant_id = ? AND x.run_id = r.id"), query.args());
    }

    private static void populate(Connection connection, String tenant, String project, int count, long seed)
            throws SQLException {
        Random random = new Random(seed);
        String[] learningRates = {"0.1", "0.01", "0.001", "0.0001"};
        String[] optimizers = {"adam", "sgd", "rmsprop"};
        String[] statuses = {"FINISHED", "FINISHED", "FINISHED", "FAILED", "RUNNING", "KILLED"};
        String[] environments = {"dev", "staging", "prod"};
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (PreparedStatement runs = connection.prepareStatement("INSERT INTO runs (tenant_id, id, project_id,"
                + " name, status, created_by, start_time, end_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement params = connection.prepareStatement("INSERT INTO run_params VALUES (?, ?, ?, ?)");
             PreparedStatement tags = connection.prepareStatement("INSERT INTO run_tags VALUES (?, ?, ?, ?)");
             PreparedStatement metrics = connection.prepareStatement(
                     "INSERT INTO run_latest_metrics VALUES (?, ?, ?, ?, 100, ?)")) {
            for (int i = 0; i < count; i++) {
                String id = String.format("%016x%08x%08x", random.nextLong(), seed, i);
                long startTime = 1_700_000_000_000L + i * 1_000L + random.nextInt(1_000);
                runs.setString(1, tenant);
                runs.setString(2, id);
                runs.setString(3, project);
                runs.setString(4, "run-" + i);
                runs.setString(5, statuses[random.nextInt(statuses.length)]);
                runs.setString(6, "user-" + i % 100);
                runs.setLong(7, startTime);
                runs.setObject(8, random.nextInt(10) == 0 ? null : startTime + 60_000);
                runs.addBatch();
                addPair(params, tenant, id, "lr", learningRates[random.nextInt(learningRates.length)]);
                addPair(params, tenant, id, "batch_size", String.valueOf(16 << random.nextInt(4)));
                addPair(params, tenant, id, "optimizer", optimizers[random.nextInt(optimizers.length)]);
                addPair(params, tenant, id, "epochs", String.valueOf(1 + random.nextInt(100)));
                addPair(params, tenant, id, "model", "model-" + random.nextInt(50));
                addPair(tags, tenant, id, "env", environments[random.nextInt(environments.length)]);
                addPair(tags, tenant, id, "team", "team-" + random.nextInt(20));
                addPair(tags, tenant, id, "mlflow.user", "user-" + i % 100);
                for (String key : List.of("acc", "loss", "f1", "val_acc")) {
                    if (key.equals("acc") && random.nextInt(20) == 0) {
                        continue; // some runs never logged acc
                    }
                    metrics.setString(1, tenant);
                    metrics.setString(2, id);
                    metrics.setString(3, key);
                    metrics.setDouble(4, random.nextDouble());
                    metrics.setLong(5, startTime);
                    metrics.addBatch();
                }
                if (i % 1_000 == 999 || i == count - 1) {
                    runs.executeBatch();
                    params.executeBatch();
                    tags.executeBatch();
                    metrics.executeBatch();
                }
            }
        }
        connection.commit();
        connection.setAutoCommit(autoCommit);
    }

    private static void addPair(PreparedStatement statement, String tenant, String runId, String key, String value)
            throws SQLException {
        statement.setString(1, tenant);
        statement.setString(2, runId);
        statement.setString(3, key);
        statement.setString(4, value);
        statement.addBatch();
    }
}
