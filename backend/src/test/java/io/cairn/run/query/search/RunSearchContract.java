package io.cairn.run.query.search;

import static io.cairn.run.query.search.SearchTestRuns.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.run.query.search.SearchTestRuns.RunBuilder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What a run search answers, whatever engine runs it ({@link RunSearchSqlH2Test}, {@link RunSearchLuceneTest}),
 * over a small population: tenant t1 with projects p1, p2, p3 and tenant t2, which reuses run id r1 and
 * project id p1.
 */
abstract class RunSearchContract {

    static final List<String> P1_P2 = List.of("p1", "p2");

    static List<RunBuilder> population() {
        return List.of(
                run("r1").name("alpha").times(1000, 2000L)
                        .param("lr", "0.01").param("optimizer", "adam").param("batch size", "32")
                        .tag("env", "prod").tag("team", "Vision")
                        .metric("acc", 0.95).metric("loss", 0.10),
                run("r2").name("beta").createdBy("bob").times(2000, 3000L)
                        .param("lr", "0.1").param("optimizer", "sgd")
                        .tag("env", "dev").tag("note", "it's")
                        .metric("acc", 0.80).metric("loss", 0.30).metric("val/acc", 0.7),
                run("r3").name("alpha-2").status("RUNNING").times(3000, null)
                        .param("lr", "0.01")
                        .tag("team", "vision")
                        .metric("loss", 0.20).metric("grad", Double.NaN),
                run("r4").project("p2").name("gamma").createdBy("carol").times(4000, 5000L)
                        .param("lr", "0.001").param("optimizer", "adam")
                        .tag("env", "prod").tag("pct", "100%")
                        .metric("acc", 0.95).metric("loss", 0.05).metric("grad", Double.POSITIVE_INFINITY),
                run("r5").project("p2").name("Beta run").status("KILLED").createdBy("bob").times(5000, 5500L)
                        .tag("pct", "1000")
                        .metric("acc", 0.5).metric("grad", -0.0),
                run("r6").project("p3").name("delta").times(6000, 7000L)
                        .param("lr", "0.01")
                        .metric("acc", 0.99),
                // Another tenant: same run id, same project id, values that would win every search if they leaked.
                run("r1").tenant("t2").name("alpha").times(9000, 9500L)
                        .param("lr", "0.01").param("optimizer", "adam").tag("env", "prod").tag("team", "Vision")
                        .metric("acc", 0.99).metric("loss", 0.01),
                run("x1").tenant("t2").name("alpha").times(8000, 8500L)
                        .param("lr", "0.01").metric("acc", 0.97));
    }

    /** One page of the matching run ids, in order. */
    abstract List<String> search(String tenant, List<String> projects, String filter, List<String> orderBy,
            int limit, long offset) throws Exception;

    private List<String> search(String filter, String... orderBy) throws Exception {
        return search("t1", P1_P2, filter, List.of(orderBy), 100, 0);
    }

    @Test
    void noFilterReturnsTheProjectsRunsNewestFirst() throws Exception {
        assertThat(search(null)).containsExactly("r5", "r4", "r3", "r2", "r1");
        assertThat(search("t1", List.of("p1"), "", null, 100, 0)).containsExactly("r3", "r2", "r1");
        assertThat(search("t1", List.of("p1", "p2", "p3"), null, null, 100, 0))
                .containsExactly("r6", "r5", "r4", "r3", "r2", "r1");
    }

    @Test
    void otherTenantsRunsAreNeverReturned() throws Exception {
        assertThat(search("params.lr = '0.01'")).containsExactly("r3", "r1");
        assertThat(search("metrics.acc > 0.9", "metrics.acc DESC", "tags.team")).containsExactly("r1", "r4");
        assertThat(search(null, "metrics.loss", "params.optimizer DESC", "tags.env"))
                .containsExactly("r4", "r1", "r3", "r2", "r5");
        assertThat(search("t2", List.of("p1"), "metrics.acc > 0.9", null, 100, 0)).containsExactly("r1", "x1");
        assertThat(search("t3", List.of("p1"), null, null, 100, 0)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "metrics.acc > 0.9                                 | r4 r1",
            "metrics.acc >= 0.95 and params.lr = '0.01'        | r1",
            "metrics.acc = 0.95                                | r4 r1",
            "metrics.acc != 0.95                               | r5 r2",
            "metrics.acc < 0.8                                 | r5",
            "metrics.acc <= 0.8                                | r5 r2",
            "metrics.acc > 0.5 and metrics.loss < 0.2          | r4 r1",
            "metrics.val/acc > 0.5                             | r2",
            "metrics.`val/acc` > 0.5                           | r2",
            "metrics.missing > -1e9                            | ''",
            "params.optimizer != 'adam'                        | r2",
            "params.lr IN ('0.01', '0.001')                    | r4 r3 r1",
            "params.lr NOT IN ('0.01')                         | r4 r2",
            "params.`batch size` = '32'                        | r1",
            "param.\"batch size\" = '32'                       | r1",
            "params.lr LIKE '0.0%'                             | r4 r3 r1",
            "tags.team = 'Vision'                              | r1",
            "tags.team != 'Vision'                             | r3",
            "tags.team LIKE 'vis%'                             | r3",
            "tags.team LIKE 'Vis%'                             | r1",
            "tags.team ILIKE 'VISION'                          | r3 r1",
            "tags.team ilike 'v_s%'                            | r3 r1",
            "tags.pct LIKE '100%'                              | r5 r4",
            "tags.pct LIKE '100\\%'                            | r4",
            "tags.note = 'it''s'                               | r2",
            "tags.note = \"it's\"                              | r2",
            "tags.note = 'it\\'s'                              | r2",
            "attributes.run_name LIKE 'alpha%'                 | r3 r1",
            "attributes.name ILIKE '%BETA%'                    | r5 r2",
            "attributes.run_name IN ('gamma', 'delta')         | r4",
            "attributes.status = 'FINISHED'                    | r4 r2 r1",
            "attributes.status != 'FINISHED'                   | r5 r3",
            "attributes.status IN ('RUNNING', 'KILLED')        | r5 r3",
            "attributes.status NOT IN ('FINISHED')             | r5 r3",
            "attributes.status ILIKE 'fin%'                    | r4 r2 r1",
            "attributes.end_time > 2500                        | r5 r4 r2",
            "attributes.end_time != 2000                       | r5 r4 r2",
            "attributes.start_time >= 3000 AND attributes.start_time < 5000 | r4 r3",
            "attributes.run_id IN ('r1', 'r2')                 | r2 r1",
            "attributes.id != 'r1'                             | r5 r4 r3 r2",
            "attributes.run_id = 'r6'                          | ''",
            "attributes.created_by = 'alice'                   | r3 r1",
            "attributes.user_id = 'bob'                        | r5 r2",
            "attributes.project_id = 'p2'                      | r5 r4",
            "attributes.project_id IN ('p2', 'p3')             | r5 r4",
            "attributes.project_id != 'p1'                     | r5 r4",
            "run.status = 'FINISHED' and tag.env = 'prod' and metric.loss < 0.1 | r4",
            "metrics.grad > 1e308                              | r4 r3",
            "metrics.grad < 0                                  | ''",
            "metrics.grad = 0                                  | r5",
            "metrics.grad >= 0                                 | r5 r4 r3",
            "metrics.grad != 0                                 | r4 r3"})
    void filters(String filter, String expectedIds) throws Exception {
        assertThat(search(filter)).containsExactlyElementsOf(ids(expectedIds));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "metrics.acc DESC                      | r1 r4 r2 r5 r3",
            "metrics.acc ASC                       | r5 r2 r1 r4 r3",
            "metrics.acc                           | r5 r2 r1 r4 r3",
            "params.optimizer ASC                  | r1 r4 r2 r3 r5",
            "params.optimizer DESC                 | r2 r1 r4 r3 r5",
            "params.lr                             | r4 r1 r3 r2 r5",
            "tags.team DESC                        | r3 r1 r2 r4 r5",
            "attributes.end_time ASC               | r1 r2 r4 r5 r3",
            "attributes.end_time DESC              | r5 r4 r2 r1 r3",
            "attributes.start_time                 | r1 r2 r3 r4 r5",
            "attributes.created_by DESC            | r4 r2 r5 r1 r3",
            "attributes.status                     | r1 r2 r4 r5 r3",
            "metrics.grad ASC                      | r5 r4 r3 r1 r2",
            "metrics.grad DESC                     | r3 r4 r5 r1 r2"})
    void orderings(String orderBy, String expectedIds) throws Exception {
        assertThat(search(null, orderBy)).containsExactlyElementsOf(ids(expectedIds));
    }

    @Test
    void runsMissingAnOrderedByKeySortLastInBothDirections() throws Exception {
        assertThat(search(null, "metrics.acc DESC")).endsWith("r3");
        assertThat(search(null, "metrics.acc ASC")).endsWith("r3");
        assertThat(search(null, "tags.env ASC", "metrics.loss DESC")).containsExactly("r2", "r1", "r4", "r3", "r5");
        assertThat(search(null, "tags.env DESC", "metrics.loss ASC")).containsExactly("r4", "r1", "r2", "r3", "r5");
    }

    @Test
    void filterAndOrderTogether() throws Exception {
        assertThat(search("metrics.acc > 0.5", "metrics.loss ASC")).containsExactly("r4", "r1", "r2");
        assertThat(search("params.lr = '0.01'", "metrics.acc DESC")).containsExactly("r1", "r3");
    }

    @Test
    void pagesAreStableAndCoverEveryRunOnce() throws Exception {
        for (List<String> orderBy : List.of(List.of("params.lr"), List.of("metrics.acc DESC"), List.<String>of(),
                List.of("attributes.status", "tags.env DESC"))) {
            List<String> all = search("t1", P1_P2, null, orderBy, 100, 0);
            List<String> paged = new ArrayList<>();
            for (long offset = 0; offset < 6; offset += 2) {
                List<String> page = search("t1", P1_P2, null, orderBy, 2, offset);
                assertThat(page).hasSizeLessThanOrEqualTo(2);
                assertThat(search("t1", P1_P2, null, orderBy, 2, offset)).as("same page twice").isEqualTo(page);
                paged.addAll(page);
            }
            assertThat(paged).as("pages of %s", orderBy).isEqualTo(all).hasSize(5).doesNotHaveDuplicates();
        }
        assertThat(search("t1", P1_P2, null, List.of("params.lr"), 2, 2)).containsExactly("r3", "r2");
        assertThat(search("t1", P1_P2, null, List.of("params.lr"), 2, 4)).containsExactly("r5");
        assertThat(search("t1", P1_P2, null, List.of("params.lr"), 2, 6)).isEmpty();
    }

    private static List<String> ids(String spaceSeparated) {
        return spaceSeparated.isBlank() ? List.of() : List.of(spaceSeparated.trim().split("\\s+"));
    }
}
