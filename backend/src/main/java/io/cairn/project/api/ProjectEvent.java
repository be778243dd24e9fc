package io.cairn.project.api;

import io.cairn.common.messaging.WireName;
import java.util.Map;
import java.util.Set;
import org.axonframework.serialization.Revision;

/**
 * Everything that happens to a project. Wire names are stored in the event log: never change them. The
 * project's owner is the principal in the metadata of its {@link ProjectCreatedEvent}.
 */
public sealed interface ProjectEvent {

    String projectId();

    String tenantId();

    @WireName("cairn.project.ProjectCreated")
    @Revision("1")
    record ProjectCreatedEvent(String projectId, String tenantId, String name, String description,
                               Map<String, String> tags) implements ProjectEvent {
    }

    @WireName("cairn.project.ProjectRenamed")
    @Revision("1")
    record ProjectRenamedEvent(String projectId, String tenantId, String name) implements ProjectEvent {
    }

    @WireName("cairn.project.ProjectDescribed")
    @Revision("1")
    record ProjectDescribedEvent(String projectId, String tenantId, String description) implements ProjectEvent {
    }

    @WireName("cairn.project.ProjectTagged")
    @Revision("1")
    record ProjectTaggedEvent(String projectId, String tenantId, Map<String, String> tags) implements ProjectEvent {
    }

    @WireName("cairn.project.ProjectUntagged")
    @Revision("1")
    record ProjectUntaggedEvent(String projectId, String tenantId, Set<String> keys) implements ProjectEvent {
    }

    @WireName("cairn.project.ProjectArchived")
    @Revision("1")
    record ProjectArchivedEvent(String projectId, String tenantId) implements ProjectEvent {
    }

    @WireName("cairn.project.ProjectRestored")
    @Revision("1")
    record ProjectRestoredEvent(String projectId, String tenantId) implements ProjectEvent {
    }

    @WireName("cairn.project.ProjectAccessGranted")
    @Revision("1")
    record ProjectAccessGrantedEvent(String projectId, String tenantId, GranteeType granteeType, String granteeId,
                                     ProjectRole role) implements ProjectEvent {
    }

    @WireName("cairn.project.ProjectAccessChanged")
    @Revision("1")
    record ProjectAccessChangedEvent(String projectId, String tenantId, GranteeType granteeType, String granteeId,
                                     ProjectRole role) implements ProjectEvent {
    }

    @WireName("cairn.project.ProjectAccessRevoked")
    @Revision("1")
    record ProjectAccessRevokedEvent(String projectId, String tenantId, GranteeType granteeType, String granteeId)
            implements ProjectEvent {
    }
}
