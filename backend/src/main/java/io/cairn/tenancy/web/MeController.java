package io.cairn.tenancy.web;

import io.cairn.tenancy.AccessPolicy;
import io.cairn.tenancy.AccessPolicy.Action;
import io.cairn.tenancy.CairnPrincipal;
import io.cairn.tenancy.api.OrgRole;
import io.cairn.tenancy.query.OrganizationReadModel;
import io.cairn.tenancy.query.OrganizationReadModel.MembershipView;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who is calling: the principal, the organization this request acts in (from the credential or
 * {@code Cairn-Org}) with its role there, and every organization the principal belongs to — what a client
 * needs for an organization switcher and to tell "mine" from "someone else's".
 */
@RestController
public class MeController {

    private final OrganizationReadModel organizations;
    private final AccessPolicy policy;

    public MeController(OrganizationReadModel organizations, AccessPolicy policy) {
        this.organizations = organizations;
        this.policy = policy;
    }

    /** {@code displayName} (from the profile store) is absent when not given. */
    public record Me(String principalId, String username, String displayName, String organization, OrgRole role,
                     boolean platformAdmin, List<MembershipView> organizations) {
    }

    @GetMapping("/api/v1/me")
    Me me() {
        CairnPrincipal caller = policy.caller(Action.READ);
        return new Me(caller.principalId(), organizations.username(caller.principalId()).orElse(null),
                organizations.displayName(caller.principalId()).orElse(null), caller.tenantId(), caller.role(), caller.platformAdmin(),
                organizations.memberships(caller.principalId()));
    }
}
