package io.cairn.identity.oidc;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.springframework.security.oauth2.core.AbstractOAuth2Token;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.server.authorization.InMemoryOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * Authorizations (codes in flight, issued tokens) kept in memory and forgotten once useless: tokens are
 * self-contained JWTs that the API verifies without this store, so it serves only the code exchange and the
 * sign-out of a browser session. The in-memory store alone would keep every token ever issued; this one drops an
 * authorization when its last token has expired — or, where it holds an ID token, {@link #ID_TOKEN_RETENTION} after
 * issue, since sign-out presents the (possibly expired) ID token. Lost on restart: a browser signs in again.
 */
public class ExpiringAuthorizationService implements OAuth2AuthorizationService {

    static final Duration ID_TOKEN_RETENTION = Duration.ofHours(12);
    private static final Duration UNFINISHED_RETENTION = Duration.ofMinutes(10);
    private static final Duration SWEEP_INTERVAL = Duration.ofMinutes(1);

    private final InMemoryOAuth2AuthorizationService delegate = new InMemoryOAuth2AuthorizationService();
    private final Map<String, Kept> kept = new ConcurrentHashMap<>();
    private final Clock clock;
    private volatile Instant nextSweep;

    private record Kept(OAuth2Authorization authorization, Instant until) {
    }

    public ExpiringAuthorizationService(Clock clock) {
        this.clock = clock;
        this.nextSweep = clock.instant().plus(SWEEP_INTERVAL);
    }

    @Override
    public void save(OAuth2Authorization authorization) {
        delegate.save(authorization);
        kept.put(authorization.getId(), new Kept(authorization, keepUntil(authorization)));
        sweepIfDue();
    }

    @Override
    public void remove(OAuth2Authorization authorization) {
        delegate.remove(authorization);
        kept.remove(authorization.getId());
    }

    @Override
    public OAuth2Authorization findById(String id) {
        return delegate.findById(id);
    }

    @Override
    public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
        return delegate.findByToken(token, tokenType);
    }

    /** Number of authorizations held (for tests). */
    int size() {
        return kept.size();
    }

    void sweep() {
        Instant now = clock.instant();
        kept.values().stream().filter(k -> k.until().isBefore(now)).toList()
                .forEach(k -> remove(k.authorization()));
        nextSweep = now.plus(SWEEP_INTERVAL);
    }

    private void sweepIfDue() {
        if (clock.instant().isAfter(nextSweep)) {
            sweep();
        }
    }

    private Instant keepUntil(OAuth2Authorization authorization) {
        Instant now = clock.instant();
        OAuth2Authorization.Token<OidcIdToken> idToken = authorization.getToken(OidcIdToken.class);
        Instant latestExpiry = Stream.of(authorization.getAccessToken(), authorization.getRefreshToken(), idToken,
                        authorization.getToken(OAuth2AuthorizationCode.class))
                .filter(t -> t != null)
                .map(OAuth2Authorization.Token::getToken)
                .map(AbstractOAuth2Token::getExpiresAt)
                .filter(t -> t != null)
                .max(Instant::compareTo)
                .orElse(now.plus(UNFINISHED_RETENTION));
        if (idToken != null && idToken.getToken().getIssuedAt() != null) {
            Instant signOutPossible = idToken.getToken().getIssuedAt().plus(ID_TOKEN_RETENTION);
            return signOutPossible.isAfter(latestExpiry) ? signOutPossible : latestExpiry;
        }
        return latestExpiry;
    }
}
