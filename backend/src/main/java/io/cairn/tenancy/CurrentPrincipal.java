package io.cairn.tenancy;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** The principal of the request being served, as placed in the security context by the token filter. */
public final class CurrentPrincipal {

    private CurrentPrincipal() {
    }

    public static CairnPrincipal get() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof CairnPrincipal principal) {
            return principal;
        }
        throw new IllegalStateException("No authenticated Cairn principal in this thread");
    }

    public static CairnPrincipal orNull() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof CairnPrincipal p ? p : null;
    }
}
