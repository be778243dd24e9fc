package io.cairn.tenancy;

import io.cairn.common.error.NotFoundException;
import io.cairn.tenancy.api.OrgRole;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * The one place that decides whether a principal may perform an action. Tenancy itself is enforced by the
 * scoping of every query and the tenant check of every aggregate; this adds the organization roles on top:
 * every member reads; owners, admins and members write; auditors read everything, including the audit log,
 * and write nothing; owners and admins administer the organization; platform admins administer the platform.
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

    /** The principal of the current request, once it is allowed {@code action}. */
    public CairnPrincipal caller(Action action) {
        CairnPrincipal caller = CurrentPrincipal.get();
        require(caller, action);
        return caller;
    }

    /**
     * The principal of the current request, acting in organization {@code org} (a path segment), once it is allowed
     * {@code action}; another organization answers 404, as if it did not exist.
     */
    public CairnPrincipal callerIn(String org, Action action) {
        CairnPrincipal caller = CurrentPrincipal.get();
        if (!caller.tenantId().equals(org)) {
            throw new NotFoundException("Organization", org);
        }
        require(caller, action);
        return caller;
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
                case WRITE -> "Your role " + role + " only reads in this organization";
                case READ_AUDIT -> "Reading the audit log needs the role AUDITOR, ADMIN or OWNER";
                case ADMINISTER_ORGANIZATION -> "Administering the organization needs the role ADMIN or OWNER";
                default -> "This action needs the platform administrator role";
            });
        }
    }
}
