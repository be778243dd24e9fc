package io.cairn.tenancy;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * The one place that decides whether a principal may perform an action. Tenancy itself is enforced by the
 * scoping of every query and the tenant check of every aggregate; this adds role rules on top. Roles and
 * project grants arrive with organizations; today every member of a tenant may track, and only platform
 * admins may administer.
 */
@Component
public class AccessPolicy {

    public enum Action {
        READ,
        WRITE,
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
            case ADMINISTER_PLATFORM -> principal.platformAdmin();
        };
        if (!allowed) {
            throw new AccessDeniedException("This action needs the platform administrator role");
        }
    }
}
