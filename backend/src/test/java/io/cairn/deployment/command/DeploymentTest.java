package io.cairn.deployment.command;

import static io.cairn.deployment.command.DeploymentMother.DEPLOYMENT_ID;
import static io.cairn.deployment.command.DeploymentMother.MODEL_ID;
import static io.cairn.deployment.command.DeploymentMother.NAME;
import static io.cairn.deployment.command.DeploymentMother.OTHER_TENANT;
import static io.cairn.deployment.command.DeploymentMother.PROJECT_ID;
import static io.cairn.deployment.command.DeploymentMother.TENANT;
import static io.cairn.deployment.command.DeploymentMother.aliased;
import static io.cairn.deployment.command.DeploymentMother.canaryStarted;
import static io.cairn.deployment.command.DeploymentMother.create;
import static io.cairn.deployment.command.DeploymentMother.created;
import static io.cairn.deployment.command.DeploymentMother.version;

import io.cairn.common.error.ConflictException;
import io.cairn.common.error.InvalidInputException;
import io.cairn.common.error.NotFoundException;
import io.cairn.deployment.api.DeploymentCommand.CreateDeploymentCommand;
import io.cairn.deployment.api.DeploymentCommand.DeleteDeploymentCommand;
import io.cairn.deployment.api.DeploymentCommand.PromoteCanaryCommand;
import io.cairn.deployment.api.DeploymentCommand.RollBackCanaryCommand;
import io.cairn.deployment.api.DeploymentCommand.ScaleDeploymentCommand;
import io.cairn.deployment.api.DeploymentCommand.UpdateDeploymentCommand;
import io.cairn.deployment.api.DeploymentEvent.DeploymentCanaryPromotedEvent;
import io.cairn.deployment.api.DeploymentEvent.DeploymentCanaryRolledBackEvent;
import io.cairn.deployment.api.DeploymentEvent.DeploymentCanaryStartedEvent;
import io.cairn.deployment.api.DeploymentEvent.DeploymentCreatedEvent;
import io.cairn.deployment.api.DeploymentEvent.DeploymentDeletedEvent;
import io.cairn.deployment.api.DeploymentEvent.DeploymentScaledEvent;
import io.cairn.deployment.api.DeploymentEvent.DeploymentVersionChangedEvent;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeploymentTest {

    private AggregateTestFixture<Deployment> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Deployment.class);
    }

    @Test
    void createDeploymentCommandRecordsTheAliasAndTheVersionItResolvedTo() {
        fixture.givenNoPriorActivity()
                .when(create(aliased(3, "champion"), 2))
                .expectEvents(new DeploymentCreatedEvent(DEPLOYMENT_ID, TENANT, NAME, "local", PROJECT_ID, MODEL_ID,
                        aliased(3, "champion"), 2));
    }

    @Test
    void createDeploymentCommandDefaultsToOneReplica() {
        fixture.givenNoPriorActivity()
                .when(create(version(1), null))
                .expectEvents(created());
    }

    @Test
    void createDeploymentCommandWithReplicasOutOfRangeIsRejected() {
        fixture.givenNoPriorActivity()
                .when(create(version(1), Deployment.MAX_REPLICAS + 1))
                .expectException(InvalidInputException.class)
                .expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(create(version(1), -1))
                .expectException(InvalidInputException.class)
                .expectNoEvents();
    }

    @Test
    void createDeploymentCommandOnAnUnknownTargetIsRejected() {
        fixture.givenNoPriorActivity()
                .when(new CreateDeploymentCommand(DEPLOYMENT_ID, TENANT, NAME, "mainframe", PROJECT_ID, MODEL_ID,
                        version(1), 1))
                .expectException(InvalidInputException.class)
                .expectNoEvents();
    }

    @Test
    void createDeploymentCommandOnKubernetesCreatesAKubernetesDeployment() {
        fixture.givenNoPriorActivity()
                .when(new CreateDeploymentCommand(DEPLOYMENT_ID, TENANT, NAME, Deployment.KUBERNETES, PROJECT_ID,
                        MODEL_ID, version(1), 3))
                .expectEvents(new DeploymentCreatedEvent(DEPLOYMENT_ID, TENANT, NAME, Deployment.KUBERNETES, PROJECT_ID,
                        MODEL_ID, version(1), 3));
    }

    @Test
    void createDeploymentCommandWithoutNameOrVersionIsRejected() {
        fixture.givenNoPriorActivity()
                .when(new CreateDeploymentCommand(DEPLOYMENT_ID, TENANT, " ", "local", PROJECT_ID, MODEL_ID, version(1), 1))
                .expectException(InvalidInputException.class)
                .expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new CreateDeploymentCommand(DEPLOYMENT_ID, TENANT, NAME, "local", PROJECT_ID, MODEL_ID, null, 1))
                .expectException(InvalidInputException.class)
                .expectNoEvents();
    }

    @Test
    void scaleDeploymentCommandChangesReplicasOnce() {
        fixture.given(created())
                .when(new ScaleDeploymentCommand(DEPLOYMENT_ID, TENANT, 3))
                .expectEvents(new DeploymentScaledEvent(DEPLOYMENT_ID, TENANT, 3, 1));
        fixture.given(created())
                .when(new ScaleDeploymentCommand(DEPLOYMENT_ID, TENANT, 1))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void scaleDeploymentCommandToZeroStopsServingButKeepsTheDeployment() {
        fixture.given(created())
                .when(new ScaleDeploymentCommand(DEPLOYMENT_ID, TENANT, 0))
                .expectEvents(new DeploymentScaledEvent(DEPLOYMENT_ID, TENANT, 0, 1));
    }

    @Test
    void scaleDeploymentCommandOutOfRangeOrMissingIsRejected() {
        fixture.given(created())
                .when(new ScaleDeploymentCommand(DEPLOYMENT_ID, TENANT, Deployment.MAX_REPLICAS + 1))
                .expectException(InvalidInputException.class)
                .expectNoEvents();
        fixture.given(created())
                .when(new ScaleDeploymentCommand(DEPLOYMENT_ID, TENANT, null))
                .expectException(InvalidInputException.class)
                .expectNoEvents();
    }

    @Test
    void updateDeploymentCommandWithoutCanarySwitchesAtOnce() {
        fixture.given(created())
                .when(new UpdateDeploymentCommand(DEPLOYMENT_ID, TENANT, aliased(2, "challenger"), null))
                .expectEvents(new DeploymentVersionChangedEvent(DEPLOYMENT_ID, TENANT, MODEL_ID, aliased(2, "challenger"), 1));
    }

    @Test
    void updateDeploymentCommandWithCanaryPercentStartsACanary() {
        fixture.given(created())
                .when(new UpdateDeploymentCommand(DEPLOYMENT_ID, TENANT, version(2), 10))
                .expectEvents(new DeploymentCanaryStartedEvent(DEPLOYMENT_ID, TENANT, MODEL_ID, version(2), 10, 1));
    }

    @Test
    void updateDeploymentCommandWithCanaryPercentOutsideOneTo99IsRejected() {
        for (int percent : new int[] {0, 100, -5}) {
            fixture.given(created())
                    .when(new UpdateDeploymentCommand(DEPLOYMENT_ID, TENANT, version(2), percent))
                    .expectException(InvalidInputException.class)
                    .expectNoEvents();
        }
    }

    @Test
    void updateDeploymentCommandToTheServedVersionIsRejected() {
        fixture.given(created())
                .when(new UpdateDeploymentCommand(DEPLOYMENT_ID, TENANT, version(1), 10))
                .expectException(ConflictException.class)
                .expectNoEvents();
    }

    @Test
    void updateDeploymentCommandDuringACanaryIsRejected() {
        fixture.given(created(), canaryStarted(2, 10))
                .when(new UpdateDeploymentCommand(DEPLOYMENT_ID, TENANT, version(3), 20))
                .expectException(ConflictException.class)
                .expectNoEvents();
    }

    @Test
    void promoteCanaryCommandMakesTheCanaryStable() {
        fixture.given(created(), canaryStarted(2, 10))
                .when(new PromoteCanaryCommand(DEPLOYMENT_ID, TENANT))
                .expectEvents(new DeploymentCanaryPromotedEvent(DEPLOYMENT_ID, TENANT, 2, 1));
    }

    @Test
    void promoteCanaryCommandWithoutCanaryIsRejected() {
        fixture.given(created())
                .when(new PromoteCanaryCommand(DEPLOYMENT_ID, TENANT))
                .expectException(ConflictException.class)
                .expectNoEvents();
        fixture.given(created(), canaryStarted(2, 10), new DeploymentCanaryPromotedEvent(DEPLOYMENT_ID, TENANT, 2, 1))
                .when(new PromoteCanaryCommand(DEPLOYMENT_ID, TENANT))
                .expectException(ConflictException.class)
                .expectNoEvents();
    }

    @Test
    void aPromotedCanaryIsTheVersionLaterUpdatesCompareWith() {
        fixture.given(created(), canaryStarted(2, 10), new DeploymentCanaryPromotedEvent(DEPLOYMENT_ID, TENANT, 2, 1))
                .when(new UpdateDeploymentCommand(DEPLOYMENT_ID, TENANT, version(2), null))
                .expectException(ConflictException.class)
                .expectNoEvents();
    }

    @Test
    void rollBackCanaryCommandDropsTheCanary() {
        fixture.given(created(), canaryStarted(2, 10))
                .when(new RollBackCanaryCommand(DEPLOYMENT_ID, TENANT))
                .expectEvents(new DeploymentCanaryRolledBackEvent(DEPLOYMENT_ID, TENANT, 2));
    }

    @Test
    void rollBackCanaryCommandWithoutCanaryIsRejected() {
        fixture.given(created())
                .when(new RollBackCanaryCommand(DEPLOYMENT_ID, TENANT))
                .expectException(ConflictException.class)
                .expectNoEvents();
        fixture.given(created(), canaryStarted(2, 10), new DeploymentCanaryRolledBackEvent(DEPLOYMENT_ID, TENANT, 2))
                .when(new RollBackCanaryCommand(DEPLOYMENT_ID, TENANT))
                .expectException(ConflictException.class)
                .expectNoEvents();
    }

    @Test
    void deleteDeploymentCommandDeletes() {
        fixture.given(created(), canaryStarted(2, 10))
                .when(new DeleteDeploymentCommand(DEPLOYMENT_ID, TENANT))
                .expectEvents(new DeploymentDeletedEvent(DEPLOYMENT_ID, TENANT));
    }

    @Test
    void commandOnADeletedDeploymentIsNotFound() {
        fixture.given(created(), new DeploymentDeletedEvent(DEPLOYMENT_ID, TENANT))
                .when(new DeleteDeploymentCommand(DEPLOYMENT_ID, TENANT))
                .expectException(NotFoundException.class)
                .expectNoEvents();
        fixture.given(created(), new DeploymentDeletedEvent(DEPLOYMENT_ID, TENANT))
                .when(new ScaleDeploymentCommand(DEPLOYMENT_ID, TENANT, 2))
                .expectException(NotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void commandOfAnotherTenantIsNotFound() {
        fixture.given(created())
                .when(new ScaleDeploymentCommand(DEPLOYMENT_ID, OTHER_TENANT, 2))
                .expectException(NotFoundException.class)
                .expectNoEvents();
        fixture.given(created())
                .when(new DeleteDeploymentCommand(DEPLOYMENT_ID, OTHER_TENANT))
                .expectException(NotFoundException.class)
                .expectNoEvents();
    }
}
