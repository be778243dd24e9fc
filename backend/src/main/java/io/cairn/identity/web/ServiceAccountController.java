package io.cairn.identity.web;

import io.cairn.common.validation.Inputs;
import io.cairn.identity.serviceaccount.ServiceAccounts;
import io.cairn.identity.serviceaccount.ServiceAccounts.CreatedServiceAccount;
import io.cairn.identity.serviceaccount.ServiceAccounts.ServiceAccount;
import io.cairn.tenancy.AccessPolicy;
import io.cairn.tenancy.AccessPolicy.Action;
import io.cairn.tenancy.CairnPrincipal;
import io.cairn.tenancy.api.OrgRole;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An organization's service accounts (OAuth2 clients with the {@code client_credentials} grant), managed by its
 * owners and admins. The secret is in the creation answer only.
 */
@RestController
@RequestMapping("/api/v1/orgs/{org}/service-accounts")
public class ServiceAccountController {

    private final ServiceAccounts serviceAccounts;
    private final AccessPolicy policy;

    public ServiceAccountController(ServiceAccounts serviceAccounts, AccessPolicy policy) {
        this.serviceAccounts = serviceAccounts;
        this.policy = policy;
    }

    /** {@code role} absent means MEMBER. */
    public record CreateServiceAccountRequest(String name, String role) {
    }

    public record ServiceAccountList(List<ServiceAccount> serviceAccounts) {
    }

    @PostMapping
    ResponseEntity<CreatedServiceAccount> create(@PathVariable String org,
                                                 @RequestBody CreateServiceAccountRequest request) {
        CairnPrincipal caller = policy.callerIn(org, Action.ADMINISTER_ORGANIZATION);
        OrgRole role = request.role() == null ? OrgRole.MEMBER : Inputs.requireOneOf("role", request.role(), OrgRole.class);
        CreatedServiceAccount created = serviceAccounts.create(org, request.name(), role, caller.principalId());
        return ResponseEntity.created(URI.create("/api/v1/orgs/" + org + "/service-accounts/" + created.id()))
                .body(created);
    }

    @GetMapping
    ServiceAccountList list(@PathVariable String org) {
        return new ServiceAccountList(serviceAccounts.list(policy.callerIn(org, Action.ADMINISTER_ORGANIZATION)
                .tenantId()));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable String org, @PathVariable String id) {
        policy.callerIn(org, Action.ADMINISTER_ORGANIZATION);
        serviceAccounts.delete(org, id);
        return ResponseEntity.noContent().build();
    }
}
