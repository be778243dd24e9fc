package io.cairn.run.command;

import static io.cairn.run.command.RunMother.AGENT;
import static io.cairn.run.command.RunMother.CLOCK;
import static io.cairn.run.command.RunMother.LEASE_MILLIS;
import static io.cairn.run.command.RunMother.NOW;
import static io.cairn.run.command.RunMother.OTHER_AGENT;
import static io.cairn.run.command.RunMother.OTHER_TENANT;
import static io.cairn.run.command.RunMother.PROJECT_ID;
import static io.cairn.run.command.RunMother.RUN_ID;
import static io.cairn.run.command.RunMother.TARGET_ID;
import static io.cairn.run.command.RunMother.TENANT;
import static io.cairn.run.command.RunMother.attemptStarted;
import static io.cairn.run.command.RunMother.lease;
import static io.cairn.run.command.RunMother.submit;
import static io.cairn.run.command.RunMother.submitted;
import static io.cairn.run.command.RunMother.submittedRunCreated;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.matches;
import static org.axonframework.test.matchers.Matchers.payloadsMatching;
import static org.hamcrest.Matchers.containsString;

import io.cairn.common.error.ConflictException;
import io.cairn.common.error.InvalidInputException;
import io.cairn.common.error.NotFoundException;
import io.cairn.compute.api.ComputeTargetGuard;
import io.cairn.dataset.api.DatasetGuard;
import io.cairn.project.api.ProjectGuard;
import io.cairn.run.api.DatasetInput;
import io.cairn.run.api.EnvironmentSpec;
import io.cairn.run.api.RunCommand.CheckRunLeaseCommand;
import io.cairn.run.api.RunCommand.EndRunAttemptCommand;
import io.cairn.run.api.RunCommand.ExtendRunLeaseCommand;
import io.cairn.run.api.RunCommand.FinishRunCommand;
import io.cairn.run.api.RunCommand.StartRunCommand;
import io.cairn.run.api.RunEvent.RunAttemptEndedEvent;
import io.cairn.run.api.RunEvent.RunCreatedEvent;
import io.cairn.run.api.RunEvent.RunSubmittedEvent;
import io.cairn.run.api.RunEvent.RunAttemptLostEvent;
import io.cairn.run.api.RunEvent.RunFinishedEvent;
import io.cairn.run.api.RunEvent.RunInputsDeclaredEvent;
import io.cairn.run.api.RunEvent.RunLeaseExtendedEvent;
import io.cairn.run.api.RunSpec;
import io.cairn.run.api.RunStatus;
import io.cairn.run.api.SourceSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Submission, leases, attempts and their deadlines on the {@link Run} aggregate. */
class RunExecutionTest {

    private AggregateTestFixture<Run> fixture;

    @BeforeEach
    void setUp() {
        fixture = fixtureAt(CLOCK);
    }

    private static AggregateTestFixture<Run> fixtureAt(Clock clock) {
        AggregateTestFixture<Run> fixture = new AggregateTestFixture<>(Run.class);
        ProjectGuard projects = (tenantId, projectId, field) -> {
            if (!TENANT.equals(tenantId) || !PROJECT_ID.equals(projectId)) {
                throw new NotFoundException("Project", projectId, field);
            }
        };
        ComputeTargetGuard targets = (tenantId, targetId, field) -> {
            if (!TENANT.equals(tenantId) || !TARGET_ID.equals(targetId)) {
                throw new NotFoundException("Compute target", targetId, field);
            }
            return "process";
        };
        DatasetGuard datasets = (tenantId, ids, field) -> ids.stream()
                .map(id -> new DatasetInput(id.substring(0, id.indexOf(".v")), id)).toList();
        fixture.registerInjectableResource(projects);
        fixture.registerInjectableResource(targets);
        fixture.registerInjectableResource(datasets);
        fixture.registerInjectableResource(RunMother.storedArchives());
        fixture.registerInjectableResource(clock);
        return fixture;
    }

    @Test
    void submitRunCommandCreatesQueuedRunAndRecordsItsSpec() {
        fixture.givenNoPriorActivity()
                .when(submit(2))
                .expectEvents(submittedRunCreated(), submitted(2));
    }

    @Test
    void submitRunCommandWithoutMaxAttemptsAllowsThree() {
        fixture.givenNoPriorActivity()
                .when(submit((Integer) null))
                .expectEvents(submittedRunCreated(), new io.cairn.run.api.RunEvent.RunSubmittedEvent(RUN_ID, TENANT, PROJECT_ID,
                        TARGET_ID, RunMother.recordedSpec(null), Run.DEFAULT_MAX_ATTEMPTS));
    }

    @Test
    void submitRunCommandWithInputsDeclaresThem() {
        RunSpec spec = new RunSpec("process", "echo hi", null, null, List.of("d-1.v1", "d-1.v1"), 1, null);
        fixture.givenNoPriorActivity()
                .when(submit(spec))
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        matches(e -> e instanceof io.cairn.run.api.RunEvent.RunCreatedEvent),
                        matches(e -> e instanceof io.cairn.run.api.RunEvent.RunSubmittedEvent),
                        matches(e -> e.equals(new RunInputsDeclaredEvent(RUN_ID, TENANT,
                                List.of(new DatasetInput("d-1", "d-1.v1"))))))));
    }

    @Test
    void submitRunCommandRecordsItsSourceOnTheQueuedRun() {
        fixture.givenNoPriorActivity()
                .when(submit(RunMother.ARCHIVED_SOURCE))
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        matches(event -> event instanceof RunCreatedEvent created
                                && RunMother.ARCHIVED_SOURCE.equals(created.source())),
                        matches(event -> event instanceof RunSubmittedEvent))));
    }

    @Test
    void submitRunCommandNamingAnArchiveNotStoredIsNotFound() {
        fixture.givenNoPriorActivity()
                .when(submit(new SourceSnapshot(null, null, null, "c".repeat(64))))
                .expectException(NotFoundException.class)
                .expectExceptionMessage(containsString("Source archive"))
                .expectNoEvents();
    }

    @Test
    void submitRunCommandNamingAnotherTenantsArchiveIsNotFound() {
        fixture.givenNoPriorActivity()
                .when(new io.cairn.run.api.RunCommand.SubmitRunCommand(RUN_ID, OTHER_TENANT, PROJECT_ID, null, null,
                        TARGET_ID, RunMother.spec(1), RunMother.ARCHIVED_SOURCE))
                .expectException(NotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void submitRunCommandWithGitRepoButNoCommitIsRejected() {
        fixture.givenNoPriorActivity()
                .when(submit(new SourceSnapshot("file:///srv/git/churn.git", null, null, null)))
                .expectException(InvalidInputException.class)
                .expectExceptionMessage(containsString("gitCommit"))
                .expectNoEvents();
    }

    @Test
    void submitRunCommandToUnknownTargetIsNotFound() {
        fixture.givenNoPriorActivity()
                .when(new io.cairn.run.api.RunCommand.SubmitRunCommand(RUN_ID, TENANT, PROJECT_ID, null, null, "t-404",
                        RunMother.spec(1), null))
                .expectException(NotFoundException.class);
    }

    @Test
    void submitRunCommandInAnotherTenantsProjectIsNotFound() {
        fixture.givenNoPriorActivity()
                .when(new io.cairn.run.api.RunCommand.SubmitRunCommand(RUN_ID, OTHER_TENANT, PROJECT_ID, null, null,
                        TARGET_ID, RunMother.spec(1), null))
                .expectException(NotFoundException.class);
    }

    @Test
    void submitRunCommandOfAnotherKindThanTheTargetIsRejected() {
        fixture.givenNoPriorActivity()
                .when(submit(new RunSpec("spark", "job", null, null, null, 1, null)))
                .expectException(InvalidInputException.class)
                .expectExceptionMessage(containsString("'process'"));
    }

    @Test
    void submitRunCommandWithoutEntrypointIsRejected() {
        fixture.givenNoPriorActivity()
                .when(submit(new RunSpec(null, " ", null, null, null, 1, null)))
                .expectException(InvalidInputException.class)
                .expectExceptionMessage(containsString("entrypoint"));
    }

    @Test
    void submitRunCommandWithSecretLookingVariableIsRejected() {
        EnvironmentSpec environment = new EnvironmentSpec(null, null, null, Map.of("DB_PASSWORD", "x"), null);
        fixture.givenNoPriorActivity()
                .when(submit(new RunSpec(null, "echo", null, environment, null, 1, null)))
                .expectException(InvalidInputException.class)
                .expectExceptionMessage(containsString("looks like a secret"));
    }

    @Test
    void submitRunCommandWithElevenAttemptsIsRejected() {
        fixture.givenNoPriorActivity()
                .when(submit(11))
                .expectException(InvalidInputException.class)
                .expectExceptionMessage(containsString("maxAttempts"));
    }

    @Test
    void submitRunCommandWithNonPositiveTimeoutIsRejected() {
        fixture.givenNoPriorActivity()
                .when(submit(new RunSpec(null, "echo", null, null, null, 1, 0L)))
                .expectException(InvalidInputException.class)
                .expectExceptionMessage(containsString("timeoutSeconds"));
    }

    @Test
    void leaseRunCommandOnQueuedRunStartsFirstAttemptAndWatchesTheLease() {
        fixture.givenCurrentTime(Instant.ofEpochMilli(NOW))
                .andGiven(submittedRunCreated(), submitted(2))
                .when(lease(AGENT))
                .expectEvents(attemptStarted(1, AGENT))
                .expectResultMessagePayload(1)
                .expectScheduledDeadlineWithName(Duration.ofMillis(LEASE_MILLIS), Run.LEASE_DEADLINE);
    }

    @Test
    void leaseRunCommandOnRunAlreadyLeasedIsRejectedSoOnlyOneOfTwoRacingAgentsWins() {
        fixture.givenCommands(submit(2), lease(AGENT))
                .when(lease(OTHER_AGENT))
                .expectException(ConflictException.class)
                .expectNoEvents();
    }

    @Test
    void leaseRunCommandOnRunNotSubmittedIsRejected() {
        fixture.given(RunMother.created(RunStatus.QUEUED))
                .when(lease(AGENT))
                .expectException(ConflictException.class);
    }

    @Test
    void leaseRunCommandFromAnotherTenantIsNotFound() {
        fixture.given(submittedRunCreated(), submitted(2))
                .when(new io.cairn.run.api.RunCommand.LeaseRunCommand(RUN_ID, OTHER_TENANT, AGENT, LEASE_MILLIS))
                .expectException(NotFoundException.class);
    }

    @Test
    void leaseRunCommandOnKilledRunIsRejected() {
        fixture.given(submittedRunCreated(), submitted(2), new RunFinishedEvent(RUN_ID, TENANT, RunStatus.KILLED, NOW))
                .when(lease(AGENT))
                .expectException(ConflictException.class);
    }

    @Test
    void extendRunLeaseCommandByTheHolderExtendsTheLease() {
        fixture.given(submittedRunCreated(), submitted(2), attemptStarted(1, AGENT))
                .when(new ExtendRunLeaseCommand(RUN_ID, TENANT, AGENT, 60_000))
                .expectEvents(new RunLeaseExtendedEvent(RUN_ID, TENANT, 1, AGENT, NOW + 60_000));
    }

    @Test
    void extendRunLeaseCommandByAnotherAgentIsRejected() {
        fixture.given(submittedRunCreated(), submitted(2), attemptStarted(1, AGENT))
                .when(new ExtendRunLeaseCommand(RUN_ID, TENANT, OTHER_AGENT, 60_000))
                .expectException(ConflictException.class);
    }

    @Test
    void extendRunLeaseCommandOnKilledRunIsRejectedSoTheAgentCancels() {
        fixture.given(submittedRunCreated(), submitted(2), attemptStarted(1, AGENT),
                        new RunFinishedEvent(RUN_ID, TENANT, RunStatus.KILLED, NOW))
                .when(new ExtendRunLeaseCommand(RUN_ID, TENANT, AGENT, 60_000))
                .expectException(ConflictException.class);
    }

    @Test
    void endRunAttemptCommandByTheHolderEndsTheRunWithItsStatus() {
        fixture.given(submittedRunCreated(), submitted(2), attemptStarted(1, AGENT))
                .when(new EndRunAttemptCommand(RUN_ID, TENANT, AGENT, 1, RunStatus.FAILED, 3, "exit code 3"))
                .expectEvents(new RunAttemptEndedEvent(RUN_ID, TENANT, 1, AGENT, RunStatus.FAILED, 3, "exit code 3"),
                        new RunFinishedEvent(RUN_ID, TENANT, RunStatus.FAILED, NOW));
    }

    @Test
    void endRunAttemptCommandByAnotherAgentIsRejected() {
        fixture.given(submittedRunCreated(), submitted(2), attemptStarted(1, AGENT))
                .when(new EndRunAttemptCommand(RUN_ID, TENANT, OTHER_AGENT, 1, RunStatus.FINISHED, 0, null))
                .expectException(ConflictException.class);
    }

    @Test
    void endRunAttemptCommandAboutAnEarlierAttemptIsRejected() {
        fixture.given(submittedRunCreated(), submitted(2), attemptStarted(1, AGENT),
                        new RunAttemptLostEvent(RUN_ID, TENANT, 1, AGENT, "lost", true), attemptStarted(2, AGENT))
                .when(new EndRunAttemptCommand(RUN_ID, TENANT, AGENT, 1, RunStatus.FINISHED, 0, null))
                .expectException(ConflictException.class);
    }

    @Test
    void endRunAttemptCommandWithRunningStatusIsRejected() {
        fixture.given(submittedRunCreated(), submitted(2), attemptStarted(1, AGENT))
                .when(new EndRunAttemptCommand(RUN_ID, TENANT, AGENT, 1, RunStatus.RUNNING, 0, null))
                .expectException(InvalidInputException.class);
    }

    @Test
    void expiredLeaseLosesTheAttemptAndRequeuesTheRun() {
        fixture.givenCurrentTime(Instant.ofEpochMilli(NOW))
                .andGivenCommands(submit(2), lease(AGENT))
                .whenTimeElapses(Duration.ofMillis(LEASE_MILLIS + 1))
                .expectEventsMatching(payloadsMatching(exactSequenceOf(matches(e -> e instanceof RunAttemptLostEvent lost
                        && lost.attempt() == 1 && lost.requeued() && lost.agentId().equals(AGENT)))))
                .expectTriggeredDeadlinesWithName(Run.LEASE_DEADLINE);
    }

    @Test
    void expiredLeaseOfTheLastAttemptFailsTheRunWithAReason() {
        fixture.givenCurrentTime(Instant.ofEpochMilli(NOW))
                .andGivenCommands(submit(1), lease(AGENT))
                .whenTimeElapses(Duration.ofMillis(LEASE_MILLIS + 1))
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        matches(e -> e instanceof RunAttemptLostEvent lost && !lost.requeued()
                                && lost.reason().contains("attempt 1 of 1")),
                        matches(e -> e.equals(new RunFinishedEvent(RUN_ID, TENANT, RunStatus.FAILED, NOW + LEASE_MILLIS))))));
    }

    @Test
    void requeuedRunIsLeasedAgainAsTheNextAttempt() {
        fixture.given(submittedRunCreated(), submitted(2), attemptStarted(1, AGENT),
                        new RunAttemptLostEvent(RUN_ID, TENANT, 1, AGENT, "lost", true))
                .when(lease(OTHER_AGENT))
                .expectEvents(attemptStarted(2, OTHER_AGENT));
    }

    @Test
    void extendedLeaseOutlivesTheDeadlineScheduledForItsFirstExpiry() {
        fixture.givenCurrentTime(Instant.ofEpochMilli(NOW))
                .andGivenCommands(submit(2), lease(AGENT), new ExtendRunLeaseCommand(RUN_ID, TENANT, AGENT, 60_000))
                .whenTimeElapses(Duration.ofMillis(LEASE_MILLIS + 1))
                .expectNoEvents()
                .expectScheduledDeadlineWithName(Duration.ofMillis(60_000 - LEASE_MILLIS - 1), Run.LEASE_DEADLINE);
    }

    @Test
    void leaseDeadlineOfAFinishedRunChangesNothing() {
        fixture.givenCurrentTime(Instant.ofEpochMilli(NOW))
                .andGivenCommands(submit(2), lease(AGENT), new FinishRunCommand(RUN_ID, TENANT, RunStatus.KILLED, null))
                .whenTimeElapses(Duration.ofMillis(LEASE_MILLIS + 1))
                .expectNoEvents();
    }

    @Test
    void checkRunLeaseCommandExpiresALeaseThatRanOutWhileTheBackendWasDown() {
        fixtureAt(Clock.fixed(Instant.ofEpochMilli(NOW + LEASE_MILLIS + 1), ZoneOffset.UTC))
                .given(submittedRunCreated(), submitted(2), attemptStarted(1, AGENT))
                .when(new CheckRunLeaseCommand(RUN_ID, TENANT))
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        matches(e -> e instanceof RunAttemptLostEvent lost && lost.requeued()))));
    }

    @Test
    void checkRunLeaseCommandSchedulesTheDeadlineOfALiveLease() {
        fixture.givenCurrentTime(Instant.ofEpochMilli(NOW))
                .andGiven(submittedRunCreated(), submitted(2), attemptStarted(1, AGENT))
                .when(new CheckRunLeaseCommand(RUN_ID, TENANT))
                .expectNoEvents()
                .expectScheduledDeadlineWithName(Duration.ofMillis(LEASE_MILLIS), Run.LEASE_DEADLINE);
    }

    @Test
    void startRunCommandOnSubmittedRunIsRejected() {
        fixture.given(submittedRunCreated(), submitted(2))
                .when(new StartRunCommand(RUN_ID, TENANT, null))
                .expectException(ConflictException.class);
    }
}
