package io.cairn.lineage.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.common.error.NotFoundException;
import io.cairn.common.messaging.MessageMetadata;
import io.cairn.dataset.api.DatasetEvent.DatasetVersionAddedEvent;
import io.cairn.lineage.query.LineageReadModel.Direction;
import io.cairn.registry.api.ModelFlavor;
import io.cairn.registry.api.RegisteredModelEvent.ModelVersionCreatedEvent;
import io.cairn.run.api.DatasetInput;
import io.cairn.run.api.RunEvent.ArtifactLoggedEvent;
import io.cairn.run.api.RunEvent.RunCreatedEvent;
import io.cairn.run.api.RunEvent.RunInputsDeclaredEvent;
import io.cairn.run.api.RunStatus;
import io.cairn.run.api.SourceSnapshot;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import tools.jackson.databind.json.JsonMapper;

/** The lineage handlers and the graph walk, on H2 in PostgreSQL mode with the application's own migrations. */
class LineageProjectionTest {

    private static final String T1 = "t1";
    private static final String T2 = "t2";
    private static final SourceSnapshot SOURCE = new SourceSnapshot("https://git.example.com/ml.git", "4f2a9c1d", false, null);
    private static final String OLD = "a".repeat(64);
    private static final String NEW = "b".repeat(64);

    private Connection connection;
    private LineageProjection projection;
    private JdbcClient jdbc;
    private JsonMapper json;

    @BeforeEach
    void migrate() throws SQLException {
        connection = DriverManager.getConnection(
                "jdbc:h2:mem:lineage_test;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        SingleConnectionDataSource dataSource = new SingleConnectionDataSource(connection, true);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        jdbc = JdbcClient.create(dataSource);
        json = JsonMapper.builder().build();
        projection = new LineageProjection(jdbc, json);
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
    }

    private static EventMessage<?> by(String actor, Object payload) {
        return GenericEventMessage.asEventMessage(payload).andMetaData(Map.of(MessageMetadata.PRINCIPAL, actor));
    }

    private void run(String tenant, String runId) {
        RunCreatedEvent created = new RunCreatedEvent(runId, tenant, "p-1", runId, Map.of(), SOURCE, null,
                RunStatus.RUNNING, 1000);
        projection.on(created, by("alice", created));
    }

    private void artifact(String tenant, String runId, String sha256) {
        ArtifactLoggedEvent logged = new ArtifactLoggedEvent(runId, tenant, "model.zip", sha256, 10, null);
        projection.on(logged, by("alice", logged));
    }

    private void modelVersion(String tenant, String runId, int version, String sha256) {
        ModelVersionCreatedEvent created = new ModelVersionCreatedEvent("m-1", tenant, version, runId, "p-1", "model.zip",
                sha256, 10, ModelFlavor.GENERIC, null, null, Map.of());
        projection.on(created, by("bob", created));
    }

    private LineageGraph graph(String tenant, LineageKind kind, String id, Direction direction) {
        return new LineageReadModel(jdbc, json).graph(tenant, kind, id, direction, 10, runId -> true);
    }

    private static List<String> ids(LineageGraph graph, String kind) {
        return graph.nodes().stream().filter(n -> n.kind().equals(kind)).map(LineageGraph.Node::id).sorted().toList();
    }

    @Test
    void eachArtifactContentIsItsOwnNodeAndAVersionLinksToTheContentItWasRegisteredFrom() {
        run(T1, "r1");
        artifact(T1, "r1", OLD);
        modelVersion(T1, "r1", 1, OLD);
        artifact(T1, "r1", OLD);
        artifact(T1, "r1", NEW);
        modelVersion(T1, "r1", 2, NEW);

        LineageGraph fromRun = graph(T1, LineageKind.RUN, "r1", Direction.DOWNSTREAM);
        assertThat(ids(fromRun, "artifact")).containsExactly("r1/model.zip@sha256:" + OLD, "r1/model.zip@sha256:" + NEW);
        assertThat(fromRun.edges()).hasSize(4);
        LineageGraph v1 = graph(T1, LineageKind.MODEL_VERSION, "m-1.v1", Direction.UPSTREAM);
        assertThat(ids(v1, "artifact")).containsExactly("r1/model.zip@sha256:" + OLD);
        LineageGraph.Edge registeredFrom = v1.edges().stream()
                .filter(e -> e.relation().equals(LineageProjection.REGISTERED_FROM)).findFirst().orElseThrow();
        assertThat(registeredFrom.actor()).isEqualTo("bob");
        assertThat(registeredFrom.eventId()).isNotBlank();
    }

    @Test
    void runsOfTheSameCodeShareTheirSourceSnapshot() {
        run(T1, "r1");
        run(T1, "r2");
        String snapshot = LineageProjection.snapshotId(SOURCE);
        LineageGraph fromCode = graph(T1, LineageKind.SOURCE_SNAPSHOT, snapshot, Direction.DOWNSTREAM);
        assertThat(ids(fromCode, "run")).containsExactly("r1", "r2");
        assertThat(fromCode.nodes().get(0).properties()).containsEntry("gitCommit", "4f2a9c1d");
        assertThat(LineageProjection.snapshotId(new SourceSnapshot(SOURCE.gitRepo(), SOURCE.gitCommit(), true, null)))
                .isNotEqualTo(snapshot);
    }

    @Test
    void anotherTenantsNodesAndEdgesStayApart() {
        DatasetVersionAddedEvent added = new DatasetVersionAddedEvent("d-1", T1, "d-1.v1", 1, "file:///a.csv",
                "sha256:" + OLD, null, List.of());
        projection.on(added, by("alice", added));
        run(T1, "r1");
        RunInputsDeclaredEvent inputs = new RunInputsDeclaredEvent("r1", T1, List.of(new DatasetInput("d-1", "d-1.v1")));
        projection.on(inputs, by("alice", inputs));
        run(T2, "r1");

        assertThat(ids(graph(T2, LineageKind.RUN, "r1", Direction.UPSTREAM), "dataset-version")).isEmpty();
        assertThat(ids(graph(T1, LineageKind.RUN, "r1", Direction.UPSTREAM), "dataset-version")).containsExactly("d-1.v1");
        assertThatThrownBy(() -> graph(T2, LineageKind.DATASET_VERSION, "d-1.v1", Direction.DOWNSTREAM))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void aWalkStopsAtTheNodeLimitAndSaysSo() {
        run(T1, "r0");
        for (int i = 1; i <= 5; i++) {
            run(T1, "r" + i);
        }
        String snapshot = LineageProjection.snapshotId(SOURCE);
        LineageGraph limited = new LineageReadModel(jdbc, json, 4)
                .graph(T1, LineageKind.SOURCE_SNAPSHOT, snapshot, Direction.DOWNSTREAM, 3, runId -> true);
        assertThat(limited.truncated()).isTrue();
        assertThat(limited.nodes()).hasSize(4);
        assertThat(limited.edges()).hasSize(3)
                .allSatisfy(edge -> assertThat(ids(limited, "run")).contains(edge.to().id()));
        assertThat(graph(T1, LineageKind.SOURCE_SNAPSHOT, snapshot, Direction.DOWNSTREAM).truncated()).isFalse();
    }
}
