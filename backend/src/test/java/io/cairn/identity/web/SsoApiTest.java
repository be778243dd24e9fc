package io.cairn.identity.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.support.Api;
import io.cairn.support.ApiTestBase;
import io.cairn.support.Browser;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@code /api/v1/orgs/{org}/sso} without an identity provider: who may, what is checked, the secret stays inside. */
class SsoApiTest extends ApiTestBase {

    private static final String SECRET = "keycloak-client-secret-9f2c";

    @Autowired
    private JdbcClient jdbc;

    private static Map<String, Object> settings(String issuer, String secret, List<Map<String, String>> mappings) {
        Map<String, Object> body = new HashMap<>();
        body.put("issuerUri", issuer);
        body.put("clientId", "cairn");
        if (secret != null) {
            body.put("clientSecret", secret);
        }
        body.put("mappings", mappings);
        return body;
    }

    private static String path(String org) {
        return "/api/v1/orgs/" + org + "/sso";
    }

    @Test
    void anOwnerSetsReadsAndRemovesTheSettingsAndTheSecretIsNeverShown() {
        String org = unique("sso");
        Api owner = ownerOf(org);
        String groupId = createGroup(owner, org);
        List<Map<String, String>> mappings = List.of(
                Map.of("claim", "groups", "value", "cairn-admins", "role", "ADMIN"),
                Map.of("claim", "groups", "value", "ml-team", "groupId", groupId));

        Api.Response put = owner.putJson(path(org), settings("https://sso.example.com/realms/acme", SECRET, mappings));
        assertThat(put.status()).as(put.text()).isEqualTo(200);
        assertThat(put.text()).doesNotContain(SECRET);
        assertThat(put.get("/issuerUri")).isEqualTo("https://sso.example.com/realms/acme");
        assertThat(put.get("/clientSecretSet")).isEqualTo("true");
        assertThat(put.get("/defaultRole")).isEqualTo("MEMBER");
        assertThat(put.get("/mappings/0/role")).isEqualTo("ADMIN");
        assertThat(put.get("/mappings/1/groupId")).isEqualTo(groupId);
        assertThat(put.get("/redirectUri")).endsWith("/login/sso/" + org + "/callback");

        Api.Response read = owner.get(path(org));
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.text()).doesNotContain(SECRET);
        assertThat(read.get("/clientId")).isEqualTo("cairn");

        Api.Response keep = owner.putJson(path(org), settings("http://127.0.0.1:18180/realms/acme", null, List.of()));
        assertThat(keep.status()).as("no secret keeps the stored one: " + keep.text()).isEqualTo(200);
        assertThat(keep.get("/clientSecretSet")).isEqualTo("true");

        Api.Response audit = owner.get("/api/v1/orgs/" + org + "/audit/events?maxResults=100");
        assertThat(audit.text()).contains("SsoConfigured").contains("clientSecretChanged").doesNotContain(SECRET);
        String stored = jdbc.sql("SELECT ciphertext FROM org_sso_secrets WHERE tenant_id = ?").param(org)
                .query(String.class).single();
        assertThat(stored).doesNotContain(SECRET);
        List<byte[]> payloads = jdbc.sql("SELECT payload FROM domainevententry WHERE aggregateidentifier = ?")
                .param(org).query((rs, n) -> rs.getBytes(1)).list();
        assertThat(payloads).isNotEmpty().noneMatch(p -> new String(p, StandardCharsets.UTF_8).contains(SECRET));

        assertThat(owner.delete(path(org)).status()).isEqualTo(204);
        assertProblem(owner.get(path(org)), 404);
        assertProblem(owner.delete(path(org)), 404);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM org_sso_secrets WHERE tenant_id = ?").param(org)
                .query(Long.class).single()).isZero();
        assertThat(owner.get("/api/v1/orgs/" + org + "/audit/events?maxResults=100").text()).contains("SsoRemoved");
    }

    @Test
    void badSettingsAreProblemsNamingTheField() {
        String org = unique("sso");
        Api owner = ownerOf(org);
        String https = "https://sso.example.com/realms/acme";
        assertField(owner.putJson(path(org), settings("http://sso.example.com/realms/acme", SECRET, List.of())),
                "issuerUri");
        assertField(owner.putJson(path(org), settings("not a uri", SECRET, List.of())), "issuerUri");
        assertField(owner.putJson(path(org), settings(null, SECRET, List.of())), "issuerUri");
        assertField(owner.putJson(path(org), settings("ftp://localhost/x", SECRET, List.of())), "issuerUri");
        assertField(owner.putJson(path(org), settings(https, null, List.of())), "clientSecret");
        assertField(owner.putJson(path(org), settings(https, " ", List.of())), "clientSecret");
        Map<String, Object> noClient = settings(https, SECRET, List.of());
        noClient.remove("clientId");
        assertField(owner.putJson(path(org), noClient), "clientId");
        Map<String, Object> ownerByDefault = settings(https, SECRET, List.of());
        ownerByDefault.put("defaultRole", "OWNER");
        assertField(owner.putJson(path(org), ownerByDefault), "defaultRole");
        assertField(owner.putJson(path(org), settings(https, SECRET,
                List.of(Map.of("claim", "groups", "value", "x", "role", "OWNER")))), "mappings[0].role");
        assertField(owner.putJson(path(org), settings(https, SECRET,
                List.of(Map.of("claim", "groups", "value", "x", "role", "KING")))), "mappings[0].role");
        assertField(owner.putJson(path(org), settings(https, SECRET,
                List.of(Map.of("claim", "groups", "value", "x", "groupId", "no-such-group")))), "mappings[0].groupId");
        assertField(owner.putJson(path(org), settings(https, SECRET,
                List.of(Map.of("claim", "groups", "value", "x")))), "mappings[0]");
        assertField(owner.putJson(path(org), settings(https, SECRET,
                List.of(Map.of("claim", " ", "value", "x", "role", "ADMIN")))), "mappings[0].claim");
        assertProblem(owner.get(path(org)), 404);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM org_sso_secrets WHERE tenant_id = ?").param(org)
                .query(Long.class).single()).as("nothing stored from refused requests").isZero();
    }

    @Test
    void onlyTheOrganizationsOwnersAndAdminsSeeOrChangeIt() {
        String org = unique("sso");
        Api owner = ownerOf(org);
        Map<String, Object> body = settings("https://sso.example.com/realms/acme", SECRET, List.of());
        assertThat(owner.putJson(path(org), body).status()).isEqualTo(200);

        Api admin = memberOf(org, "ADMIN");
        assertThat(admin.get(path(org)).status()).isEqualTo(200);
        assertThat(admin.putJson(path(org), body).status()).isEqualTo(200);
        assertProblem(memberOf(org, "MEMBER").get(path(org)), 403);
        assertProblem(memberOf(org, "MEMBER").putJson(path(org), body), 403);
        assertProblem(memberOf(org, "AUDITOR").delete(path(org)), 403);

        Api stranger = ownerOf(unique("other"));
        assertProblem(stranger.get(path(org)), 404);
        assertProblem(stranger.putJson(path(org), body), 404);
        assertProblem(stranger.delete(path(org)), 404);
        assertProblem(owner.withToken("cairn_pat_nonsense").get(path(org)), 401);
        assertThat(owner.get(path(org)).status()).isEqualTo(200);
    }

    @Test
    void theSignInPageOffersSsoAndExplainsWhenAnOrganizationHasNone() {
        Browser browser = new Browser(port);
        HttpResponse<String> page = browser.navigate("/login");
        assertThat(page.body()).contains("action=\"/login/sso\"").contains("Sign in with your organization's SSO");

        String org = unique("nosso");
        ownerOf(org);
        HttpResponse<String> none = browser.navigate("/login/sso/" + org);
        assertThat(none.statusCode()).isEqualTo(404);
        assertThat(none.body()).contains("does not offer sign-in with SSO");
        assertThat(browser.expectRedirect(browser.navigate("/login/sso?org=" + org), "/login/sso/" + org)).isNotNull();
        assertThat(browser.navigate("/login/sso?org=..%2Fadmin").statusCode()).isEqualTo(400);

        String unreachable = unique("down");
        ownerOf(unreachable).putJson(path(unreachable), settings("http://127.0.0.1:9/realms/none", SECRET, List.of()));
        HttpResponse<String> down = browser.navigate("/login/sso/" + unreachable);
        assertThat(down.statusCode()).isEqualTo(502);
        assertThat(down.body()).contains("cannot be reached");
        assertThat(browser.navigate("/login?sso-error").body()).contains("SSO failed");
        browser.expectRedirect(browser.navigate("/login/sso/" + unreachable + "/callback?code=forged&state=forged"),
                "/login?sso-error");
    }

    @Test
    void namesWithAColonAreReservedForSsoUsers() {
        String org = unique("sso");
        Api.Response invited = ownerOf(org).post("/api/v1/orgs/" + org + "/members",
                Map.of("username", org + ":mallory", "role", "MEMBER"));
        assertField(invited, "username");
    }

    private static void assertField(Api.Response response, String field) {
        assertProblem(response, 400);
        assertThat(response.get("/field")).as(response.text()).isEqualTo(field);
    }
}
