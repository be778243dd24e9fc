package io.cairn.identity.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.cairn.support.Api;
import io.cairn.support.ApiTestBase;
import io.cairn.support.Browser;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The web UI's sign-in, as HTTP: authorization code with PKCE at the embedded provider, then the JWT on the API. */
class SignInFlowTest extends ApiTestBase {

    private static final String PASSWORD = "correct horse battery staple";

    @Test
    void authorizationCodeWithPkceGivesAJwtThatTheApiAccepts() {
        String username = unique("alice");
        String principalId = localUser("default", username, PASSWORD, "MEMBER");
        Browser browser = new Browser(port);

        JsonNode discovery = Browser.json(browser.navigate("/.well-known/openid-configuration"));
        assertThat(discovery.get("issuer").asString()).isEqualTo(browser.base());
        assertThat(discovery.get("authorization_endpoint").asString()).isEqualTo(browser.base() + "/oauth2/authorize");
        assertThat(discovery.get("code_challenge_methods_supported").toString()).contains("S256");

        String verifier = Browser.newVerifier();
        String code = browser.code(username, PASSWORD, verifier);
        HttpResponse<String> token = browser.exchange(code, verifier);
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        JsonNode tokens = Browser.json(token);
        assertThat(tokens.get("token_type").asString()).isEqualTo("Bearer");
        assertThat(tokens.has("id_token")).isTrue();
        assertThat(tokens.has("refresh_token")).as("public clients get no refresh token").isFalse();
        String jwt = tokens.get("access_token").asString();
        JsonNode claims = payload(jwt);
        assertThat(claims.get("sub").asString()).isEqualTo(principalId);
        assertThat(claims.get("iss").asString()).isEqualTo(browser.base());
        assertThat(claims.get("aud").toString()).contains("cairn-api");
        assertThat(payload(tokens.get("id_token").asString()).get("preferred_username").asString()).isEqualTo(username);

        Api user = admin.withToken(jwt);
        assertThat(user.get("/api/v1/projects").status()).isEqualTo(200);
        Api.Response project = user.post("/api/v1/projects", Map.of("name", unique("signed-in")));
        assertThat(project.status()).as(project.text()).isEqualTo(201);
        assertThat(project.get("/createdBy")).isEqualTo(principalId);

        HttpResponse<String> replay = browser.exchange(code, verifier);
        assertThat(replay.statusCode()).as("a code is used once").isEqualTo(400);
    }

    @Test
    void theCodeNeedsTheRightVerifierAndTheRequestAChallenge() {
        String username = unique("bob");
        localUser("default", username, PASSWORD, "MEMBER");
        Browser browser = new Browser(port);

        String code = browser.code(username, PASSWORD, Browser.newVerifier());
        HttpResponse<String> wrong = browser.exchange(code, Browser.newVerifier());
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.body()).contains("invalid_grant").doesNotContain("access_token");

        String withoutPkce = browser.expectRedirect(browser.navigate(browser.authorizationRequest(null, "s")),
                browser.redirectUri());
        assertThat(withoutPkce).contains("error=invalid_request").doesNotContain("code=");
    }

    @Test
    void wrongPasswordsReturnToTheSignInPageWithoutSayingWhichPartWasWrong() {
        String username = unique("carol");
        localUser("default", username, PASSWORD, "MEMBER");
        Browser browser = new Browser(port);
        browser.navigate(browser.authorizationRequest(Browser.challenge(Browser.newVerifier()), "s"));

        String wrongPassword = browser.expectRedirect(browser.submitSignIn(username, "not the password"), "/login?error");
        String unknownUser = browser.expectRedirect(browser.submitSignIn(unique("nobody"), PASSWORD), "/login?error");
        assertThat(unknownUser).isEqualTo(wrongPassword);
        HttpResponse<String> page = browser.navigate("/login?error");
        assertThat(page.body()).contains("Wrong username or password.").contains("role=\"alert\"");
    }

    @Test
    void aUserOfSeveralOrganizationsPicksOneWithTheCairnOrgHeader() {
        String home = unique("home");
        String other = unique("other");
        String username = unique("dana");
        localUser(home, username, PASSWORD, "MEMBER");
        Api.Response added = ownerOf(other).post("/api/v1/orgs/" + other + "/members",
                Map.of("username", username, "role", "AUDITOR"));
        assertThat(added.status()).as(added.text()).isEqualTo(201);
        Api user = admin.withToken(new Browser(port).accessToken(username, PASSWORD));

        String inOther = createProject(ownerOf(other));
        assertProblem(user.get("/api/v1/projects/" + inOther), 404);
        Api asAuditor = user.withHeader("Cairn-Org", other);
        assertThat(asAuditor.get("/api/v1/projects/" + inOther).status()).isEqualTo(200);
        assertProblem(asAuditor.post("/api/v1/projects", Map.of("name", unique("p"))), 403);
        assertThat(user.post("/api/v1/projects", Map.of("name", unique("p"))).status()).isEqualTo(201);

        Api.Response stranger = assertProblem(user.withHeader("Cairn-Org", unique("stranger")).get("/api/v1/projects"), 404);
        assertThat(stranger.get("/detail")).contains("not found");
        assertProblem(user.withHeader("Cairn-Org", "default").get("/api/v1/projects"), 404);
    }

    @Test
    void theSignInSessionIsNoCredentialForTheApi() {
        String username = unique("erin");
        localUser("default", username, PASSWORD, "MEMBER");
        Browser browser = new Browser(port);
        browser.code(username, PASSWORD, Browser.newVerifier());
        HttpResponse<String> withCookie = browser.getWithCookies("/api/v1/projects");
        assertThat(withCookie.statusCode()).isEqualTo(401);
    }

    @Test
    void thePlatformAdministratorSignsInWithThePasswordFromTheEnvironment() {
        Api viaPassword = admin.withToken(new Browser(port).accessToken("admin", ADMIN_PASSWORD));
        assertThat(viaPassword.get("/api/v1/admin/projections").status()).isEqualTo(200);
    }

    @Test
    void expiredForgedAndForeignTokensAreRefused() throws Exception {
        String principalId = tokens.platformAdmin().orElseThrow();
        RSAKey key = (RSAKey) JWKSet.parse(Files.readString(SigningKeys.file(dataDir()))).getKeys().get(0);
        String issuer = "http://127.0.0.1:" + port;
        Instant now = Instant.now();

        String valid = sign(key, claims(principalId, issuer, "cairn-api", now.plusSeconds(300)));
        assertThat(admin.withToken(valid).get("/api/v1/projects").status()).isEqualTo(200);

        Api.Response expired = assertProblem(admin.withToken(sign(key, claims(principalId, issuer, "cairn-api",
                now.minusSeconds(120)))).get("/api/v1/projects"), 401);
        assertThat(expired.get("/detail")).isEqualTo("The bearer token has expired");
        assertThat(expired.wwwAuthenticate()).contains("invalid_token");

        RSAKey forger = new RSAKeyGenerator(3072).keyID(key.getKeyID()).generate();
        Api.Response forged = assertProblem(admin.withToken(sign(forger, claims(principalId, issuer, "cairn-api",
                now.plusSeconds(300)))).get("/api/v1/projects"), 401);
        assertThat(forged.get("/detail")).contains("badly signed");

        assertProblem(admin.withToken(sign(key, claims(principalId, issuer, "another-api", now.plusSeconds(300))))
                .get("/api/v1/projects"), 401);
        Api.Response foreign = assertProblem(admin.withToken(sign(key, claims(principalId, "https://idp.example.com",
                "cairn-api", now.plusSeconds(300)))).get("/api/v1/projects"), 401);
        assertThat(foreign.get("/detail")).contains("issued by");
        assertProblem(admin.withToken(sign(key, claims("no-such-principal", issuer, "cairn-api", now.plusSeconds(300))))
                .get("/api/v1/projects"), 401);
        assertProblem(admin.withToken("not.a.jwt").get("/api/v1/projects"), 401);
    }

    private static JWTClaimsSet claims(String subject, String issuer, String audience, Instant expiry) {
        return new JWTClaimsSet.Builder().subject(subject).issuer(issuer).audience(List.of(audience))
                .issueTime(Date.from(expiry.minusSeconds(600))).expirationTime(Date.from(expiry)).build();
    }

    private static String sign(RSAKey key, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    static JsonNode payload(String jwt) {
        return JsonMapper.builder().build().readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }
}
