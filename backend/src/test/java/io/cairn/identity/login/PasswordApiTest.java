package io.cairn.identity.login;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.support.Api;
import io.cairn.support.ApiTestBase;
import io.cairn.support.Browser;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Local users' passwords over HTTP: the policy, who may set them, changing one's own, and sign-in throttling. */
class PasswordApiTest extends ApiTestBase {

    private static final String PASSWORD = "a perfectly fine passphrase";

    @Autowired
    JdbcClient jdbc;

    @Test
    void passwordsBreakingThePolicyAreRefusedNamingTheField() {
        String org = unique("policy");
        Api owner = ownerOf(org);
        String name = unique("frank");
        Map<String, String> refused = Map.of(
                "short-pass", "at least 12 characters",
                name, "must not be the username",
                "Password1234", "too common",
                "zzzzzzzzzzzzzz", "single character");
        refused.forEach((password, reason) -> {
            Api.Response answer = assertProblem(owner.post("/api/v1/orgs/" + org + "/users",
                    Map.of("username", name, "password", password)), 400);
            assertThat(answer.get("/field")).isEqualTo("password");
            assertThat(answer.get("/detail")).contains(reason);
        });
        assertThat(assertProblem(owner.post("/api/v1/orgs/" + org + "/users",
                Map.of("username", "has space", "password", PASSWORD)), 400).get("/field")).isEqualTo("username");

        Api.Response created = owner.post("/api/v1/orgs/" + org + "/users", Map.of("username", name, "password", PASSWORD));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.get("/role")).isEqualTo("MEMBER");
        assertThat(jdbc.sql("SELECT password_hash FROM local_credentials WHERE principal_id = ?")
                .param(created.get("/principalId")).query(String.class).single()).startsWith("{argon2}");
        assertThat(owner.get("/api/v1/orgs/" + org + "/members").text()).contains(name);
        assertThat(assertProblem(owner.post("/api/v1/orgs/" + org + "/users",
                Map.of("username", name, "password", PASSWORD)), 409).get("/field")).isEqualTo("username");
    }

    @Test
    void aNewOrganizationsOwnerMayGetAPasswordWithIt() {
        String org = unique("founded");
        String owner = unique("founder");
        assertThat(assertProblem(admin.post("/api/v1/orgs", Map.of("id", org, "name", org, "ownerUsername", owner,
                "ownerPassword", "short")), 400).get("/field")).isEqualTo("ownerPassword");
        assertThat(admin.post("/api/v1/orgs", Map.of("id", org, "name", org, "ownerUsername", owner,
                "ownerPassword", PASSWORD)).status()).isEqualTo(201);
        Api founder = admin.withToken(new Browser(port).accessToken(owner, PASSWORD));
        assertThat(founder.get("/api/v1/orgs/" + org).status()).isEqualTo(200);
    }

    @Test
    void usersChangeTheirOwnPasswordWithTheCurrentOne() {
        String name = unique("gina");
        localUser("default", name, PASSWORD, "MEMBER");
        Api gina = admin.withToken(new Browser(port).accessToken(name, PASSWORD));

        assertThat(assertProblem(gina.post("/api/v1/me/password", Map.of("currentPassword", "wrong password!",
                "newPassword", "another fine passphrase")), 400).get("/field")).isEqualTo("currentPassword");
        assertThat(assertProblem(gina.post("/api/v1/me/password", Map.of("currentPassword", PASSWORD,
                "newPassword", "too short")), 400).get("/field")).isEqualTo("newPassword");
        assertThat(gina.post("/api/v1/me/password", Map.of("currentPassword", PASSWORD,
                "newPassword", "another fine passphrase")).status()).isEqualTo(204);

        new Browser(port).accessToken(name, "another fine passphrase");
        Browser old = new Browser(port);
        old.expectRedirect(old.submitSignIn(name, PASSWORD), "/login?error");

        // on the home organization's record, by the user, without any secret; refused changes are not
        String ginaId = gina.get("/api/v1/me").get("/principalId");
        String changes = "/api/v1/orgs/default/audit/events?eventType=cairn.tenancy.PasswordChanged&actor=" + ginaId;
        eventually(() -> admin.get(changes).json().get("events").size() == 1);
        Api.Response recorded = admin.get(changes);
        assertThat(recorded.get("/events/0/payload/principalId")).isEqualTo(ginaId);
        assertThat(recorded.get("/events/0/payload/reset")).isEqualTo("false");
        assertThat(recorded.text()).doesNotContain("another fine passphrase").doesNotContain("argon2");

        assertProblem(userOf("default").post("/api/v1/me/password", Map.of("currentPassword", "x", "newPassword",
                "another fine passphrase")), 409);
    }

    @Test
    void adminsSetThePasswordsOfTheirOrganizationsUsersOnly() {
        String org = unique("admins");
        String memberId = localUser(org, unique("henry"), PASSWORD, "MEMBER");
        String ownerId = localUser(org, unique("irene"), PASSWORD, "OWNER");
        Api admin = memberOf(org, "ADMIN");

        assertThat(admin.putJson("/api/v1/orgs/" + org + "/users/" + memberId + "/password",
                Map.of("password", "reset by the admin")).status()).isEqualTo(204);
        String adminId = admin.get("/api/v1/me").get("/principalId");
        String resets = "/api/v1/orgs/" + org + "/audit/events?eventType=cairn.tenancy.PasswordChanged&actor=" + adminId;
        eventually(() -> admin.get(resets).json().get("events").size() == 1);
        assertThat(admin.get(resets).get("/events/0/payload/principalId")).isEqualTo(memberId);
        assertThat(admin.get(resets).get("/events/0/payload/reset")).isEqualTo("true");
        assertProblem(admin.putJson("/api/v1/orgs/" + org + "/users/" + ownerId + "/password",
                Map.of("password", "reset by the admin")), 403);
        assertThat(ownerOf(org).putJson("/api/v1/orgs/" + org + "/users/" + ownerId + "/password",
                Map.of("password", "reset by the owner")).status()).isEqualTo(204);
        assertThat(assertProblem(admin.putJson("/api/v1/orgs/" + org + "/users/" + memberId + "/password",
                Map.of("password", "short")), 400).get("/field")).isEqualTo("password");

        String outsider = localUser(unique("elsewhere"), unique("jack"), PASSWORD, "MEMBER");
        assertProblem(admin.putJson("/api/v1/orgs/" + org + "/users/" + outsider + "/password",
                Map.of("password", "reset by the admin")), 404);
        String platformAdmin = tokens.platformAdmin().orElseThrow();
        assertProblem(this.admin.withToken(null).putJson("/api/v1/orgs/default/users/" + platformAdmin + "/password",
                Map.of("password", "reset by the admin")), 401);
        assertProblem(memberOf("default", "OWNER").putJson("/api/v1/orgs/default/users/" + platformAdmin + "/password",
                Map.of("password", "reset by an owner")), 403);
    }

    @Test
    void repeatedFailuresLockTheUsernameEvenAgainstTheRightPasswordUntilTheLockoutEnds() throws Exception {
        String name = unique("kate");
        localUser("default", name, PASSWORD, "MEMBER");
        Browser browser = new Browser(port);
        for (int i = 1; i < 5; i++) {
            browser.expectRedirect(browser.submitSignIn(name, "wrong password " + i), "/login?error");
        }
        HttpResponse<String> fifth = browser.submitSignIn(name, "wrong password 5");
        assertThat(fifth.statusCode()).isEqualTo(429);
        assertThat(fifth.headers().firstValue("Retry-After")).isPresent();
        assertThat(fifth.body()).contains("Too many failed sign-ins");

        HttpResponse<String> right = browser.submitSignIn(name, PASSWORD);
        assertThat(right.statusCode()).as("the right password is refused while locked").isEqualTo(429);

        String stranger = unique("nobody");
        for (int i = 1; i < 5; i++) {
            browser.expectRedirect(browser.submitSignIn(stranger, "guess " + i), "/login?error");
        }
        assertThat(browser.submitSignIn(stranger, "guess 5").statusCode())
                .as("unknown names are locked alike, so lockouts reveal no user").isEqualTo(429);

        Thread.sleep(1_200);
        new Browser(port).accessToken(name, PASSWORD);
    }
}
