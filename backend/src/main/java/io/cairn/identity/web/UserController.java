package io.cairn.identity.web;

import io.cairn.common.validation.Inputs;
import io.cairn.common.web.Problems;
import io.cairn.identity.login.LocalUsers;
import io.cairn.identity.login.LocalUsers.CreatedUser;
import io.cairn.identity.login.LocalUsers.ThrottledException;
import io.cairn.tenancy.AccessPolicy;
import io.cairn.tenancy.AccessPolicy.Action;
import io.cairn.tenancy.CairnPrincipal;
import io.cairn.tenancy.api.OrgRole;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Local users of the embedded provider: an organization's owners and admins create users with an initial password
 * and set the passwords of users whose home organization it is; every user changes their own password.
 */
@RestController
public class UserController {

    private final LocalUsers users;
    private final AccessPolicy policy;

    public UserController(LocalUsers users, AccessPolicy policy) {
        this.users = users;
        this.policy = policy;
    }

    /** {@code role} absent means MEMBER. */
    public record CreateUserRequest(String username, String password, String role) {
    }

    public record SetPasswordRequest(String password) {
    }

    public record ChangePasswordRequest(String currentPassword, String newPassword) {
    }

    @PostMapping("/api/v1/orgs/{org}/users")
    ResponseEntity<CreatedUser> create(@PathVariable String org, @RequestBody CreateUserRequest request) {
        policy.callerIn(org, Action.ADMINISTER_ORGANIZATION);
        CreatedUser user = users.create(org, request.username(), request.password(),
                request.role() == null ? OrgRole.MEMBER : Inputs.requireOneOf("role", request.role(), OrgRole.class));
        return ResponseEntity.created(URI.create("/api/v1/orgs/" + org + "/members/" + user.principalId())).body(user);
    }

    @PutMapping("/api/v1/orgs/{org}/users/{principalId}/password")
    ResponseEntity<Void> setPassword(@PathVariable String org, @PathVariable String principalId,
                                     @RequestBody SetPasswordRequest request) {
        CairnPrincipal caller = policy.callerIn(org, Action.ADMINISTER_ORGANIZATION);
        users.setByAdministrator(caller, principalId, request.password());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/v1/me/password")
    ResponseEntity<Void> changeOwn(@RequestBody ChangePasswordRequest request, HttpServletRequest http) {
        CairnPrincipal caller = policy.caller(Action.READ);
        users.changeOwn(caller.principalId(), request.currentPassword(), request.newPassword(), http.getRemoteAddr());
        return ResponseEntity.noContent().build();
    }

    @ExceptionHandler(ThrottledException.class)
    ResponseEntity<ProblemDetail> throttled(ThrottledException e) {
        return ResponseEntity.status(e.status())
                .header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, e.retryAfter().toSeconds())))
                .body(Problems.of(e.status(), e.getMessage(), e.field()));
    }
}
