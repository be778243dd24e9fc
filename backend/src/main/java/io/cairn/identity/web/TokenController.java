package io.cairn.identity.web;

import io.cairn.common.error.InvalidInputException;
import io.cairn.common.error.NotFoundException;
import io.cairn.common.validation.Inputs;
import io.cairn.identity.AccessTokenService;
import io.cairn.identity.AccessTokenService.IssuedToken;
import io.cairn.identity.AccessTokenService.TokenInfo;
import io.cairn.tenancy.AccessPolicy;
import io.cairn.tenancy.AccessPolicy.Action;
import io.cairn.tenancy.CairnPrincipal;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The caller's own personal access tokens in the current organization. */
@RestController
@RequestMapping("/api/v1/tokens")
public class TokenController {

    private static final long MAX_LIFETIME_DAYS = 3650;

    private final AccessTokenService tokens;
    private final AccessPolicy policy;
    private final Clock clock;

    public TokenController(AccessTokenService tokens, AccessPolicy policy, Clock clock) {
        this.tokens = tokens;
        this.policy = policy;
        this.clock = clock;
    }

    /** {@code expiresInDays} absent means the token does not expire. */
    public record CreateTokenRequest(String name, Integer expiresInDays) {
    }

    public record TokenList(List<TokenInfo> tokens) {
    }

    @PostMapping
    ResponseEntity<IssuedToken> create(@RequestBody CreateTokenRequest request) {
        CairnPrincipal caller = policy.caller(Action.READ);
        String name = Inputs.requireName("name", request.name());
        Instant expiry = null;
        if (request.expiresInDays() != null) {
            if (request.expiresInDays() < 1 || request.expiresInDays() > MAX_LIFETIME_DAYS) {
                throw new InvalidInputException("expiresInDays", "expiresInDays must be between 1 and " + MAX_LIFETIME_DAYS);
            }
            expiry = clock.instant().plusSeconds(request.expiresInDays() * 86_400L);
        }
        IssuedToken issued = tokens.issue(caller.principalId(), caller.tenantId(), name, expiry);
        return ResponseEntity.created(URI.create("/api/v1/tokens/" + issued.id())).body(issued);
    }

    @GetMapping
    TokenList list() {
        CairnPrincipal caller = policy.caller(Action.READ);
        return new TokenList(tokens.list(caller.principalId(), caller.tenantId()));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> revoke(@PathVariable String id) {
        CairnPrincipal caller = policy.caller(Action.READ);
        if (!tokens.revoke(caller.principalId(), caller.tenantId(), id)) {
            throw new NotFoundException("Token", id);
        }
        return ResponseEntity.noContent().build();
    }
}
