package io.cairn.run.query.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.cairn.common.error.InvalidInputException;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The SQL text and arguments; {@link RunSearchSqlH2Test} runs them. */
class RunSearchSqlTest {

    @Test
    void noFilterOrdersByStartTimeDescendingThenId() {
        SqlQuery query = RunSearchSql.build("t1", List.of("p1", "p2"), null, null, 50, 100);

        assertThat(query.sql()).isEqualTo("SELECT r.id FROM runs r WHERE r.tenant_id = ? AND r.project_id IN (?, ?)"
                + " ORDER BY r.start_time DESC, r.id LIMIT ? OFFSET ?");
        assertThat(query.args()).containsExactly("t1", "p1", "p2", 50, 100L);
    }

    @Test
    void blankFilterAndEmptyOrderByAreDefaults() {
        assertThat(RunSearchSql.build("t1", List.of("p1"), "  ", List.of(), 10, 0))
                .isEqualTo(RunSearchSql.build("t1", List.of("p1"), null, null, 10, 0));
    }

    @Test
    void keyedComparisonsAreSubqueriesAndOrderedKeysAreLeftJoined() {
        SqlQuery query = RunSearchSql.build("t1", List.of("p1"),
                "metrics.acc > 0.9 and params.lr = '0.01' and tags.team ILIKE 'Vis%' and attributes.status != 'FAILED'",
                List.of("metrics.acc DESC", "attributes.end_time"), 100, 0);

        assertThat(query.sql()).isEqualTo("SELECT r.id FROM runs r"
                + " LEFT JOIN run_latest_metrics o0 ON o0.tenant_id = r.tenant_id AND o0.run_id = r.id"
                + " AND o0.metric_key = ?"
                + " WHERE r.tenant_id = ? AND r.project_id IN (?)"
                + " AND (r.tenant_id, r.id) IN (SELECT x.tenant_id, x.run_id FROM run_latest_metrics x"
                + " WHERE x.tenant_id = ? AND x.metric_key = ? AND x.metric_value > ?)"
                + " AND (r.tenant_id, r.id) IN (SELECT x.tenant_id, x.run_id FROM run_params x"
                + " WHERE x.tenant_id = ? AND x.param_key = ? AND x.param_value = ?)"
                + " AND (r.tenant_id, r.id) IN (SELECT x.tenant_id, x.run_id FROM run_tags x"
                + " WHERE x.tenant_id = ? AND x.tag_key = ? AND LOWER(x.tag_value) LIKE LOWER(?))"
                + " AND r.status <> ?"
                + " ORDER BY CASE WHEN o0.metric_value IS NULL THEN 1 ELSE 0 END, o0.metric_value DESC,"
                + " CASE WHEN r.end_time IS NULL THEN 1 ELSE 0 END, r.end_time ASC, r.id"
                + " LIMIT ? OFFSET ?");
        assertThat(query.args()).containsExactly("acc", "t1", "p1", "t1", "acc", 0.9, "t1", "lr", "0.01",
                "t1", "team", "Vis%", "FAILED", 100, 0L);
    }

    @Test
    void everyOperatorRendersPortableSql() {
        assertThat(where("metrics.a = 1")).endsWith("x.metric_value = ?)");
        assertThat(where("metrics.a != 1")).endsWith("x.metric_value <> ?)");
        assertThat(where("metrics.a >= 1")).endsWith("x.metric_value >= ?)");
        assertThat(where("metrics.a < 1")).endsWith("x.metric_value < ?)");
        assertThat(where("metrics.a <= 1")).endsWith("x.metric_value <= ?)");
        assertThat(where("params.a LIKE 'x%'")).endsWith("x.param_value LIKE ?)");
        assertThat(where("tags.a IN ('x', 'y', 'z')")).endsWith("x.tag_value IN (?, ?, ?))");
        assertThat(where("tags.a NOT IN ('x')")).endsWith("x.tag_value NOT IN (?))");
        assertThat(where("attributes.run_name ILIKE 'x%'")).isEqualTo("LOWER(r.name) LIKE LOWER(?)");
        assertThat(where("attributes.run_id IN ('a', 'b')")).isEqualTo("r.id IN (?, ?)");
        assertThat(where("attributes.user_id = 'bob'")).isEqualTo("r.created_by = ?");
        assertThat(where("attributes.start_time >= 5")).isEqualTo("r.start_time >= ?");
        assertThat(where("attributes.project_id = 'p9'")).isEqualTo("r.project_id = ?");
    }

    /** The filter's part of the WHERE clause. */
    private static String where(String filter) {
        String sql = RunSearchSql.build("t", List.of("p"), filter, null, 1, 0).sql();
        return sql.substring(sql.indexOf("r.project_id IN (?) AND ") + 24, sql.indexOf(" ORDER BY"));
    }

    @Test
    void valuesAreBoundWithTheFieldsType() {
        assertThat(RunSearchSql.build("t", List.of("p"), "metrics.a > 1 and attributes.end_time < 2e3", null, 1, 0)
                .args()).containsExactly("t", "p", "t", "a", 1.0, 2000L, 1, 0L);
    }

    @Test
    void userTextNeverReachesTheSql() {
        String hostile = "x'); DROP TABLE runs; --";
        SqlQuery query = RunSearchSql.build("t", List.of("p"),
                "params.`" + hostile + "` = '" + hostile.replace("'", "''") + "'",
                List.of("tags.\"" + hostile + "\" DESC"), 1, 0);

        assertThat(query.sql()).doesNotContain("DROP").doesNotContain("--");
        assertThat(query.args()).containsExactly(hostile, "t", "p", "t", hostile, hostile, 1, 0L);
        assertThat(query.sql().chars().filter(c -> c == '?').count()).isEqualTo(query.args().size());
    }

    @Test
    void orderByIsLimitedToTenEntries() {
        List<String> eleven = Collections.nCopies(11, "metrics.acc");
        InvalidInputException error = catchThrowableOfType(InvalidInputException.class,
                () -> RunSearchSql.build("t", List.of("p"), null, eleven, 1, 0));

        assertThat(error.field()).isEqualTo("orderBy");
        assertThat(error).hasMessage("Invalid orderBy: at most 10 entries are allowed but there are 11");
        assertThat(RunSearchSql.build("t", List.of("p"), null, eleven.subList(0, 10), 1, 0).sql())
                .contains("LEFT JOIN run_latest_metrics o9 ");
    }

    @Test
    void orderByErrorsNameTheirEntry() {
        InvalidInputException error = catchThrowableOfType(InvalidInputException.class,
                () -> RunSearchSql.build("t", List.of("p"), null, List.of("metrics.acc", "params.lr sideways"), 1, 0));

        assertThat(error.field()).isEqualTo("orderBy[1]");
        assertThat(error).hasMessage(
                "Invalid orderBy[1] at position 11: expected ASC or DESC after 'params.lr' but found 'sideways'");
    }

    @Test
    void filterErrorsNameTheFilter() {
        InvalidInputException error = catchThrowableOfType(InvalidInputException.class,
                () -> RunSearchSql.build("t", List.of("p"), "metrics.acc > 0.9 or metrics.acc < 0.1", null, 1, 0));

        assertThat(error.field()).isEqualTo("filter");
        assertThat(error.status().value()).isEqualTo(400);
    }

    @Test
    void arbitraryInputIsEitherTranslatedOrRejectedAsInvalidInput() {
        String[] pieces = {"metrics.", "params.", "tags.", "attributes.", "acc", "status", "start_time", "`k y`",
                "\"k\"", "'v'", "'it''s'", "'a\\'b'", "'", "\"", "`", "1", "-2.5e3", ".", "=", "!=", ">=", "<", "!",
                " like ", " ILIKE ", " in ", " not ", "(", ")", ",", " and ", " or ", " ", "\\", "%", "é", "\n"};
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder filter = new StringBuilder();
            for (int n = random.nextInt(12); n >= 0; n--) {
                filter.append(pieces[random.nextInt(pieces.length)]);
            }
            try {
                SqlQuery query = RunSearchSql.build("t", List.of("p"), filter.toString(), List.of(filter.toString()), 1, 0);
                assertThat(query.sql().chars().filter(c -> c == '?').count()).isEqualTo(query.args().size());
            } catch (InvalidInputException expected) {
                assertThat(expected.getMessage()).startsWith("Invalid ");
            }
        }
    }

    @Test
    void callerMistakesAreProgrammingErrors() {
        assertThatIllegalArgumentException().isThrownBy(() -> RunSearchSql.build("t", List.of(), null, null, 1, 0));
        assertThatIllegalArgumentException().isThrownBy(() -> RunSearchSql.build("t", List.of("p"), null, null, 0, 0));
        assertThatIllegalArgumentException().isThrownBy(() -> RunSearchSql.build("t", List.of("p"), null, null, 1, -1));
    }
}
