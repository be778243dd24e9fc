package io.cairn.run.command;

import static io.cairn.run.command.RunMother.CLOCK;
import static io.cairn.run.command.RunMother.NOW;
import static io.cairn.run.command.RunMother.OTHER_TENANT;
import static io.cairn.run.command.RunMother.PROJECT_ID;
import static io.cairn.run.command.RunMother.RUN_ID;
import static io.cairn.run.command.RunMother.TENANT;
import static io.cairn.run.command.RunMother.created;
import static io.cairn.run.command.RunMother.points;
import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.hamcrest.Matchers.containsString;
import static org.axonframework.test.matchers.Matchers.matches;
import static org.axonframework.test.matchers.Matchers.payloadsMatching;

import io.cairn.common.error.ConflictException;
import io.cairn.common.error.InvalidInputException;
import io.cairn.common.error.NotFoundException;
import io.cairn.common.messaging.AxonConfig;
import io.cairn.common.messaging.MessageMetadata;
import io.cairn.dataset.api.DatasetGuard;
import io.cairn.project.api.ProjectGuard;
import io.cairn.run.api.BatchFingerprint;
import io.cairn.run.api.DatasetInput;
import io.cairn.run.api.EnvironmentSpec;
import io.cairn.run.api.MetricPoint;
import io.cairn.run.api.RunArtifact;
import io.cairn.run.api.RunCommand.CreateRunCommand;
import io.cairn.run.api.RunCommand.DeclareRunInputsCommand;
import io.cairn.run.api.RunCommand.DeleteRunCommand;
import io.cairn.run.api.RunCommand.DeleteRunTagCommand;
import io.cairn.run.api.RunCommand.RenameRunCommand;
import io.cairn.run.api.RunCommand.RestoreRunCommand;
import io.cairn.run.api.RunCommand.FinishRunCommand;
import io.cairn.run.api.RunCommand.LogArtifactCommand;
import io.cairn.run.api.RunCommand.LogMetricsCommand;
import io.cairn.run.api.RunCommand.LogParamsCommand;
import io.cairn.run.api.RunCommand.SetRunTagsCommand;
import io.cairn.run.api.RunCommand.StartRunCommand;
import io.cairn.run.api.RunEvent;
import io.cairn.run.api.RunEvent.ArtifactLoggedEvent;
import io.cairn.run.api.RunEvent.MetricsLoggedEvent;
import io.cairn.run.api.RunEvent.ParamsLoggedEvent;
import io.cairn.run.api.RunEvent.RunCreatedEvent;
import io.cairn.run.api.RunEvent.RunDeletedEvent;
import io.cairn.run.api.RunEvent.RunFinishedEvent;
import io.cairn.run.api.RunEvent.RunRenamedEvent;
import io.cairn.run.api.RunEvent.RunRestoredEvent;
import io.cairn.run.api.RunEvent.RunInputsDeclaredEvent;
import io.cairn.run.api.RunEvent.RunStartedEvent;
import io.cairn.run.api.RunEvent.RunTagDeletedEvent;
import io.cairn.run.api.RunEvent.RunTaggedEvent;
import io.cairn.run.api.RunStatus;
import io.cairn.run.api.SourceSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.HashSet;
import java.util.Set;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RunTest {

    private static final String SHA = "a".repeat(64);

    private AggregateTestFixture<Run> fixture;
    private final Set<String> archivedProjects = new HashSet<>();
    private final Set<String> knownVersions = new HashSet<>(Set.of("d-1.v1", "d-1.v2"));

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Run.class);
        ProjectGuard projects = (tenantId, projectId, field) -> {
            if (!TENANT.equals(tenantId) || !PROJECT_ID.equals(projectId)) {
                throw new NotFoundException("Project", projectId);
            }
            if (archivedProjects.contains(projectId)) {
                throw new ConflictException(field, "Project '" + projectId + "' is archived");
            }
        };
        DatasetGuard datasets = (tenantId, ids, field) -> {
            List<DatasetInput> inputs = new ArrayList<>();
            for (String id : ids) {
                if (!TENANT.equals(tenantId) || !knownVersions.contains(id)) {
                    throw new NotFoundException("Dataset version", id);
                }
                inputs.add(new DatasetInput(id.substring(0, id.indexOf(".v")), id));
            }
            return inputs;
        };
        fixture.registerInjectableResource(projects);
        fixture.registerInjectableResource(datasets);
        fixture.registerInjectableResource(RunMother.storedArchives());
        fixture.registerInjectableResource(CLOCK);
    }

    @Test
    void createRunCommandInActiveProjectCreatesRunningRun() {
        fixture.givenNoPriorActivity()
                .when(RunMother.create())
                .expectEvents(created());
    }

    @Test
    void createRunCommandMarkedQueuedCreatesQueuedRun() {
        fixture.givenNoPriorActivity()
                .when(RunMother.createQueued())
                .expectEvents(created(RunStatus.QUEUED));
    }

    @Test
    void createRunCommandWithoutNameGetsGeneratedName() {
        fixture.givenNoPriorActivity()
                .when(new CreateRunCommand(RUN_ID, TENANT, PROJECT_ID, null, null, null, null, null, false))
                .expectEventsMatching(payloadsMatching(exactSequenceOf(matches(
                        event -> event instanceof RunCreatedEvent created
                                && created.name().matches("[a-z]+-[a-z]+-\\d{3}")
                                && created.status() == RunStatus.RUNNING))));
    }

    @Test
    void createRunCommandInArchivedProjectIsRejected() {
        archivedProjects.add(PROJECT_ID);
        fixture.givenNoPriorActivity()
                .when(RunMother.create())
                .expectException(ConflictException.class)
                .expectNoEvents();
    }

    @Test
    void createRunCommandInUnknownProjectIsRejected() {
        fixture.givenNoPriorActivity()
                .when(new CreateRunCommand(RUN_ID, TENANT, "nope", null, null, null, null, null, false))
                .expectException(NotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void createRunCommandWithSecretLookingVariableIsRejected() {
        EnvironmentSpec leaky = new EnvironmentSpec("jdk-17", null, null, Map.of("AWS_SECRET_ACCESS_KEY", "x"), null);
        fixture.givenNoPriorActivity()
                .when(new CreateRunCommand(RUN_ID, TENANT, PROJECT_ID, "r", null, null, leaky, null, false))
                .expectException(InvalidInputException.class)
                .expectExceptionMessage(containsString("looks like a secret"))
                .expectNoEvents();
    }

    @Test
    void createRunCommandWithMalformedCommitIsRejected() {
        var source = new SourceSnapshot("repo", "not-a-commit", true, null);
        fixture.givenNoPriorActivity()
                .when(new CreateRunCommand(RUN_ID, TENANT, PROJECT_ID, "r", null, source, null, null, false))
                .expectException(InvalidInputException.class)
                .expectNoEvents();
    }

    @Test
    void createRunCommandNamingAStoredArchiveRecordsIt() {
        fixture.givenNoPriorActivity()
                .when(new CreateRunCommand(RUN_ID, TENANT, PROJECT_ID, "r", null, RunMother.ARCHIVED_SOURCE, null, null,
                        false))
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(payloadsMatching(exactSequenceOf(matches(event -> event instanceof RunCreatedEvent
                        created && RunMother.ARCHIVED_SOURCE.equals(created.source())))));
    }

    @Test
    void createRunCommandNamingAnArchiveNotStoredIsNotFound() {
        var source = new SourceSnapshot("repo", "4f2a9c1d", false, "c".repeat(64));
        fixture.givenNoPriorActivity()
                .when(new CreateRunCommand(RUN_ID, TENANT, PROJECT_ID, "r", null, source, null, null, false))
                .expectException(NotFoundException.class)
                .expectExceptionMessage(containsString("Source archive 'cccc"))
                .expectNoEvents();
    }

    @Test
    void startRunCommandOnQueuedRunStartsIt() {
        fixture.given(created(RunStatus.QUEUED))
                .when(new StartRunCommand(RUN_ID, TENANT, null))
                .expectEvents(new RunStartedEvent(RUN_ID, TENANT, NOW));
    }

    @Test
    void startRunCommandOnRunningRunIsRejected() {
        fixture.given(created())
                .when(new StartRunCommand(RUN_ID, TENANT, null))
                .expectException(ConflictException.class)
                .expectNoEvents();
    }

    @Test
    void finishRunCommandOnRunningRunFinishesIt() {
        fixture.given(created())
                .when(new FinishRunCommand(RUN_ID, TENANT, RunStatus.FINISHED, null))
                .expectEvents(new RunFinishedEvent(RUN_ID, TENANT, RunStatus.FINISHED, NOW));
    }

    @Test
    void finishRunCommandOnFinishedRunIsRejected() {
        fixture.given(created(), new RunFinishedEvent(RUN_ID, TENANT, RunStatus.FINISHED, NOW))
                .when(new FinishRunCommand(RUN_ID, TENANT, RunStatus.KILLED, null))
                .expectException(ConflictException.class)
                .expectExceptionMessage("Run 'r-1' is FINISHED and cannot become KILLED")
                .expectNoEvents();
    }

    @Test
    void finishRunCommandWithNonTerminalStatusIsRejected() {
        fixture.given(created())
                .when(new FinishRunCommand(RUN_ID, TENANT, RunStatus.RUNNING, null))
                .expectException(InvalidInputException.class)
                .expectNoEvents();
    }

    @Test
    void finishRunCommandOnQueuedRunMayKillButNotFinishIt() {
        fixture.given(created(RunStatus.QUEUED))
                .when(new FinishRunCommand(RUN_ID, TENANT, RunStatus.KILLED, 5L))
                .expectEvents(new RunFinishedEvent(RUN_ID, TENANT, RunStatus.KILLED, 5L));
        fixture.given(created(RunStatus.QUEUED))
                .when(new FinishRunCommand(RUN_ID, TENANT, RunStatus.FINISHED, null))
                .expectException(ConflictException.class);
    }

    @Test
    void logParamsCommandRecordsOnlyNewParams() {
        fixture.given(created(), new ParamsLoggedEvent(RUN_ID, TENANT, Map.of("lr", "0.01")))
                .when(new LogParamsCommand(RUN_ID, TENANT, Map.of("lr", "0.01", "epochs", "10")))
                .expectEvents(new ParamsLoggedEvent(RUN_ID, TENANT, Map.of("epochs", "10")));
    }

    @Test
    void logParamsCommandRepeatingAllParamsChangesNothing() {
        fixture.given(created(), new ParamsLoggedEvent(RUN_ID, TENANT, Map.of("lr", "0.01")))
                .when(new LogParamsCommand(RUN_ID, TENANT, Map.of("lr", "0.01")))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void logParamsCommandChangingAParamIsRejected() {
        fixture.given(created(), new ParamsLoggedEvent(RUN_ID, TENANT, Map.of("lr", "0.01")))
                .when(new LogParamsCommand(RUN_ID, TENANT, Map.of("lr", "0.1", "epochs", "10")))
                .expectException(ConflictException.class)
                .expectExceptionMessage("Param 'lr' is already '0.01'; params cannot be changed once logged")
                .expectNoEvents();
    }

    @Test
    void logParamsCommandOnFinishedRunIsRejected() {
        fixture.given(created(), new RunFinishedEvent(RUN_ID, TENANT, RunStatus.FAILED, NOW))
                .when(new LogParamsCommand(RUN_ID, TENANT, Map.of("lr", "0.1")))
                .expectException(ConflictException.class)
                .expectNoEvents();
    }

    @Test
    void logParamsCommandWithTooLongValueIsRejected() {
        fixture.given(created())
                .when(new LogParamsCommand(RUN_ID, TENANT, Map.of("lr", "x".repeat(6001))))
                .expectException(InvalidInputException.class)
                .expectNoEvents();
    }

    @Test
    void setRunTagsCommandOnFinishedRunIsAccepted() {
        fixture.given(created(), new RunFinishedEvent(RUN_ID, TENANT, RunStatus.FINISHED, NOW))
                .when(new SetRunTagsCommand(RUN_ID, TENANT, Map.of("best", "yes")))
                .expectEvents(new RunTaggedEvent(RUN_ID, TENANT, Map.of("best", "yes")));
    }

    @Test
    void deleteRunTagCommandDeletesKnownTagAndRejectsUnknown() {
        fixture.given(created())
                .when(new DeleteRunTagCommand(RUN_ID, TENANT, "team"))
                .expectEvents(new RunTagDeletedEvent(RUN_ID, TENANT, "team"));
        fixture.given(created(), new RunTagDeletedEvent(RUN_ID, TENANT, "team"))
                .when(new DeleteRunTagCommand(RUN_ID, TENANT, "team"))
                .expectException(NotFoundException.class);
    }

    @Test
    void renameRunCommandRenamesRunOnlyWhenTheNameChanges() {
        fixture.given(created())
                .when(new RenameRunCommand(RUN_ID, TENANT, "  tuned  "))
                .expectEvents(new RunRenamedEvent(RUN_ID, TENANT, "tuned"));
        fixture.given(created())
                .when(new RenameRunCommand(RUN_ID, TENANT, "baseline"))
                .expectNoEvents();
        fixture.given(created())
                .when(new RenameRunCommand(RUN_ID, TENANT, " "))
                .expectException(InvalidInputException.class);
    }

    @Test
    void deleteRunCommandDeletesRunOnce() {
        fixture.given(created(), new RunFinishedEvent(RUN_ID, TENANT, RunStatus.FINISHED, NOW))
                .when(new DeleteRunCommand(RUN_ID, TENANT))
                .expectEvents(new RunDeletedEvent(RUN_ID, TENANT));
        fixture.given(created(), new RunDeletedEvent(RUN_ID, TENANT))
                .when(new DeleteRunCommand(RUN_ID, TENANT))
                .expectNoEvents();
    }

    @Test
    void restoreRunCommandRestoresDeletedRunOnly() {
        fixture.given(created(), new RunDeletedEvent(RUN_ID, TENANT))
                .when(new RestoreRunCommand(RUN_ID, TENANT))
                .expectEvents(new RunRestoredEvent(RUN_ID, TENANT));
        fixture.given(created())
                .when(new RestoreRunCommand(RUN_ID, TENANT))
                .expectNoEvents();
    }

    @Test
    void writesToDeletedRunAreRejectedUntilItIsRestored() {
        fixture.given(created(), new RunDeletedEvent(RUN_ID, TENANT))
                .when(new LogParamsCommand(RUN_ID, TENANT, Map.of("lr", "1")))
                .expectException(ConflictException.class)
                .expectExceptionMessage(containsString("deleted"));
        fixture.given(created(), new RunDeletedEvent(RUN_ID, TENANT))
                .when(new SetRunTagsCommand(RUN_ID, TENANT, Map.of("k", "v")))
                .expectException(ConflictException.class);
        fixture.given(created(), new RunDeletedEvent(RUN_ID, TENANT))
                .when(new FinishRunCommand(RUN_ID, TENANT, RunStatus.FINISHED, NOW))
                .expectException(ConflictException.class);
        fixture.given(created(), new RunDeletedEvent(RUN_ID, TENANT))
                .when(new LogMetricsCommand(RUN_ID, TENANT, points(1), null))
                .expectException(ConflictException.class);
        fixture.given(created(), new RunDeletedEvent(RUN_ID, TENANT), new RunRestoredEvent(RUN_ID, TENANT))
                .when(new LogParamsCommand(RUN_ID, TENANT, Map.of("lr", "1")))
                .expectEvents(new ParamsLoggedEvent(RUN_ID, TENANT, Map.of("lr", "1")));
    }

    @Test
    void deleteRunCommandFromAnotherTenantIsNotFound() {
        fixture.given(created())
                .when(new DeleteRunCommand(RUN_ID, OTHER_TENANT))
                .expectException(NotFoundException.class)
                .expectNoEvents();
    }

    private static GenericDomainEventMessage<MetricsLoggedEvent> keyed(List<MetricPoint> batch, String key) {
        return new GenericDomainEventMessage<>("Run", RUN_ID, 1, MetricsLoggedEvent.of(RUN_ID, TENANT, batch),
                MetaData.with(MessageMetadata.IDEMPOTENCY_KEY, key)
                        .and(MessageMetadata.BATCH_FINGERPRINT, BatchFingerprint.of(batch)));
    }

    @Test
    void logMetricsCommandRecordsOneEventPerBatch() {
        List<MetricPoint> batch = points(1000);
        fixture.given(created())
                .when(new LogMetricsCommand(RUN_ID, TENANT, batch, "k1"))
                .expectResultMessagePayload(true)
                .expectEvents(keyed(batch, "k1"));
    }

    @Test
    void logMetricsCommandRetriedWithSameIdempotencyKeyChangesNothing() {
        List<MetricPoint> batch = points(10);
        fixture.given(created(), keyed(batch, "k1"))
                .when(new LogMetricsCommand(RUN_ID, TENANT, batch, "k1"))
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }

    @Test
    void logMetricsCommandReusingIdempotencyKeyForAnotherBatchIsRejected() {
        List<MetricPoint> batch = points(10);
        fixture.given(created(), keyed(batch, "k1"))
                .when(new LogMetricsCommand(RUN_ID, TENANT, points(11), "k1"))
                .expectException(ConflictException.class)
                .expectNoEvents();
    }

    @Test
    void logMetricsCommandWithMoreThan1000PointsIsRejected() {
        fixture.given(created())
                .when(new LogMetricsCommand(RUN_ID, TENANT, points(1001), null))
                .expectException(InvalidInputException.class)
                .expectExceptionMessage("A batch holds at most 1000 points; got 1001")
                .expectNoEvents();
    }

    @Test
    void logMetricsCommandWithInvalidKeyIsRejected() {
        fixture.given(created())
                .when(new LogMetricsCommand(RUN_ID, TENANT, List.of(new MetricPoint("loss;drop", 1, 0, NOW)), null))
                .expectException(InvalidInputException.class)
                .expectNoEvents();
        fixture.given(created())
                .when(new LogMetricsCommand(RUN_ID, TENANT, List.of(new MetricPoint("k".repeat(251), 1, 0, NOW)), null))
                .expectException(InvalidInputException.class)
                .expectNoEvents();
    }

    @Test
    void logMetricsCommandOnKilledRunIsRejected() {
        fixture.given(created(), new RunFinishedEvent(RUN_ID, TENANT, RunStatus.KILLED, NOW))
                .when(new LogMetricsCommand(RUN_ID, TENANT, points(1), null))
                .expectException(ConflictException.class)
                .expectNoEvents();
    }

    @Test
    void logArtifactCommandRecordsArtifact() {
        fixture.given(created())
                .when(new LogArtifactCommand(RUN_ID, TENANT, "model/model.zip", SHA, 42, "application/zip"))
                .expectEvents(new ArtifactLoggedEvent(RUN_ID, TENANT, "model/model.zip", SHA, 42, "application/zip"));
    }

    /** What {@code AggregateRunGuard} reads, also after the run went through a snapshot (cache miss, restart). */
    @Test
    void loggedArtifactsSurviveASnapshotWithTheirLatestDigest() {
        String newer = "b".repeat(64);
        fixture.given(created(), new ArtifactLoggedEvent(RUN_ID, TENANT, "model/model.zip", SHA, 42, "application/zip"),
                        new ArtifactLoggedEvent(RUN_ID, TENANT, "model/model.zip", newer, 43, "application/zip"))
                .when(new SetRunTagsCommand(RUN_ID, TENANT, Map.of("stage", "done")))
                .expectState(run -> {
                    Serializer serializer = new AxonConfig().serializer();
                    Run restored = serializer.deserialize(serializer.serialize(run, byte[].class));
                    assertThat(restored.belongsTo(TENANT)).isTrue();
                    assertThat(restored.belongsTo(OTHER_TENANT)).isFalse();
                    assertThat(restored.artifact("model/model.zip"))
                            .isEqualTo(new RunArtifact(RUN_ID, PROJECT_ID, "model/model.zip", newer, 43));
                    assertThat(restored.artifact("model/other.zip")).isNull();
                });
    }

    @Test
    void logArtifactCommandWithEscapingPathIsRejected() {
        for (String path : List.of("../etc/passwd", "/abs", "a//b", "a/./b", "")) {
            fixture.given(created())
                    .when(new LogArtifactCommand(RUN_ID, TENANT, path, SHA, 1, null))
                    .expectException(InvalidInputException.class)
                    .expectNoEvents();
        }
    }

    @Test
    void declareRunInputsCommandRecordsNewVersionsOnly() {
        fixture.given(created(), new RunInputsDeclaredEvent(RUN_ID, TENANT, List.of(new DatasetInput("d-1", "d-1.v1"))))
                .when(new DeclareRunInputsCommand(RUN_ID, TENANT, List.of("d-1.v1", "d-1.v2", "d-1.v2")))
                .expectEvents(new RunInputsDeclaredEvent(RUN_ID, TENANT, List.of(new DatasetInput("d-1", "d-1.v2"))));
    }

    @Test
    void declareRunInputsCommandWithUnknownVersionIsRejected() {
        fixture.given(created())
                .when(new DeclareRunInputsCommand(RUN_ID, TENANT, List.of("d-1.v9")))
                .expectException(NotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void commandFromAnotherTenantIsNotFound() {
        List<RunEvent> history = List.of(created());
        fixture.given(history.toArray())
                .when(new LogParamsCommand(RUN_ID, OTHER_TENANT, Map.of("lr", "1")))
                .expectException(NotFoundException.class)
                .expectExceptionMessage("Run 'r-1' not found")
                .expectNoEvents();
    }
}
