package io.cairn.identity.sso;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.support.Api;
import io.cairn.support.ApiTestBase;
import io.cairn.support.Browser;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Per-organization SSO against a real Keycloak ({@code scripts/services/keycloak.sh start}; the realm
 * {@code cairn-test} of {@code scripts/services/keycloak/cairn-test-realm.json}): the whole browser flow with the
 * JDK's HTTP client, from the web UI's authorization request through Keycloak's sign-in form back to a Cairn JWT.
 * Runs when {@code cairn.test.keycloak} names the server, e.g. {@code http://127.0.0.1:18180}.
 */
@EnabledIfSystemProperty(named = "cairn.test.keycloak", matches = ".+")
class KeycloakSsoTest extends ApiTestBase {

    private static final String CLIENT_SECRET = "cairn-test-secret";
    private static final Pattern KEYCLOAK_FORM = Pattern.compile("action=\"([^\"]*login-actions/authenticate[^\"]*)\"");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static String issuer() {
        String server = System.getProperty("cairn.test.keycloak");
        return (server.endsWith("/") ? server.substring(0, server.length() - 1) : server) + "/realms/cairn-test";
    }

    private static Map<String, Object> settings(String secret, List<Map<String, String>> mappings) {
        return Map.of("issuerUri", issuer(), "clientId", "cairn", "clientSecret", secret, "mappings", mappings);
    }

    private static void configure(Api owner, String org, Map<String, Object> settings) {
        Api.Response put = owner.putJson("/api/v1/orgs/" + org + "/sso", settings);
        assertThat(put.status()).as(put.text()).isEqualTo(200);
    }

    @Test
    void usersSignInThroughKeycloakAreProvisionedWithTheMappedRoleAndGetCairnTokensForTheirOrganizationOnly() {
        String org = unique("kc");
        Api owner = ownerOf(org);
        String mlTeam = createGroup(owner, org);
        List<Map<String, String>> mappings = List.of(
                Map.of("claim", "groups", "value", "cairn-admins", "role", "ADMIN"),
                Map.of("claim", "groups", "value", "ml-team", "groupId", mlTeam));
        configure(owner, org, settings(CLIENT_SECRET, mappings));
        String ownersProject = createProject(owner);
        String other = unique("kc-other");
        String othersProject = createProject(ownerOf(other));

        String aliceToken = signIn(org, "alice", "alice-sso-pw");
        JsonNode aliceClaims = payload(aliceToken);
        String aliceId = aliceClaims.get("sub").asString();
        assertThat(aliceClaims.get("aud").toString()).contains("cairn-api");
        assertThat(aliceClaims.get("iss").asString()).as("Cairn issues the API's tokens").startsWith("http://127.0.0.1:" + port);
        Api alice = admin.withToken(aliceToken);
        assertThat(alice.get("/api/v1/projects").status()).isEqualTo(200);
        Api.Response profile = alice.get("/api/v1/me/profile");
        assertThat(profile.get("/displayName")).as("from the IdP's name claim, kept out of events").isEqualTo("Alice Admin");
        assertThat(profile.get("/email")).isEqualTo("alice@example.org");
        assertThat(alice.get("/api/v1/projects/" + ownersProject).status()).as("an ADMIN sees every project").isEqualTo(200);
        assertProblem(alice.get("/api/v1/projects/" + othersProject), 404);
        assertProblem(alice.withHeader("Cairn-Org", other).get("/api/v1/projects"), 404);

        String bobToken = signIn(org, "bob", "bob-sso-pw");
        Api bob = admin.withToken(bobToken);
        assertProblem(bob.get("/api/v1/projects/" + ownersProject), 404);
        assertThat(bob.post("/api/v1/projects", Map.of("name", unique("bobs"))).status()).isEqualTo(201);
        String carolId = payload(signIn(org, "carol", "carol-sso-pw")).get("sub").asString();

        Map<String, String> roles = roles(owner, org);
        assertThat(roles).containsEntry(org + ":alice", "ADMIN").containsEntry(org + ":bob", "MEMBER")
                .containsEntry(org + ":carol", "MEMBER").hasSize(4);
        JsonNode group = owner.get("/api/v1/orgs/" + org + "/groups/" + mlTeam).json();
        assertThat(group.get("members").toString()).contains(org + ":alice").contains(org + ":bob")
                .doesNotContain(carolId);

        // The mapping applies at every sign-in: without the admin rule alice is a MEMBER, still the same principal.
        configure(owner, org, settings(CLIENT_SECRET, List.of(mappings.get(1))));
        String again = signIn(org, "alice", "alice-sso-pw");
        assertThat(payload(again).get("sub").asString()).isEqualTo(aliceId);
        assertThat(roles(owner, org)).containsEntry(org + ":alice", "MEMBER").hasSize(4);
        assertProblem(admin.withToken(again).get("/api/v1/projects/" + ownersProject), 404);

        // The same Keycloak user signing in to another organization's SSO is another principal there.
        configure(ownerOf(other), other, settings(CLIENT_SECRET, List.of()));
        String elsewhere = signIn(other, "alice", "alice-sso-pw");
        assertThat(payload(elsewhere).get("sub").asString()).isNotEqualTo(aliceId);
        assertThat(roles(ownerOf(other), other)).containsEntry(other + ":alice", "MEMBER");
        assertProblem(admin.withToken(elsewhere).withHeader("Cairn-Org", org).get("/api/v1/projects"), 404);
    }

    @Test
    void aWrongClientSecretEndsOnTheSignInPageWithoutSigningAnyoneIn() {
        String org = unique("kc-wrong");
        Api owner = ownerOf(org);
        configure(owner, org, settings("not-the-secret", List.of()));
        Browser browser = new Browser(port);
        String verifier = Browser.newVerifier();
        browser.expectRedirect(browser.navigate(browser.authorizationRequest(Browser.challenge(verifier), "s")),
                "/login");

        String callback = throughKeycloak(browser, org, "bob", "bob-sso-pw");
        String failed = browser.expectRedirect(browser.navigate(callback), "/login?sso-error");
        HttpResponse<String> page = browser.navigate(failed);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("SSO failed");
        browser.expectRedirect(browser.navigate(browser.authorizationRequest(Browser.challenge(verifier), "t")),
                "/login");
        assertThat(roles(owner, org)).hasSize(1);
    }

    /** The web UI's sign-in with the organization's SSO instead of a password; answers Cairn's access token. */
    private String signIn(String org, String username, String password) {
        Browser browser = new Browser(port);
        String verifier = Browser.newVerifier();
        String state = Browser.newVerifier();
        browser.expectRedirect(browser.navigate(browser.authorizationRequest(Browser.challenge(verifier), state)),
                "/login");
        String callback = throughKeycloak(browser, org, username, password);
        String resumed = browser.expectRedirect(browser.navigate(callback), "/oauth2/authorize");
        String back = browser.expectRedirect(browser.navigate(resumed), browser.redirectUri());
        assertThat(back).contains("state=" + state);
        Matcher code = Pattern.compile("[?&]code=([^&]+)").matcher(back);
        assertThat(code.find()).as(back).isTrue();
        HttpResponse<String> token = browser.exchange(code.group(1), verifier);
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        JsonNode tokens = Browser.json(token);
        assertThat(payload(tokens.get("id_token").asString()).get("preferred_username").asString())
                .isEqualTo(org + ":" + username);
        return tokens.get("access_token").asString();
    }

    /** From the sign-in page's SSO field to Keycloak's form and back: answers Keycloak's redirect to Cairn. */
    private static String throughKeycloak(Browser browser, String org, String username, String password) {
        String start = browser.expectRedirect(browser.navigate("/login/sso?org=" + org), "/login/sso/" + org);
        String authorize = browser.expectRedirect(browser.navigate(start), issuer() + "/protocol/openid-connect/auth");
        assertThat(authorize).contains("code_challenge=").contains("client_id=cairn");
        HttpResponse<String> form = browser.navigate(authorize);
        Matcher action = KEYCLOAK_FORM.matcher(form.body());
        assertThat(action.find()).as("Keycloak's sign-in form: " + form.statusCode() + " " + form.body()).isTrue();
        HttpResponse<String> signedIn = browser.post(action.group(1).replace("&amp;", "&"),
                Map.of("username", username, "password", password, "credentialId", ""), null);
        return browser.expectRedirect(signedIn, "/login/sso/" + org + "/callback");
    }

    private static Map<String, String> roles(Api owner, String org) {
        Api.Response members = owner.get("/api/v1/orgs/" + org + "/members");
        assertThat(members.status()).as(members.text()).isEqualTo(200);
        Map<String, String> roles = new java.util.HashMap<>();
        members.json().get("members").forEach(m -> roles.put(m.get("username").asString(), m.get("role").asString()));
        return roles;
    }

    private static JsonNode payload(String jwt) {
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }
}
