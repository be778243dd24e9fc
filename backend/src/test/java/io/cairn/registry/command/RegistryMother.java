package io.cairn.registry.command;

import io.cairn.registry.api.ApprovalKind;
import io.cairn.registry.api.ModelFlavor;
import io.cairn.registry.api.ModelSignature;
import io.cairn.registry.api.ModelSignature.Column;
import io.cairn.registry.api.ModelStage;
import io.cairn.registry.api.RegisteredModelCommand.CreateModelVersionCommand;
import io.cairn.registry.api.RegisteredModelCommand.SetModelAliasCommand;
import io.cairn.registry.api.RegisteredModelCommand.TransitionModelVersionStageCommand;
import io.cairn.registry.api.RegisteredModelEvent.ModelChangeApprovalRequestedEvent;
import io.cairn.registry.api.RegisteredModelEvent.ModelVersionCreatedEvent;
import io.cairn.registry.api.RegisteredModelEvent.ModelVersionStageChangedEvent;
import io.cairn.registry.api.RegisteredModelEvent.RegisteredModelCreatedEvent;
import io.cairn.tenancy.CairnPrincipal;
import io.cairn.tenancy.api.OrgRole;
import java.util.List;
import java.util.Map;

/** Test data for the registry context. */
public final class RegistryMother {

    public static final String TENANT = "acme";
    public static final String OTHER_TENANT = "globex";
    public static final String MODEL_ID = "m-1";
    public static final String RUN_ID = "r-1";
    public static final String PROJECT_ID = "p-1";
    public static final String PATH = "model/model.zip";
    public static final String SHA256 = "c".repeat(64);
    public static final long SIZE = 2048;
    public static final String REQUEST_ID = "req-1";

    public static final CairnPrincipal MEMBER = new CairnPrincipal("u-member", TENANT, false, OrgRole.MEMBER);
    public static final CairnPrincipal ADMIN = new CairnPrincipal("u-admin", TENANT, false, OrgRole.ADMIN);
    public static final CairnPrincipal OWNER = new CairnPrincipal("u-owner", TENANT, false, OrgRole.OWNER);

    public static final ModelSignature SIGNATURE = new ModelSignature(
            List.of(new Column("sepal_length", "double"), new Column("petal_length", "double")),
            List.of(new Column("species", "string")));

    private RegistryMother() {
    }

    public static RegisteredModelCreatedEvent created() {
        return new RegisteredModelCreatedEvent(MODEL_ID, TENANT, "iris-classifier", "Fisher's iris",
                Map.of("team", "risk"), List.of("champion"));
    }

    public static CreateModelVersionCommand createVersion() {
        return new CreateModelVersionCommand(MODEL_ID, TENANT, RUN_ID, PATH, "dl4j", SIGNATURE, "first cut",
                Map.of("epochs", "10"));
    }

    public static ModelVersionCreatedEvent versionCreated(int version) {
        return new ModelVersionCreatedEvent(MODEL_ID, TENANT, version, RUN_ID, PROJECT_ID, PATH, SHA256, SIZE,
                ModelFlavor.DL4J, SIGNATURE, "first cut", Map.of("epochs", "10"));
    }

    public static TransitionModelVersionStageCommand transition(int version, String stage, boolean archiveExisting,
                                                                CairnPrincipal actor) {
        return new TransitionModelVersionStageCommand(MODEL_ID, TENANT, version, stage, archiveExisting, null,
                REQUEST_ID, actor);
    }

    public static ModelVersionStageChangedEvent stageChanged(int version, ModelStage from, ModelStage to,
                                                             String approvalRequestId) {
        return new ModelVersionStageChangedEvent(MODEL_ID, TENANT, version, from, to, approvalRequestId);
    }

    public static SetModelAliasCommand setAlias(String alias, int version, CairnPrincipal actor) {
        return new SetModelAliasCommand(MODEL_ID, TENANT, alias, version, null, REQUEST_ID, actor);
    }

    public static ModelChangeApprovalRequestedEvent productionRequested(int version, boolean archiveExisting,
                                                                        CairnPrincipal requester) {
        return new ModelChangeApprovalRequestedEvent(MODEL_ID, TENANT, REQUEST_ID, version, ApprovalKind.STAGE,
                ModelStage.PRODUCTION, archiveExisting, null, requester.principalId(), null);
    }

    public static ModelChangeApprovalRequestedEvent aliasRequested(String alias, int version, CairnPrincipal requester) {
        return new ModelChangeApprovalRequestedEvent(MODEL_ID, TENANT, REQUEST_ID, version, ApprovalKind.ALIAS, null,
                false, alias, requester.principalId(), null);
    }
}
