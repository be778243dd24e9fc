package io.cairn.common.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatementGroupsTest {

    private static final String INSERT_RUN = "INSERT INTO runs (id) VALUES (?)";
    private static final String UPDATE_RUN = "UPDATE runs SET status = ? WHERE id = ?";
    private static final String UPSERT_TAG = "MERGE INTO run_tags t USING (VALUES (?)) AS s (k) ON t.k = s.k";
    private static final String DELETE_TAG = "DELETE FROM run_tags WHERE k = ?";
    private static final String NOTE = "INSERT INTO run_index_queue (run_id) VALUES (?)";

    /** Each group as "sql-name:args,args". */
    private static List<String> describe(StatementGroups groups) {
        return groups.groups().stream()
                .map(group -> name(group.sql()) + ":" + String.join(",",
                        group.rows().stream().map(row -> String.join("/", Arrays.stream(row).map(String::valueOf)
                                .toList())).toList()))
                .toList();
    }

    private static String name(String sql) {
        return sql.equals(INSERT_RUN) ? "insertRun" : sql.equals(UPDATE_RUN) ? "updateRun"
                : sql.equals(UPSERT_TAG) ? "upsertTag" : sql.equals(DELETE_TAG) ? "deleteTag" : "note";
    }

    @Test
    void statementsOfTheSameSqlAreBatchedAcrossStatementsOnOtherTables() {
        StatementGroups groups = new StatementGroups();
        for (String run : List.of("r1", "r2", "r3")) {
            groups.add(INSERT_RUN, run);
            groups.add(UPSERT_TAG, run + "-tag");
            groups.add(NOTE, run);
        }

        assertThat(describe(groups)).containsExactly("insertRun:r1,r2,r3", "upsertTag:r1-tag,r2-tag,r3-tag",
                "note:r1,r2,r3");
        assertThat(groups.size()).isEqualTo(9);
    }

    @Test
    void aStatementOnATableTouchedByALaterGroupStartsANewGroup() {
        StatementGroups groups = new StatementGroups();
        groups.add(INSERT_RUN, "r1");
        groups.add(UPDATE_RUN, "RUNNING", "r1");
        // runs is touched by the update after the first insert: this insert may not move before the update
        groups.add(INSERT_RUN, "r2");
        groups.add(UPDATE_RUN, "RUNNING", "r2");

        assertThat(describe(groups)).containsExactly("insertRun:r1", "updateRun:RUNNING/r1", "insertRun:r2",
                "updateRun:RUNNING/r2");
    }

    @Test
    void theStatementsOnEachTableKeepTheirOrder() {
        StatementGroups groups = new StatementGroups();
        groups.add(UPSERT_TAG, "a");
        groups.add(INSERT_RUN, "r1");
        groups.add(DELETE_TAG, "a");
        groups.add(NOTE, "r1");
        groups.add(UPSERT_TAG, "a");
        groups.add(INSERT_RUN, "r2");
        groups.add(NOTE, "r2");

        // the second upsert of "a" must follow its delete; the second insert into runs may join the first
        assertThat(describe(groups)).containsExactly("upsertTag:a", "insertRun:r1,r2", "deleteTag:a", "note:r1,r2",
                "upsertTag:a");
        List<String> tagOrder = groups.groups().stream().filter(group -> group.table().equals("run_tags"))
                .map(group -> name(group.sql())).toList();
        assertThat(tagOrder).containsExactly("upsertTag", "deleteTag", "upsertTag");
    }

    @Test
    void theTableIsTakenFromTheStatement() {
        assertThat(StatementGroups.table("  insert into Runs (id) values (?)")).isEqualTo("runs");
        assertThat(StatementGroups.table("UPDATE runs SET x = 1")).isEqualTo("runs");
        assertThat(StatementGroups.table("DELETE FROM run_tags WHERE k = ?")).isEqualTo("run_tags");
        assertThat(StatementGroups.table("MERGE INTO run_artifacts t USING (VALUES (?)) AS s (p) ON t.p = s.p"))
                .isEqualTo("run_artifacts");
        assertThat(StatementGroups.table("""
                INSERT INTO audit_events (tenant_id) SELECT ? FROM domainevententry""")).isEqualTo("audit_events");
        assertThatThrownBy(() -> StatementGroups.table("SELECT 1 FROM runs"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
