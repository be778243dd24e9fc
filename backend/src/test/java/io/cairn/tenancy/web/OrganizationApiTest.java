package io.cairn.tenancy.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.support.Api;
import io.cairn.support.ApiTestBase;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OrganizationApiTest extends ApiTestBase {

    private String memberId(Api owner, String org, String username) {
        for (var member : owner.get("/api/v1/orgs/" + org + "/members").json().get("members")) {
            if (member.get("username").asString().equals(username)) {
                return member.get("principalId").asString();
            }
        }
        throw new AssertionError(username + " is not a member of " + org);
    }

    @Test
    void platformAdminCreatesAnOrganizationWithItsOwner() {
        String org = unique("acme");
        Api.Response created = admin.post("/api/v1/orgs", Map.of("id", org, "name", "Acme", "ownerUsername", "alice-" + org));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.get("/name")).isEqualTo("Acme");
        Api alice = tokenFor("alice-" + org, org);
        assertThat(alice.get("/api/v1/orgs/" + org).get("/id")).isEqualTo(org);
        assertThat(alice.get("/api/v1/orgs/" + org + "/members").get("/members/0/role")).isEqualTo("OWNER");
        assertThat(alice.patch("/api/v1/orgs/" + org, Map.of("name", "Acme Corp")).get("/name")).isEqualTo("Acme Corp");

        assertThat(assertProblem(admin.post("/api/v1/orgs", Map.of("id", org, "name", "again", "ownerUsername", "x")), 409)
                .get("/field")).isEqualTo("id");
        assertThat(assertProblem(admin.post("/api/v1/orgs", Map.of("id", "Bad Id!", "name", "x", "ownerUsername", "x")), 400)
                .get("/field")).isEqualTo("id");
        assertProblem(alice.post("/api/v1/orgs", Map.of("id", unique("mine"), "name", "x", "ownerUsername", "x")), 403);
    }

    @Test
    void ownersManageMembersAndRoles() {
        String org = unique("team");
        Api owner = ownerOf(org);
        String username = "bob-" + org;
        Api.Response added = owner.post("/api/v1/orgs/" + org + "/members", Map.of("username", username, "role", "MEMBER"));
        assertThat(added.status()).as(added.text()).isEqualTo(201);
        String bobId = memberId(owner, org, username);
        Api bob = tokenFor(username, org);
        assertThat(bob.post("/api/v1/projects", Map.of("name", unique("p"))).status()).isEqualTo(201);
        assertProblem(bob.post("/api/v1/orgs/" + org + "/members", Map.of("username", "eve", "role", "OWNER")), 403);

        owner.patch("/api/v1/orgs/" + org + "/members/" + bobId, Map.of("role", "AUDITOR"));
        assertProblem(bob.post("/api/v1/projects", Map.of("name", unique("p"))), 403);
        assertThat(bob.get("/api/v1/orgs/" + org + "/audit/events?maxResults=1").status()).isEqualTo(200);

        assertThat(assertProblem(owner.post("/api/v1/orgs/" + org + "/members", Map.of("username", username, "role", "MEMBER")),
                409).get("/field")).isEqualTo("username");
        assertThat(assertProblem(owner.post("/api/v1/orgs/" + org + "/members", Map.of("username", "carol", "role", "KING")),
                400).get("/field")).isEqualTo("role");

        assertThat(owner.delete("/api/v1/orgs/" + org + "/members/" + bobId).status()).isEqualTo(204);
        assertThat(assertProblem(bob.get("/api/v1/projects"), 401).get("/detail")).contains("not a member");
        assertProblem(owner.delete("/api/v1/orgs/" + org + "/members/" + bobId), 404);
    }

    @Test
    void anOrganizationKeepsAnOwner() {
        String org = unique("solo");
        Api owner = ownerOf(org);
        String ownerId = memberId(owner, org, "owner-" + org);
        assertProblem(owner.delete("/api/v1/orgs/" + org + "/members/" + ownerId), 409);
        assertProblem(owner.patch("/api/v1/orgs/" + org + "/members/" + ownerId, Map.of("role", "MEMBER")), 409);
        assertThat(owner.get("/api/v1/orgs/" + org + "/members").get("/members/0/role")).isEqualTo("OWNER");
    }

    @Test
    void anotherOrganizationIsNotFound() {
        String org = unique("private");
        ownerOf(org);
        Api eve = ownerOf(unique("evil-corp"));
        assertProblem(eve.get("/api/v1/orgs/" + org), 404);
        assertProblem(eve.get("/api/v1/orgs/" + org + "/members"), 404);
        assertProblem(eve.post("/api/v1/orgs/" + org + "/members", Map.of("username", "eve", "role", "OWNER")), 404);
        assertProblem(eve.patch("/api/v1/orgs/" + org, Map.of("name", "pwned")), 404);
        assertProblem(admin.withToken(null).get("/api/v1/orgs/" + org), 401);
    }
}
