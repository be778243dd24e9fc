package io.cairn.identity.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

class ExpiringAuthorizationServiceTest {

    private final MovableClock clock = new MovableClock();
    private final ExpiringAuthorizationService service = new ExpiringAuthorizationService(clock);
    private final RegisteredClient client = RegisteredClient.withId("c").clientId("c")
            .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
            .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS).build();

    @Test
    void aClientCredentialsAuthorizationIsForgottenOnceItsTokenExpired() {
        service.save(authorization("machine", null));
        assertThat(service.findByToken("access-machine", OAuth2TokenType.ACCESS_TOKEN)).isNotNull();

        clock.now = clock.now.plus(Duration.ofMinutes(61));
        service.sweep();
        assertThat(service.findByToken("access-machine", OAuth2TokenType.ACCESS_TOKEN)).isNull();
        assertThat(service.size()).isZero();
    }

    @Test
    void anAuthorizationWithAnIdTokenStaysLongEnoughToSignOut() {
        service.save(authorization("browser", "id-browser"));
        clock.now = clock.now.plus(Duration.ofHours(11));
        service.sweep();
        assertThat(service.findByToken("id-browser", new OAuth2TokenType("id_token"))).isNotNull();

        clock.now = clock.now.plus(Duration.ofHours(2));
        service.sweep();
        assertThat(service.size()).isZero();
    }

    @Test
    void savingSweepsWhenASweepIsDue() {
        service.save(authorization("old", null));
        clock.now = clock.now.plus(Duration.ofHours(2));
        service.save(authorization("new", null));
        assertThat(service.size()).isEqualTo(1);
        assertThat(service.findByToken("access-new", OAuth2TokenType.ACCESS_TOKEN)).isNotNull();
    }

    private OAuth2Authorization authorization(String name, String idToken) {
        Instant issued = clock.now;
        OAuth2Authorization.Builder builder = OAuth2Authorization.withRegisteredClient(client)
                .id(name)
                .principalName(name)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .accessToken(new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "access-" + name, issued,
                        issued.plus(Duration.ofHours(1))));
        if (idToken != null) {
            builder.token(new OidcIdToken(idToken, issued, issued.plus(Duration.ofMinutes(30)), Map.of("sub", name)));
        }
        return builder.build();
    }

    private static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-11-01T10:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
