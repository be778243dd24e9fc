package io.cairn.identity.sso;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.cairn.support.Api;
import io.cairn.support.ApiTestBase;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Access tokens of an organization's own identity provider on the API: a provider of the test's own (discovery
 * document and JWKS over HTTP, tokens signed with its RSA key) stands in for Keycloak or Entra ID.
 */
class OrgIdpTokenTest extends ApiTestBase {

    private static final String CLIENT = "cairn-ci";

    private HttpServer idp;
    private RSAKey key;
    private String issuer;

    @BeforeEach
    void provider() throws IOException, JOSEException {
        key = new RSAKeyGenerator(2048).keyID("k1").generate();
        idp = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        issuer = "http://127.0.0.1:" + idp.getAddress().getPort() + "/realms/corp";
        String jwks = new JWKSet(key.toPublicJWK()).toString();
        idp.createContext("/realms/corp/.well-known/openid-configuration", exchange -> respond(exchange, "{\"issuer\":\""
                + issuer + "\",\"authorization_endpoint\":\"" + issuer + "/auth\",\"token_endpoint\":\"" + issuer
                + "/token\",\"jwks_uri\":\"" + issuer + "/certs\",\"subject_types_supported\":[\"public\"],"
                + "\"response_types_supported\":[\"code\"],\"id_token_signing_alg_values_supported\":[\"RS256\"]}"));
        idp.createContext("/realms/corp/certs", exchange -> respond(exchange, jwks));
        idp.start();
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @AfterEach
    void stop() {
        idp.stop(0);
    }

    /** An organization signing in with the test's provider, admins by the {@code groups} claim. */
    private String organization() {
        String org = unique("corp");
        Map<String, Object> settings = new HashMap<>();
        settings.put("issuerUri", issuer);
        settings.put("clientId", CLIENT);
        settings.put("clientSecret", "corp-secret");
        settings.put("mappings", List.of(Map.of("claim", "groups", "value", "cairn-admins", "role", "ADMIN")));
        Api.Response put = ownerOf(org).putJson("/api/v1/orgs/" + org + "/sso", settings);
        assertThat(put.status()).as(put.text()).isEqualTo(200);
        return org;
    }

    private String token(RSAKey signer, String subject, Map<String, Object> claims, Duration lifetime) throws JOSEException {
        Instant expiry = Instant.now().plus(lifetime);
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder().issuer(issuer).subject(subject)
                .issueTime(Date.from(expiry.minus(Duration.ofMinutes(10)))).expirationTime(Date.from(expiry));
        claims.forEach(builder::claim);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signer.getKeyID()).build(),
                builder.build());
        jwt.sign(new RSASSASigner(signer));
        return jwt.serialize();
    }

    @Test
    void aProviderTokenActsInItsOrganizationAsTheUserItProvisions() throws Exception {
        String org = organization();
        String project = createProject(ownerOf(org));
        Api ci = admin.withToken(token(key, "svc-ci-1", Map.of("azp", CLIENT, "preferred_username", "ci-bot",
                "groups", List.of("cairn-admins")), Duration.ofMinutes(5)));

        Api.Response me = ci.get("/api/v1/me");
        assertThat(me.status()).as(me.text()).isEqualTo(200);
        assertThat(me.get("/organization")).isEqualTo(org);
        assertThat(me.get("/role")).as("from the claim mapping").isEqualTo("ADMIN");
        assertThat(me.get("/username")).isEqualTo(org + ":ci-bot");
        assertThat(ci.get("/api/v1/projects/" + project).status()).as("an ADMIN sees every project").isEqualTo(200);
        assertThat(ci.get("/api/v1/me").get("/principalId")).as("the same user on the next call")
                .isEqualTo(me.get("/principalId"));

        String other = unique("elsewhere");
        String othersProject = createProject(ownerOf(other));
        assertProblem(ci.get("/api/v1/projects/" + othersProject), 404);
        assertProblem(ci.withHeader("Cairn-Org", other).get("/api/v1/projects"), 404);
    }

    @Test
    void forgedExpiredOrMisdirectedProviderTokensAreRefused() throws Exception {
        organization();
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("k1").generate();
        Map<String, Object> forClient = Map.of("aud", CLIENT);
        assertThat(assertProblem(admin.withToken(token(stranger, "mallory", forClient, Duration.ofMinutes(5)))
                .get("/api/v1/me"), 401).get("/detail")).contains("cannot be verified");
        assertThat(assertProblem(admin.withToken(token(key, "late", forClient, Duration.ofMinutes(-5)))
                .get("/api/v1/me"), 401).get("/detail")).contains("expired");
        assertThat(assertProblem(admin.withToken(token(key, "elsewhere", Map.of("aud", "another-app"),
                Duration.ofMinutes(5))).get("/api/v1/me"), 401).get("/detail")).contains("not issued for client 'cairn-ci'");
    }
}
