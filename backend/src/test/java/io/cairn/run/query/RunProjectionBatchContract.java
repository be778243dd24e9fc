package io.cairn.run.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.common.jdbc.BatchedStatements;
import io.cairn.common.messaging.MessageMetadata;
import io.cairn.run.api.DatasetInput;
import io.cairn.run.api.RunEvent.ArtifactLoggedEvent;
import io.cairn.run.api.RunEvent.ParamsLoggedEvent;
import io.cairn.run.api.RunEvent.RunAttemptLostEvent;
import io.cairn.run.api.RunEvent.RunAttemptStartedEvent;
import io.cairn.run.api.RunEvent.RunCreatedEvent;
import io.cairn.run.api.RunEvent.RunDeletedEvent;
import io.cairn.run.api.RunEvent.RunFinishedEvent;
import io.cairn.run.api.RunEvent.RunInputsDeclaredEvent;
import io.cairn.run.api.RunEvent.RunRenamedEvent;
import io.cairn.run.api.RunEvent.RunRestoredEvent;
import io.cairn.run.api.RunEvent.RunStartedEvent;
import io.cairn.run.api.RunEvent.RunTagDeletedEvent;
import io.cairn.run.api.RunEvent.RunTaggedEvent;
import io.cairn.run.api.RunStatus;
import io.cairn.run.command.RunMother;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The run projection's statements, queued and run as JDBC batches when a processor's batch commits, leave exactly
 * the rows that applying the same events one at a time leaves; on a database the subclass connects to (the
 * application's migrations create the tables).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RunProjectionBatchContract {

    private static final String TENANT = RunMother.TENANT;
    private static final List<String> TABLES = List.of("runs", "run_params", "run_tags", "run_inputs",
            "run_artifacts");

    private Connection connection;
    private JdbcTemplate jdbc;
    private SpringTransactionManager transactions;
    private RunIndexQueue index;
    private RunProjection projection;
    private AnnotationEventHandlerAdapter handlers;
    private long clock = RunMother.NOW;

    /** A connection to an empty database. */
    abstract Connection connect() throws SQLException;

    @BeforeAll
    void createTables() throws SQLException {
        connection = connect();
        SingleConnectionDataSource dataSource = new SingleConnectionDataSource(connection, true);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        transactions = new SpringTransactionManager(new DataSourceTransactionManager(dataSource));
        BatchedStatements statements = new BatchedStatements(jdbc);
        index = new RunIndexQueue(statements, "lucene");
        projection = new RunProjection(statements, jdbc, JsonMapper.builder().build(), index);
        handlers = new AnnotationEventHandlerAdapter(projection);
    }

    @AfterAll
    void close() throws SQLException {
        connection.close();
    }

    @BeforeEach
    void empty() {
        projection.reset();
        jdbc.update("DELETE FROM run_index_queue");
    }

    private EventMessage<?> event(Object payload) {
        clock += 1000;
        return new GenericEventMessage<>(UUID.randomUUID().toString(), payload,
                Map.of(MessageMetadata.PRINCIPAL, "alice", MessageMetadata.TENANT_ID, TENANT),
                Instant.ofEpochMilli(clock));
    }

    private static Map<String, String> map(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** Three runs' lives, interleaved as a processor's batch would see them. */
    private List<EventMessage<?>> interleavedRuns() {
        List<EventMessage<?>> events = new ArrayList<>();
        for (String run : List.of("r1", "r2", "r3")) {
            events.add(event(new RunCreatedEvent(run, TENANT, RunMother.PROJECT_ID, "run " + run,
                    map("team", "a", "stage", "dev"), run.equals("r1") ? RunMother.SOURCE : null,
                    run.equals("r2") ? RunMother.ENVIRONMENT : null, RunStatus.QUEUED, RunMother.NOW)));
        }
        for (String run : List.of("r1", "r2", "r3")) {
            events.add(event(new ParamsLoggedEvent(run, TENANT, map("lr", "0.1", "epochs", "3", "seed", run))));
            events.add(event(new RunTaggedEvent(run, TENANT, map("stage", "prod", "owner", run))));
        }
        events.add(event(new RunStartedEvent("r1", TENANT, RunMother.NOW + 10)));
        events.add(event(new RunTagDeletedEvent("r1", TENANT, "team")));
        events.add(event(new RunTaggedEvent("r1", TENANT, map("team", "b"))));
        events.add(event(new RunAttemptStartedEvent("r2", TENANT, 1, RunMother.AGENT, RunMother.NOW + 60_000,
                RunMother.NOW + 20)));
        events.add(event(new RunTagDeletedEvent("r2", TENANT, "stage")));
        events.add(event(new RunAttemptLostEvent("r2", TENANT, 1, RunMother.AGENT, "lease expired", true)));
        events.add(event(new RunTaggedEvent("r3", TENANT, map("stage", "staging"))));
        events.add(event(new ArtifactLoggedEvent("r1", TENANT, "model.bin", "a".repeat(64), 10, null)));
        events.add(event(new ArtifactLoggedEvent("r3", TENANT, "model.bin", "c".repeat(64), 30, "text/plain")));
        events.add(event(new ArtifactLoggedEvent("r1", TENANT, "model.bin", "b".repeat(64), 20,
                "application/octet-stream")));
        events.add(event(new RunInputsDeclaredEvent("r3", TENANT, List.of(new DatasetInput("d1", "d1.v1"),
                new DatasetInput("d2", "d2.v3")))));
        events.add(event(new RunRenamedEvent("r3", TENANT, "renamed")));
        events.add(event(new RunDeletedEvent("r2", TENANT)));
        events.add(event(new RunFinishedEvent("r1", TENANT, RunStatus.FINISHED, RunMother.NOW + 99)));
        events.add(event(new RunAttemptStartedEvent("r2", TENANT, 2, RunMother.OTHER_AGENT, RunMother.NOW + 90_000,
                RunMother.NOW + 30)));
        events.add(event(new RunRestoredEvent("r2", TENANT)));
        events.add(event(new RunFinishedEvent("r2", TENANT, RunStatus.FAILED, RunMother.NOW + 120)));
        events.add(event(new RunTagDeletedEvent("r3", TENANT, "owner")));
        return events;
    }

    private void oneByOne(List<EventMessage<?>> events) throws Exception {
        for (EventMessage<?> event : events) {
            handlers.handle(event);
        }
    }

    /** As a tracking processor does: one unit of work and one transaction for the whole batch. */
    private ResultMessage<?> asOneBatch(List<EventMessage<?>> events, Runnable beforeCommit) {
        BatchingUnitOfWork<EventMessage<?>> batch = new BatchingUnitOfWork<>(events);
        batch.attachTransaction(transactions);
        batch.onPrepareCommit(u -> beforeCommit.run());
        return batch.executeWithResult(() -> handlers.handle(batch.getMessage()));
    }

    /** Every row of the run tables, and the index notes in the order they were written. */
    private Map<String, List<String>> rows() {
        Map<String, List<String>> rows = new TreeMap<>();
        for (String table : TABLES) {
            rows.put(table, jdbc.queryForList("SELECT * FROM " + table).stream()
                    .map(row -> new TreeMap<>(row).toString()).sorted().toList());
        }
        rows.put("run_index_queue", jdbc.queryForList("SELECT tenant_id, run_id FROM run_index_queue ORDER BY seq")
                .stream().map(row -> new TreeMap<>(row).toString()).toList());
        return rows;
    }

    @Test
    void aBatchOfSeveralRunsEventsLeavesTheRowsOfApplyingThemOneByOne() throws Exception {
        List<EventMessage<?>> events = interleavedRuns();
        oneByOne(events);
        Map<String, List<String>> expected = rows();
        assertThat(expected.get("runs")).hasSize(3);
        assertThat(expected.get("run_tags")).anyMatch(row -> row.contains("tag_key=team") && row.contains("tag_value=b"));
        assertThat(expected.get("run_artifacts")).filteredOn(row -> row.contains("run_id=r1"))
                .singleElement(InstanceOfAssertFactories.STRING).contains("sha256=" + "b".repeat(64));
        empty();

        List<Long> runsSeenBeforeCommit = new ArrayList<>();
        ResultMessage<?> result = asOneBatch(events, () -> runsSeenBeforeCommit.add(
                jdbc.queryForObject("SELECT COUNT(*) FROM runs", Long.class)));

        assertThat(result.isExceptional()).as(String.valueOf(result.optionalExceptionResult())).isFalse();
        assertThat(runsSeenBeforeCommit).as("nothing written while the events are handled").containsExactly(0L);
        assertThat(rows()).isEqualTo(expected);
    }

    @Test
    void aFailingStatementRollsTheWholeBatchBack() {
        List<EventMessage<?>> events = new ArrayList<>(interleavedRuns().subList(0, 6));
        // the same run created twice: the second insert violates the primary key when the batch commits
        events.add(events.get(0));

        ResultMessage<?> result = asOneBatch(events, () -> {
        });

        assertThat(result.isExceptional()).isTrue();
        assertThat(rows()).allSatisfy((table, rows) -> assertThat(rows).as(table).isEmpty());
    }

    /**
     * As the run-metrics projection does: it notes runs only when its batch is about to commit, in a batch where
     * nothing was queued before.
     */
    @Test
    void aStatementQueuedWhileTheBatchCommitsStillRunsInIt() {
        List<EventMessage<?>> events = List.of(
                event(new RunAttemptLostEvent("r1", TENANT, 1, RunMother.AGENT, "lease expired", false)));

        ResultMessage<?> result = asOneBatch(events, () -> index.runChanged(TENANT, "r9"));

        assertThat(result.isExceptional()).as(String.valueOf(result.optionalExceptionResult())).isFalse();
        assertThat(rows().get("run_index_queue")).containsExactly("{run_id=r9, tenant_id=acme}");
    }
}
