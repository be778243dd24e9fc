package io.cairn.tenancy;

import org.springframework.stereotype.Component;

/**
 * Decides which organization a request acts in. Knows the one built-in organization, created on first
 * start with the platform administrator as its owner; this is the only place that knows its id.
 */
@Component
public class TenantResolver {

    private static final String DEFAULT_TENANT = "default";

    /** The organization created on first start. */
    public String defaultOrganization() {
        return DEFAULT_TENANT;
    }

    /**
     * The tenant a request acts in: the credential's own, unless a {@code Cairn-Org} header names another
     * organization, which a credential of one organization cannot reach.
     *
     * @return the tenant, or null when the header names an organization this credential does not belong to
     */
    public String resolve(String credentialTenant, String requestedOrg) {
        if (requestedOrg == null || requestedOrg.isBlank() || requestedOrg.equals(credentialTenant)) {
            return credentialTenant;
        }
        return null;
    }
}
