package io.cairn.identity.web;

import io.cairn.common.error.NotFoundException;
import io.cairn.identity.profile.UserErasure;
import io.cairn.identity.profile.UserProfiles;
import io.cairn.identity.profile.UserProfiles.Profile;
import io.cairn.tenancy.AccessPolicy;
import io.cairn.tenancy.AccessPolicy.Action;
import io.cairn.tenancy.CairnPrincipal;
import io.cairn.tenancy.query.OrganizationReadModel;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Profiles (personal data kept out of events): every user reads and edits their own; an organization's owners and
 * admins read those of its members and erase users whose home organization it is.
 */
@RestController
public class ProfileController {

    private final UserProfiles profiles;
    private final UserErasure erasure;
    private final OrganizationReadModel organizations;
    private final AccessPolicy policy;

    public ProfileController(UserProfiles profiles, UserErasure erasure, OrganizationReadModel organizations,
                             AccessPolicy policy) {
        this.profiles = profiles;
        this.erasure = erasure;
        this.organizations = organizations;
        this.policy = policy;
    }

    /** Blank or absent fields are cleared. */
    public record ProfileRequest(String displayName, String email) {
    }

    @GetMapping("/api/v1/me/profile")
    Profile mine() {
        return own(policy.caller(Action.READ));
    }

    /** Editing one's own profile is not a write to the organization's resources, so auditors may do it too. */
    @PutMapping("/api/v1/me/profile")
    Profile update(@RequestBody ProfileRequest request) {
        CairnPrincipal caller = policy.caller(Action.READ);
        profiles.update(caller.principalId(), request.displayName(), request.email());
        return own(caller);
    }

    @GetMapping("/api/v1/orgs/{org}/users/{principalId}")
    Profile user(@PathVariable String org, @PathVariable String principalId) {
        policy.callerIn(org, Action.ADMINISTER_ORGANIZATION);
        if (organizations.role(org, principalId).isEmpty()) {
            throw new NotFoundException("User", principalId);
        }
        return profiles.get(principalId).orElseThrow(() -> new NotFoundException("User", principalId));
    }

    /** Right to be forgotten: see {@link UserErasure}. */
    @DeleteMapping("/api/v1/orgs/{org}/users/{principalId}")
    ResponseEntity<Void> erase(@PathVariable String org, @PathVariable String principalId) {
        CairnPrincipal caller = policy.callerIn(org, Action.ADMINISTER_ORGANIZATION);
        erasure.erase(caller, org, principalId);
        return ResponseEntity.noContent().build();
    }

    private Profile own(CairnPrincipal caller) {
        return profiles.get(caller.principalId()).orElseThrow(() -> new NotFoundException("User", caller.principalId()));
    }
}
