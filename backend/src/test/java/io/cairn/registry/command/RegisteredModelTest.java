package io.cairn.registry.command;

import static io.cairn.registry.command.RegistryMother.ADMIN;
import static io.cairn.registry.command.RegistryMother.MEMBER;
import static io.cairn.registry.command.RegistryMother.MODEL_ID;
import static io.cairn.registry.command.RegistryMother.OTHER_TENANT;
import static io.cairn.registry.command.RegistryMother.OWNER;
import static io.cairn.registry.command.RegistryMother.PATH;
import static io.cairn.registry.command.RegistryMother.PROJECT_ID;
import static io.cairn.registry.command.RegistryMother.REQUEST_ID;
import static io.cairn.registry.command.RegistryMother.RUN_ID;
import static io.cairn.registry.command.RegistryMother.SHA256;
import static io.cairn.registry.command.RegistryMother.SIGNATURE;
import static io.cairn.registry.command.RegistryMother.SIZE;
import static io.cairn.registry.command.RegistryMother.TENANT;
import static io.cairn.registry.command.RegistryMother.aliasRequested;
import static io.cairn.registry.command.RegistryMother.created;
import static io.cairn.registry.command.RegistryMother.createVersion;
import static io.cairn.registry.command.RegistryMother.productionRequested;
import static io.cairn.registry.command.RegistryMother.setAlias;
import static io.cairn.registry.command.RegistryMother.stageChanged;
import static io.cairn.registry.command.RegistryMother.transition;
import static io.cairn.registry.command.RegistryMother.versionCreated;

import io.cairn.common.error.ConflictException;
import io.cairn.common.error.ForbiddenException;
import io.cairn.common.error.InvalidInputException;
import io.cairn.common.error.NotFoundException;
import io.cairn.common.naming.InMemoryUniqueNames;
import io.cairn.registry.api.ModelChangeOutcome;
import io.cairn.registry.api.ModelSignature;
import io.cairn.registry.api.ModelSignature.Column;
import io.cairn.registry.api.ModelStage;
import io.cairn.registry.api.RegisteredModelCommand.ApproveModelChangeCommand;
import io.cairn.registry.api.RegisteredModelCommand.CreateModelVersionCommand;
import io.cairn.registry.api.RegisteredModelCommand.CreateRegisteredModelCommand;
import io.cairn.registry.api.RegisteredModelCommand.DeleteModelVersionCommand;
import io.cairn.registry.api.RegisteredModelCommand.DeleteRegisteredModelCommand;
import io.cairn.registry.api.RegisteredModelCommand.DescribeModelVersionCommand;
import io.cairn.registry.api.RegisteredModelCommand.DescribeRegisteredModelCommand;
import io.cairn.registry.api.RegisteredModelCommand.RejectModelChangeCommand;
import io.cairn.registry.api.RegisteredModelCommand.RemoveModelAliasCommand;
import io.cairn.registry.api.RegisteredModelCommand.RenameRegisteredModelCommand;
import io.cairn.registry.api.RegisteredModelCommand.SetProtectedAliasesCommand;
import io.cairn.registry.api.RegisteredModelCommand.TagModelVersionCommand;
import io.cairn.registry.api.RegisteredModelCommand.TagRegisteredModelCommand;
import io.cairn.registry.api.RegisteredModelCommand.UntagModelVersionCommand;
import io.cairn.registry.api.RegisteredModelCommand.UntagRegisteredModelCommand;
import io.cairn.registry.api.RegisteredModelEvent.ModelAliasRemovedEvent;
import io.cairn.registry.api.RegisteredModelEvent.ModelAliasSetEvent;
import io.cairn.registry.api.RegisteredModelEvent.ModelChangeApprovedEvent;
import io.cairn.registry.api.RegisteredModelEvent.ModelChangeRejectedEvent;
import io.cairn.registry.api.RegisteredModelEvent.ModelVersionDeletedEvent;
import io.cairn.registry.api.RegisteredModelEvent.ModelVersionDescribedEvent;
import io.cairn.registry.api.RegisteredModelEvent.ModelVersionTaggedEvent;
import io.cairn.registry.api.RegisteredModelEvent.ModelVersionUntaggedEvent;
import io.cairn.registry.api.RegisteredModelEvent.ProtectedAliasesChangedEvent;
import io.cairn.registry.api.RegisteredModelEvent.RegisteredModelDeletedEvent;
import io.cairn.registry.api.RegisteredModelEvent.RegisteredModelDescribedEvent;
import io.cairn.registry.api.RegisteredModelEvent.RegisteredModelRenamedEvent;
import io.cairn.registry.api.RegisteredModelEvent.RegisteredModelTaggedEvent;
import io.cairn.registry.api.RegisteredModelEvent.RegisteredModelUntaggedEvent;
import io.cairn.run.api.RunArtifact;
import io.cairn.run.api.RunGuard;
import io.cairn.project.api.ProjectRole;
import io.cairn.tenancy.AccessPolicy;
import io.cairn.tenancy.query.AccessReadModel;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RegisteredModelTest {

    private AggregateTestFixture<RegisteredModel> fixture;
    private InMemoryUniqueNames names;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(RegisteredModel.class);
        names = new InMemoryUniqueNames();
        RunGuard runs = (tenantId, runId, path, runField, pathField) -> {
            if (!TENANT.equals(tenantId) || !RUN_ID.equals(runId)) {
                throw new NotFoundException("Run", runId, runField);
            }
            if (!PATH.equals(path)) {
                throw new NotFoundException("Artifact", path, pathField);
            }
            return new RunArtifact(RUN_ID, PROJECT_ID, PATH, SHA256, SIZE);
        };
        fixture.registerInjectableResource(names);
        fixture.registerInjectableResource(runs);
        fixture.registerInjectableResource(new AccessPolicy(new AccessReadModel(null) {
            // Project grants: none in these tests, so only owners and admins approve.
            @Override
            public Optional<ProjectRole> grantedRole(String tenantId, String projectId, String principalId) {
                return Optional.empty();
            }
        }));
    }

    @Test
    void createRegisteredModelCommandCreatesModelWithChampionProtected() {
        fixture.givenNoPriorActivity()
                .when(new CreateRegisteredModelCommand(MODEL_ID, TENANT, " iris-classifier ", "Fisher's iris",
                        Map.of("team", "risk")))
                .expectEvents(created());
    }

    @Test
    void createRegisteredModelCommandWithTakenNameIsRejected() {
        names.claim(TENANT, RegisteredModel.NAME_SCOPE, "iris-classifier", "m-0", "name");
        fixture.givenNoPriorActivity()
                .when(new CreateRegisteredModelCommand(MODEL_ID, TENANT, "iris-classifier", null, null))
                .expectException(ConflictException.class)
                .expectNoEvents();
    }

    @Test
    void createRegisteredModelCommandWithBadTagIsRejected() {
        fixture.givenNoPriorActivity()
                .when(new CreateRegisteredModelCommand(MODEL_ID, TENANT, "iris", null, Map.of("bad key!", "v")))
                .expectException(InvalidInputException.class)
                .expectNoEvents();
    }

    @Test
    void renameRegisteredModelCommandMovesTheNameClaim() {
        names.claim(TENANT, RegisteredModel.NAME_SCOPE, "iris-classifier", MODEL_ID, "name");
        fixture.given(created())
                .when(new RenameRegisteredModelCommand(MODEL_ID, TENANT, "iris-v2"))
                .expectEvents(new RegisteredModelRenamedEvent(MODEL_ID, TENANT, "iris-v2"));
        names.claim(TENANT, RegisteredModel.NAME_SCOPE, "iris-classifier", "m-2", "name");
    }

    @Test
    void renameRegisteredModelCommandToTakenNameIsRejected() {
        names.claim(TENANT, RegisteredModel.NAME_SCOPE, "taken", "m-0", "name");
        fixture.given(created())
                .when(new RenameRegisteredModelCommand(MODEL_ID, TENANT, "taken"))
                .expectException(ConflictException.class)
                .expectNoEvents();
    }

    @Test
    void describeRegisteredModelCommandRecordsDescription() {
        fixture.given(created())
                .when(new DescribeRegisteredModelCommand(MODEL_ID, TENANT, "MLP on iris"))
                .expectEvents(new RegisteredModelDescribedEvent(MODEL_ID, TENANT, "MLP on iris"));
    }

    @Test
    void tagRegisteredModelCommandTagsUpToTheLimit() {
        fixture.given(created())
                .when(new TagRegisteredModelCommand(MODEL_ID, TENANT, Map.of("owner", "ml-team")))
                .expectEvents(new RegisteredModelTaggedEvent(MODEL_ID, TENANT, Map.of("owner", "ml-team")));
        Map<String, String> tooMany = new HashMap<>();
        for (int i = 0; i < RegistryRules.MAX_TAGS; i++) {
            tooMany.put("k" + i, "v");
        }
        fixture.given(created())
                .when(new TagRegisteredModelCommand(MODEL_ID, TENANT, tooMany))
                .expectException(InvalidInputException.class)
                .expectExceptionMessage("At most 100 tags; this would make 101")
                .expectNoEvents();
    }

    @Test
    void untagRegisteredModelCommandRemovesKnownKeyOnly() {
        fixture.given(created())
                .when(new UntagRegisteredModelCommand(MODEL_ID, TENANT, "team"))
                .expectEvents(new RegisteredModelUntaggedEvent(MODEL_ID, TENANT, "team"));
        fixture.given(created())
                .when(new UntagRegisteredModelCommand(MODEL_ID, TENANT, "nope"))
                .expectException(NotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void deleteRegisteredModelCommandDeletesOnceAndFreesTheName() {
        names.claim(TENANT, RegisteredModel.NAME_SCOPE, "iris-classifier", MODEL_ID, "name");
        fixture.given(created())
                .when(new DeleteRegisteredModelCommand(MODEL_ID, TENANT))
                .expectEvents(new RegisteredModelDeletedEvent(MODEL_ID, TENANT));
        names.claim(TENANT, RegisteredModel.NAME_SCOPE, "iris-classifier", "m-2", "name");
        fixture.given(created(), new RegisteredModelDeletedEvent(MODEL_ID, TENANT))
                .when(new DeleteRegisteredModelCommand(MODEL_ID, TENANT))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void commandOnDeletedModelIsRejected() {
        fixture.given(created(), versionCreated(1), new RegisteredModelDeletedEvent(MODEL_ID, TENANT))
                .when(setAlias("challenger", 1, MEMBER))
                .expectException(ConflictException.class)
                .expectExceptionMessage("Model 'm-1' is deleted and accepts no changes")
                .expectNoEvents();
    }

    @Test
    void commandFromAnotherTenantIsNotFound() {
        fixture.given(created())
                .when(new DescribeRegisteredModelCommand(MODEL_ID, OTHER_TENANT, "mine now"))
                .expectException(NotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void setProtectedAliasesCommandByAdminReplacesTheSet() {
        fixture.given(created())
                .when(new SetProtectedAliasesCommand(MODEL_ID, TENANT, List.of("prod", "champion"), ADMIN))
                .expectEvents(new ProtectedAliasesChangedEvent(MODEL_ID, TENANT, List.of("champion", "prod")));
        fixture.given(created())
                .when(new SetProtectedAliasesCommand(MODEL_ID, TENANT, List.of("champion"), ADMIN))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void setProtectedAliasesCommandByMemberOrWithBadAliasIsRejected() {
        fixture.given(created())
                .when(new SetProtectedAliasesCommand(MODEL_ID, TENANT, List.of(), MEMBER))
                .expectException(ForbiddenException.class)
                .expectNoEvents();
        fixture.given(created())
                .when(new SetProtectedAliasesCommand(MODEL_ID, TENANT, List.of("champion", "Bad Alias"), ADMIN))
                .expectException(InvalidInputException.class)
                .expectNoEvents();
    }

    @Test
    void createModelVersionCommandRegistersNextVersionPinnedToTheArtifactDigest() {
        fixture.given(created(), versionCreated(1))
                .when(createVersion())
                .expectResultMessagePayload(2)
                .expectEvents(versionCreated(2));
    }

    @Test
    void tagModelVersionCommandTagsAnExistingVersion() {
        fixture.given(created(), versionCreated(1))
                .when(new TagModelVersionCommand(MODEL_ID, TENANT, 1, Map.of("validated", "yes")))
                .expectEvents(new ModelVersionTaggedEvent(MODEL_ID, TENANT, 1, Map.of("validated", "yes")));
        fixture.given(created(), versionCreated(1))
                .when(new TagModelVersionCommand(MODEL_ID, TENANT, 2, Map.of("validated", "yes")))
                .expectException(NotFoundException.class);
        fixture.given(created(), versionCreated(1))
                .when(new TagModelVersionCommand(MODEL_ID, TENANT, 1, Map.of()))
                .expectException(InvalidInputException.class);
    }

    @Test
    void untagModelVersionCommandRemovesKnownTagAndRejectsUnknown() {
        fixture.given(created(), versionCreated(1))
                .when(new UntagModelVersionCommand(MODEL_ID, TENANT, 1, "epochs"))
                .expectEvents(new ModelVersionUntaggedEvent(MODEL_ID, TENANT, 1, "epochs"));
        fixture.given(created(), versionCreated(1), new ModelVersionUntaggedEvent(MODEL_ID, TENANT, 1, "epochs"))
                .when(new UntagModelVersionCommand(MODEL_ID, TENANT, 1, "epochs"))
                .expectException(NotFoundException.class);
        fixture.given(created(), versionCreated(1), new ModelVersionTaggedEvent(MODEL_ID, TENANT, 1, Map.of("k", "v")))
                .when(new UntagModelVersionCommand(MODEL_ID, TENANT, 1, "k"))
                .expectEvents(new ModelVersionUntaggedEvent(MODEL_ID, TENANT, 1, "k"));
    }

    @Test
    void describeModelVersionCommandRecordsDescriptionUnlessModelIsDeleted() {
        fixture.given(created(), versionCreated(1))
                .when(new DescribeModelVersionCommand(MODEL_ID, TENANT, 1, "better recall"))
                .expectEvents(new ModelVersionDescribedEvent(MODEL_ID, TENANT, 1, "better recall"));
        fixture.given(created(), versionCreated(1), new RegisteredModelDeletedEvent(MODEL_ID, TENANT))
                .when(new DescribeModelVersionCommand(MODEL_ID, TENANT, 1, "better recall"))
                .expectException(ConflictException.class);
        fixture.given(created(), versionCreated(1))
                .when(new DescribeModelVersionCommand(MODEL_ID, OTHER_TENANT, 1, "x"))
                .expectException(NotFoundException.class);
    }

    @Test
    void createModelVersionCommandFromMissingArtifactIsNotFound() {
        fixture.given(created())
                .when(new CreateModelVersionCommand(MODEL_ID, TENANT, RUN_ID, "model/missing.zip", "dl4j", null, null,
                        null))
                .expectException(NotFoundException.class)
                .expectExceptionMessage("Artifact 'model/missing.zip' not found")
                .expectNoEvents();
        fixture.given(created())
                .when(new CreateModelVersionCommand(MODEL_ID, TENANT, "r-elsewhere", PATH, "dl4j", null, null, null))
                .expectException(NotFoundException.class)
                .expectExceptionMessage("Run 'r-elsewhere' not found")
                .expectNoEvents();
    }

    @Test
    void createModelVersionCommandWithUnknownFlavorOrBadSignatureIsRejected() {
        fixture.given(created())
                .when(new CreateModelVersionCommand(MODEL_ID, TENANT, RUN_ID, PATH, "pytorch", SIGNATURE, null, null))
                .expectException(InvalidInputException.class)
                .expectExceptionMessage("flavor must be one of dl4j, spark-ml, generic")
                .expectNoEvents();
        ModelSignature untyped = new ModelSignature(List.of(new Column("x", "tensor")), null);
        fixture.given(created())
                .when(new CreateModelVersionCommand(MODEL_ID, TENANT, RUN_ID, PATH, "generic", untyped, null, null))
                .expectException(InvalidInputException.class)
                .expectNoEvents();
        ModelSignature twice = new ModelSignature(List.of(new Column("x", "double"), new Column("x", "double")), null);
        fixture.given(created())
                .when(new CreateModelVersionCommand(MODEL_ID, TENANT, RUN_ID, PATH, "generic", twice, null, null))
                .expectException(InvalidInputException.class)
                .expectExceptionMessage("Column 'x' appears twice")
                .expectNoEvents();
    }

    @Test
    void transitionStageCommandToStagingAppliesAtOnce() {
        fixture.given(created(), versionCreated(1))
                .when(transition(1, "staging", false, MEMBER))
                .expectResultMessagePayload(ModelChangeOutcome.applied())
                .expectEvents(stageChanged(1, ModelStage.NONE, ModelStage.STAGING, null));
    }

    @Test
    void transitionStageCommandWithArchiveExistingArchivesTheVersionsInThatStage() {
        fixture.given(created(), versionCreated(1), versionCreated(2), versionCreated(3),
                        stageChanged(1, ModelStage.NONE, ModelStage.STAGING, null),
                        stageChanged(2, ModelStage.NONE, ModelStage.STAGING, null))
                .when(transition(3, "Staging", true, MEMBER))
                .expectEvents(stageChanged(3, ModelStage.NONE, ModelStage.STAGING, null),
                        stageChanged(1, ModelStage.STAGING, ModelStage.ARCHIVED, null),
                        stageChanged(2, ModelStage.STAGING, ModelStage.ARCHIVED, null));
    }

    @Test
    void transitionStageCommandToProductionRequestsApproval() {
        fixture.given(created(), versionCreated(1))
                .when(transition(1, "Production", true, ADMIN))
                .expectResultMessagePayload(ModelChangeOutcome.awaitingApproval(REQUEST_ID))
                .expectEvents(productionRequested(1, true, ADMIN));
    }

    @Test
    void transitionStageCommandToIllegalStageIsRejected() {
        fixture.given(created(), versionCreated(1))
                .when(transition(1, "Prod", false, MEMBER))
                .expectException(InvalidInputException.class)
                .expectExceptionMessage("stage must be one of None, Staging, Production, Archived")
                .expectNoEvents();
        fixture.given(created(), versionCreated(1))
                .when(transition(1, "Archived", true, MEMBER))
                .expectException(InvalidInputException.class)
                .expectExceptionMessage("archiveExistingVersions applies only to moves to Staging or Production")
                .expectNoEvents();
        fixture.given(created(), versionCreated(1))
                .when(transition(1, "None", false, MEMBER))
                .expectException(ConflictException.class)
                .expectExceptionMessage("Version 1 is already in None")
                .expectNoEvents();
    }

    @Test
    void transitionStageCommandOfMissingVersionIsNotFound() {
        fixture.given(created(), versionCreated(1))
                .when(transition(7, "Staging", false, MEMBER))
                .expectException(NotFoundException.class)
                .expectExceptionMessage("Model version 'm-1.v7' not found")
                .expectNoEvents();
    }

    @Test
    void secondRequestForAPendingChangeIsRejected() {
        fixture.given(created(), versionCreated(1), productionRequested(1, false, MEMBER))
                .when(transition(1, "Production", true, OWNER))
                .expectException(ConflictException.class)
                .expectExceptionMessage("Approval request 'req-1' for this change is already pending")
                .expectNoEvents();
    }

    @Test
    void setModelAliasCommandOnUnprotectedAliasMovesItAtOnce() {
        fixture.given(created(), versionCreated(1), versionCreated(2),
                        new ModelAliasSetEvent(MODEL_ID, TENANT, "challenger", 1, null, null))
                .when(setAlias("challenger", 2, MEMBER))
                .expectResultMessagePayload(ModelChangeOutcome.applied())
                .expectEvents(new ModelAliasSetEvent(MODEL_ID, TENANT, "challenger", 2, 1, null));
    }

    @Test
    void setModelAliasCommandToTheVersionItPointsAtIsRejected() {
        fixture.given(created(), versionCreated(1), new ModelAliasSetEvent(MODEL_ID, TENANT, "challenger", 1, null, null))
                .when(setAlias("challenger", 1, MEMBER))
                .expectException(ConflictException.class)
                .expectExceptionMessage("Alias 'challenger' already points at version 1")
                .expectNoEvents();
    }

    @Test
    void setModelAliasCommandOnProtectedAliasRequestsApproval() {
        fixture.given(created(), versionCreated(1))
                .when(setAlias("champion", 1, MEMBER))
                .expectResultMessagePayload(ModelChangeOutcome.awaitingApproval(REQUEST_ID))
                .expectEvents(aliasRequested("champion", 1, MEMBER));
    }

    @Test
    void setModelAliasCommandWithReservedOrMalformedAliasOrMissingVersionIsRejected() {
        fixture.given(created(), versionCreated(1))
                .when(setAlias("latest", 1, MEMBER))
                .expectException(InvalidInputException.class)
                .expectNoEvents();
        fixture.given(created(), versionCreated(1))
                .when(setAlias("Champion!", 1, MEMBER))
                .expectException(InvalidInputException.class)
                .expectNoEvents();
        fixture.given(created(), versionCreated(1))
                .when(setAlias("challenger", 2, MEMBER))
                .expectException(NotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void removeModelAliasCommandRemovesExistingAliasOnly() {
        fixture.given(created(), versionCreated(1), new ModelAliasSetEvent(MODEL_ID, TENANT, "challenger", 1, null, null))
                .when(new RemoveModelAliasCommand(MODEL_ID, TENANT, "challenger"))
                .expectEvents(new ModelAliasRemovedEvent(MODEL_ID, TENANT, "challenger", 1));
        fixture.given(created(), versionCreated(1))
                .when(new RemoveModelAliasCommand(MODEL_ID, TENANT, "challenger"))
                .expectException(NotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void approveModelChangeCommandByAnotherApproverMovesToProductionAndArchivesTheFormer() {
        fixture.given(created(), versionCreated(1), versionCreated(2),
                        stageChanged(1, ModelStage.NONE, ModelStage.PRODUCTION, "req-0"),
                        productionRequested(2, true, MEMBER))
                .when(new ApproveModelChangeCommand(MODEL_ID, TENANT, REQUEST_ID, "looks good", ADMIN))
                .expectEvents(new ModelChangeApprovedEvent(MODEL_ID, TENANT, REQUEST_ID, ADMIN.principalId(), "looks good"),
                        stageChanged(2, ModelStage.NONE, ModelStage.PRODUCTION, REQUEST_ID),
                        stageChanged(1, ModelStage.PRODUCTION, ModelStage.ARCHIVED, REQUEST_ID));
    }

    @Test
    void approveModelChangeCommandForProtectedAliasMovesIt() {
        fixture.given(created(), versionCreated(1), versionCreated(2),
                        new ModelAliasSetEvent(MODEL_ID, TENANT, "champion", 1, null, "req-0"),
                        aliasRequested("champion", 2, ADMIN))
                .when(new ApproveModelChangeCommand(MODEL_ID, TENANT, REQUEST_ID, null, OWNER))
                .expectEvents(new ModelChangeApprovedEvent(MODEL_ID, TENANT, REQUEST_ID, OWNER.principalId(), null),
                        new ModelAliasSetEvent(MODEL_ID, TENANT, "champion", 2, 1, REQUEST_ID));
    }

    @Test
    void approveModelChangeCommandByTheRequesterIsForbidden() {
        fixture.given(created(), versionCreated(1), productionRequested(1, false, ADMIN))
                .when(new ApproveModelChangeCommand(MODEL_ID, TENANT, REQUEST_ID, null, ADMIN))
                .expectException(ForbiddenException.class)
                .expectExceptionMessage("You requested this change; someone else must approve or reject it")
                .expectNoEvents();
    }

    @Test
    void approveModelChangeCommandByMemberIsForbidden() {
        fixture.given(created(), versionCreated(1), productionRequested(1, false, ADMIN))
                .when(new ApproveModelChangeCommand(MODEL_ID, TENANT, REQUEST_ID, null, MEMBER))
                .expectException(ForbiddenException.class)
                .expectExceptionMessage("Deciding on model changes needs the role ADMIN or OWNER, or MANAGER of the project"
                        + " the version was trained in")
                .expectNoEvents();
    }

    @Test
    void approveModelChangeCommandOnDecidedOrUnknownRequestIsRejected() {
        fixture.given(created(), versionCreated(1), productionRequested(1, false, MEMBER),
                        new ModelChangeRejectedEvent(MODEL_ID, TENANT, REQUEST_ID, OWNER.principalId(), "not yet"))
                .when(new ApproveModelChangeCommand(MODEL_ID, TENANT, REQUEST_ID, null, ADMIN))
                .expectException(ConflictException.class)
                .expectExceptionMessage("Approval request 'req-1' is already rejected")
                .expectNoEvents();
        fixture.given(created(), versionCreated(1))
                .when(new ApproveModelChangeCommand(MODEL_ID, TENANT, "req-404", null, ADMIN))
                .expectException(NotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void rejectModelChangeCommandRecordsTheDecisionAndChangesNothing() {
        fixture.given(created(), versionCreated(1), productionRequested(1, false, MEMBER))
                .when(new RejectModelChangeCommand(MODEL_ID, TENANT, REQUEST_ID, "accuracy too low", ADMIN))
                .expectEvents(new ModelChangeRejectedEvent(MODEL_ID, TENANT, REQUEST_ID, ADMIN.principalId(),
                        "accuracy too low"));
    }

    @Test
    void rejectModelChangeCommandByTheRequesterIsForbidden() {
        fixture.given(created(), versionCreated(1), aliasRequested("champion", 1, OWNER))
                .when(new RejectModelChangeCommand(MODEL_ID, TENANT, REQUEST_ID, null, OWNER))
                .expectException(ForbiddenException.class)
                .expectNoEvents();
    }

    @Test
    void deleteModelVersionCommandRemovesItsAliasesAndWithdrawsItsPendingRequests() {
        fixture.given(created(), versionCreated(1), versionCreated(2),
                        new ModelAliasSetEvent(MODEL_ID, TENANT, "candidate", 2, null, null),
                        new ModelAliasSetEvent(MODEL_ID, TENANT, "baseline", 1, null, null),
                        productionRequested(2, false, MEMBER))
                .when(new DeleteModelVersionCommand(MODEL_ID, TENANT, 2, MEMBER))
                .expectEvents(new ModelAliasRemovedEvent(MODEL_ID, TENANT, "candidate", 2),
                        new ModelVersionDeletedEvent(MODEL_ID, TENANT, 2, ModelStage.NONE, List.of(REQUEST_ID)));
    }

    @Test
    void deletedModelVersionIsGoneAndItsWithdrawnRequestCannotBeDecided() {
        var deleted = new ModelVersionDeletedEvent(MODEL_ID, TENANT, 1, ModelStage.NONE, List.of(REQUEST_ID));
        fixture.given(created(), versionCreated(1), productionRequested(1, false, MEMBER), deleted)
                .when(new ApproveModelChangeCommand(MODEL_ID, TENANT, REQUEST_ID, null, ADMIN))
                .expectException(ConflictException.class)
                .expectExceptionMessage("Approval request 'req-1' is already withdrawn")
                .expectNoEvents();
        fixture.given(created(), versionCreated(1), deleted)
                .when(new DeleteModelVersionCommand(MODEL_ID, TENANT, 1, OWNER))
                .expectException(NotFoundException.class)
                .expectNoEvents();
        fixture.given(created(), versionCreated(1), deleted)
                .when(transition(1, "Staging", false, MEMBER))
                .expectException(NotFoundException.class)
                .expectNoEvents();
        // the number is not reused
        fixture.given(created(), versionCreated(1), deleted)
                .when(createVersion())
                .expectResultMessagePayload(2);
    }

    @Test
    void deleteModelVersionCommandOnProductionOrProtectedAliasNeedsAnApprover() {
        fixture.given(created(), versionCreated(1), stageChanged(1, ModelStage.NONE, ModelStage.PRODUCTION, REQUEST_ID))
                .when(new DeleteModelVersionCommand(MODEL_ID, TENANT, 1, MEMBER))
                .expectException(ForbiddenException.class)
                .expectNoEvents();
        fixture.given(created(), versionCreated(1), new ModelAliasSetEvent(MODEL_ID, TENANT, "champion", 1, null, null))
                .when(new DeleteModelVersionCommand(MODEL_ID, TENANT, 1, MEMBER))
                .expectException(ForbiddenException.class)
                .expectNoEvents();
        fixture.given(created(), versionCreated(1), new ModelAliasSetEvent(MODEL_ID, TENANT, "champion", 1, null, null))
                .when(new DeleteModelVersionCommand(MODEL_ID, TENANT, 1, ADMIN))
                .expectEvents(new ModelAliasRemovedEvent(MODEL_ID, TENANT, "champion", 1),
                        new ModelVersionDeletedEvent(MODEL_ID, TENANT, 1, ModelStage.NONE, List.of()));
    }

    @Test
    void deleteModelVersionCommandOnDeletedModelOrFromAnotherTenantIsRejected() {
        fixture.given(created(), versionCreated(1), new RegisteredModelDeletedEvent(MODEL_ID, TENANT))
                .when(new DeleteModelVersionCommand(MODEL_ID, TENANT, 1, OWNER))
                .expectException(ConflictException.class)
                .expectNoEvents();
        fixture.given(created(), versionCreated(1))
                .when(new DeleteModelVersionCommand(MODEL_ID, OTHER_TENANT, 1, OWNER))
                .expectException(NotFoundException.class)
                .expectNoEvents();
    }
}
