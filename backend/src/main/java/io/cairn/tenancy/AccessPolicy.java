package io.cairn.tenancy;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * The one place that decides whether a principal may perform an action. Tenancy itself is enforced by the
 * scoping of every query and the tenant check of every aggregate; this adds role rules on top. Roles and
 * project grants arrive with organizations; today every member of a tenant may track, and only platform
 * admins may administer and read the audit log (auditors will join them).
 */
@Component
public class AccessPolicy {

    public enum Action {
        READ,
        WRITE,
        READ_AUDIT,
        ADMINISTER_PLATFORM
    }

    /** The principal of the current request, once it is allowed {@code action}. */
    public CairnPrincipal caller(Action action) {
        CairnPrincipal caller = CurrentPrincipal.get();
        require(caller, action);
        return caller;
    }

    public void require(CairnPrincipal principal, Action action) {
        boolean allowed = switch (action) {
            case READ, WRITE -> true;
            case READ_AUDIT, ADMINISTER_PLATFORM -> principal.platformAdmin();
        };
        if (!allowed) {
            throw new AccessDeniedException(action == Action.READ_AUDIT
                    ? "Reading the audit log needs the platform administrator role"
                    : "This action needs the platform administrator role");
        }
    }
}
