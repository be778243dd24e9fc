package io.cairn.compute.command;

import static io.cairn.compute.command.ComputeMother.OTHER_TENANT;
import static io.cairn.compute.command.ComputeMother.SETTINGS;
import static io.cairn.compute.command.ComputeMother.TARGET_ID;
import static io.cairn.compute.command.ComputeMother.TENANT;
import static io.cairn.compute.command.ComputeMother.createTarget;
import static io.cairn.compute.command.ComputeMother.targetCreated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.cairn.common.error.ConflictException;
import io.cairn.common.error.InvalidInputException;
import io.cairn.common.error.NotFoundException;
import io.cairn.common.naming.UniqueNames;
import io.cairn.compute.api.ComputeTargetCommand.DeleteComputeTargetCommand;
import io.cairn.compute.api.ComputeTargetCommand.UpdateComputeTargetCommand;
import io.cairn.compute.api.ComputeTargetEvent.ComputeTargetDeletedEvent;
import io.cairn.compute.api.ComputeTargetEvent.ComputeTargetUpdatedEvent;
import io.cairn.compute.api.TargetSettings;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ComputeTargetTest {

    private AggregateTestFixture<ComputeTarget> fixture;
    private final Map<String, String> names = new HashMap<>();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ComputeTarget.class);
        fixture.registerInjectableResource(new UniqueNames() {
            @Override
            public void claim(String tenantId, String scope, String name, String ownerId, String field) {
                String owner = names.putIfAbsent(tenantId + "/" + name, ownerId);
                if (owner != null && !owner.equals(ownerId)) {
                    throw new ConflictException(field, "taken");
                }
            }

            @Override
            public void release(String tenantId, String scope, String name, String ownerId) {
                names.remove(tenantId + "/" + name, ownerId);
            }
        });
    }

    @Test
    void createComputeTargetCommandCreatesTargetAndClaimsItsName() {
        fixture.givenNoPriorActivity()
                .when(createTarget("process", SETTINGS))
                .expectEvents(targetCreated());
        assertThat(names).containsEntry(TENANT + "/local", TARGET_ID);
    }

    @Test
    void createComputeTargetCommandWithoutSettingsRecordsEmptySettings() {
        fixture.givenNoPriorActivity()
                .when(createTarget("kubernetes", null))
                .expectEvents(new io.cairn.compute.api.ComputeTargetEvent.ComputeTargetCreatedEvent(TARGET_ID, TENANT,
                        "local", "kubernetes", TargetSettings.none()));
    }

    @Test
    void createComputeTargetCommandWithTakenNameIsConflict() {
        names.put(TENANT + "/local", "t-other");
        fixture.givenNoPriorActivity()
                .when(createTarget("process", SETTINGS))
                .expectException(ConflictException.class);
    }

    @Test
    void createComputeTargetCommandWithUnknownKindIsRejected() {
        fixture.givenNoPriorActivity()
                .when(createTarget("mainframe", SETTINGS))
                .expectException(InvalidInputException.class)
                .expectExceptionMessage(containsString("kind must be one of"));
    }

    @Test
    void createComputeTargetCommandWithBadSparkMasterIsRejected() {
        fixture.givenNoPriorActivity()
                .when(createTarget("spark", new TargetSettings("yarn", null, null, null)))
                .expectException(InvalidInputException.class)
                .expectExceptionMessage(containsString("sparkMaster"));
    }

    @Test
    void createComputeTargetCommandWithBadNamespaceOrLimitsIsRejected() {
        fixture.givenNoPriorActivity()
                .when(createTarget("kubernetes", new TargetSettings(null, "Not_A_Label", null, null)))
                .expectException(InvalidInputException.class);
        fixture.givenNoPriorActivity()
                .when(createTarget("process", new TargetSettings(null, null, -1, null)))
                .expectException(InvalidInputException.class);
        fixture.givenNoPriorActivity()
                .when(createTarget("process", new TargetSettings(null, null, null, 0)))
                .expectException(InvalidInputException.class)
                .expectExceptionMessage(containsString("maxConcurrentRuns"));
    }

    @Test
    void updateComputeTargetCommandRenamesAndReplacesSettings() {
        names.put(TENANT + "/local", TARGET_ID);
        TargetSettings settings = new TargetSettings(null, null, 2, 1);
        fixture.given(targetCreated())
                .when(new UpdateComputeTargetCommand(TARGET_ID, TENANT, "gpu-box", settings))
                .expectEvents(new ComputeTargetUpdatedEvent(TARGET_ID, TENANT, "gpu-box", settings));
        assertThat(names).containsEntry(TENANT + "/gpu-box", TARGET_ID).doesNotContainKey(TENANT + "/local");
    }

    @Test
    void updateComputeTargetCommandFromAnotherTenantIsNotFound() {
        fixture.given(targetCreated())
                .when(new UpdateComputeTargetCommand(TARGET_ID, OTHER_TENANT, "x", null))
                .expectException(NotFoundException.class);
    }

    @Test
    void deleteComputeTargetCommandReleasesTheName() {
        names.put(TENANT + "/local", TARGET_ID);
        fixture.given(targetCreated())
                .when(new DeleteComputeTargetCommand(TARGET_ID, TENANT))
                .expectEvents(new ComputeTargetDeletedEvent(TARGET_ID, TENANT, "local"));
        assertThat(names).isEmpty();
    }

    @Test
    void commandsOnDeletedTargetAreNotFound() {
        fixture.given(targetCreated(), new ComputeTargetDeletedEvent(TARGET_ID, TENANT, "local"))
                .when(new UpdateComputeTargetCommand(TARGET_ID, TENANT, "again", null))
                .expectException(NotFoundException.class);
    }
}
