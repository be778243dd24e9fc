package io.cairn.tenancy;

import org.springframework.stereotype.Component;

/**
 * Decides which organization a credential acts in. Until organizations exist every credential belongs to
 * the single built-in tenant; this is the only place that knows its name.
 */
@Component
public class TenantResolver {

    private static final String DEFAULT_TENANT = "default";

    /** The tenant a newly issued credential belongs to when no organization is named. */
    public String tenantForNewCredential() {
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
