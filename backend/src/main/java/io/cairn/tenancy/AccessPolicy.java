package io.cairn.tenancy;

import io.cairn.common.error.NotFoundException;
import io.cairn.project.api.ProjectRole;
import io.cairn.tenancy.api.OrgRole;
import io.cairn.tenancy.query.AccessReadModel;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * The one place that decides whether a principal may perform an action. Tenancy itself is enforced by the
 * scoping of every query and the tenant check of every aggregate; this adds roles on top.
 *
 * <p>Organization roles: every member reads organization-wide resources (the organization, its members and
 * groups, datasets); owners, admins and members write datasets and create projects; auditors read everything,
 * including the audit log, and write nothing; owners and admins administer the organization; platform
 * admins administer the platform.
 *
 * <p>Projects (and their runs, metrics, artifacts and inputs): owners and admins act as MANAGER of every
 * project of the organization and auditors as VIEWER of every project; a MEMBER holds the strongest of the
 * roles it owns (MANAGER of the projects it created) or was granted, directly or through its groups, and
 * does not see other projects at all: they answer 404, never 403.
 *
 * <p>Model changes that need a second pair of eyes (a version moving to Production, a protected alias
 * moving) are approved by the organization's owners and admins or a MANAGER of the version's project.
 */
@Component
public class AccessPolicy {

    public enum Action {
        READ,
        WRITE,
        READ_AUDIT,
        ADMINISTER_ORGANIZATION,
        ADMINISTER_PLATFORM
    }

    private final AccessReadModel access;

    public AccessPolicy(AccessReadModel access) {
        this.access = access;
    }

    /** The principal of the current request, once it is allowed {@code action}. */
    public CairnPrincipal caller(Action action) {
        CairnPrincipal caller = CurrentPrincipal.get();
        require(caller, action);
        return caller;
    }

    /**
     * The principal of the current request, once it is allowed {@code action} in the organization named by a
     * path; any organization but its own answers 404.
     */
    public CairnPrincipal callerIn(String org, Action action) {
        CairnPrincipal caller = caller(Action.READ);
        if (!caller.tenantId().equals(org)) {
            throw new NotFoundException("Organization", org);
        }
        require(caller, action);
        return caller;
    }

    /**
     * Whether {@code principal} may approve or reject a model change that needs approval (a version moving to
     * Production, a protected alias moving) or change which aliases are protected: the organization's owners
     * and admins, and a MANAGER of {@code projectId} (the project of the run the version was trained in; null
     * for model-wide settings, which only owners and admins change).
     */
    public boolean mayApproveModel(CairnPrincipal principal, String projectId) {
        if (principal.role().administers()) {
            return true;
        }
        return projectId != null && principal.role() != OrgRole.AUDITOR
                && projectRole(principal, projectId).filter(role -> role == ProjectRole.MANAGER).isPresent();
    }

    public void require(CairnPrincipal principal, Action action) {
        OrgRole role = principal.role();
        boolean allowed = switch (action) {
            case READ -> true;
            case WRITE -> role.writes();
            case READ_AUDIT -> role.readsAudit() || principal.platformAdmin();
            case ADMINISTER_ORGANIZATION -> role.administers();
            case ADMINISTER_PLATFORM -> principal.platformAdmin();
        };
        if (!allowed) {
            throw new AccessDeniedException(switch (action) {
                case WRITE -> readOnly(role);
                case READ_AUDIT -> "Reading the audit log needs the role AUDITOR, ADMIN or OWNER";
                case ADMINISTER_ORGANIZATION -> "Administering the organization needs the role ADMIN or OWNER";
                default -> "This action needs the platform administrator role";
            });
        }
    }

    /** The principal of the current request, once it holds at least {@code needed} on the project. */
    public CairnPrincipal callerOnProject(String projectId, ProjectRole needed) {
        CairnPrincipal caller = caller(Action.READ);
        requireOnProject(caller, projectId, needed, () -> new NotFoundException("Project", projectId));
        return caller;
    }

    /**
     * Fails unless the principal holds at least {@code needed} on the project.
     *
     * @param invisible the failure when the principal cannot see the project (for a run: that run is not found)
     * @throws AccessDeniedException when it sees the project but its role there is too weak
     */
    public void requireOnProject(CairnPrincipal principal, String projectId, ProjectRole needed,
                                 Supplier<NotFoundException> invisible) {
        ProjectRole role = projectRole(principal, projectId).orElseThrow(invisible);
        if (needed != ProjectRole.VIEWER && principal.role() == OrgRole.AUDITOR) {
            throw new AccessDeniedException(readOnly(principal.role()));
        }
        if (!role.includes(needed)) {
            throw new AccessDeniedException("Your role on project '" + projectId + "' is " + role + "; this needs "
                    + needed + (needed == ProjectRole.MANAGER ? "" : " or MANAGER"));
        }
    }

    /** Fails with 404 on the first of {@code projectIds} the principal cannot see. */
    public void requireVisible(CairnPrincipal principal, Collection<String> projectIds) {
        if (projectIds.isEmpty()) {
            return;
        }
        Set<String> visible = seesAllProjects(principal)
                ? access.existingProjects(principal.tenantId(), projectIds)
                : access.grantedProjects(principal.tenantId(), principal.principalId(), projectIds);
        for (String projectId : projectIds) {
            if (!visible.contains(projectId)) {
                throw new NotFoundException("Project", projectId);
            }
        }
    }

    /**
     * The projects whose projects, runs (and their data) the principal sees, for queries that scope many
     * projects at once (global search); empty when it sees every project of its organization.
     */
    public Optional<Set<String>> visibleProjects(CairnPrincipal principal) {
        return seesAllProjects(principal) ? Optional.empty()
                : Optional.of(access.projectsOf(principal.tenantId(), principal.principalId()));
    }

    /** Whether {@code principal} holds any role on the project (a project it cannot see answers 404). */
    public boolean canSee(CairnPrincipal principal, String projectId) {
        return projectRole(principal, projectId).isPresent();
    }

    /** Whether the principal sees every project of its organization; if not, only those it holds a role on. */
    public boolean seesAllProjects(CairnPrincipal principal) {
        return principal.role() != OrgRole.MEMBER;
    }

    private Optional<ProjectRole> projectRole(CairnPrincipal principal, String projectId) {
        if (projectId == null) {
            return Optional.empty();
        }
        if (!seesAllProjects(principal)) {
            return access.grantedRole(principal.tenantId(), projectId, principal.principalId());
        }
        if (!access.projectExists(principal.tenantId(), projectId)) {
            return Optional.empty();
        }
        return Optional.of(principal.role() == OrgRole.AUDITOR ? ProjectRole.VIEWER : ProjectRole.MANAGER);
    }

    private static String readOnly(OrgRole role) {
        return "Your role " + role + " only reads in this organization";
    }
}
