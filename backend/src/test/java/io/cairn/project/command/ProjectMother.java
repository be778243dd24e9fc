package io.cairn.project.command;

import io.cairn.common.error.NotFoundException;
import io.cairn.project.api.GranteeType;
import io.cairn.project.api.ProjectCommand.CreateProjectCommand;
import io.cairn.project.api.ProjectEvent.ProjectAccessGrantedEvent;
import io.cairn.project.api.ProjectEvent.ProjectCreatedEvent;
import io.cairn.project.api.ProjectRole;
import io.cairn.tenancy.api.OrganizationGuard;
import java.util.Map;

/** Test data for the project context. */
public final class ProjectMother {

    public static final String TENANT = "acme";
    public static final String OTHER_TENANT = "globex";
    public static final String PROJECT_ID = "p-1";
    /** A member of {@link #TENANT}, and a group of it. */
    public static final String MEMBER = "bob";
    public static final String GROUP = "g-1";

    private ProjectMother() {
    }

    public static CreateProjectCommand create(String name) {
        return new CreateProjectCommand(PROJECT_ID, TENANT, name, "Churn models", Map.of("team", "risk"));
    }

    public static ProjectCreatedEvent created(String name) {
        return new ProjectCreatedEvent(PROJECT_ID, TENANT, name, "Churn models", Map.of("team", "risk"));
    }

    public static ProjectAccessGrantedEvent granted(GranteeType type, String granteeId, ProjectRole role) {
        return new ProjectAccessGrantedEvent(PROJECT_ID, TENANT, type, granteeId, role);
    }

    /** An organization guard that knows {@link #MEMBER} and {@link #GROUP} of {@link #TENANT} only. */
    public static OrganizationGuard organizations() {
        return new OrganizationGuard() {
            @Override
            public void requireMember(String orgId, String principalId) {
                if (!TENANT.equals(orgId) || !MEMBER.equals(principalId)) {
                    throw new NotFoundException("Member", principalId);
                }
            }

            @Override
            public void requireGroup(String orgId, String groupId) {
                if (!TENANT.equals(orgId) || !GROUP.equals(groupId)) {
                    throw new NotFoundException("Group", groupId);
                }
            }
        };
    }
}
