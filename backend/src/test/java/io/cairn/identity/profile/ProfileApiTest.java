package io.cairn.identity.profile;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.support.Api;
import io.cairn.support.ApiTestBase;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The profile store (personal data outside events) and erasure of a user (right to be forgotten). */
class ProfileApiTest extends ApiTestBase {

    private static final String PASSWORD = "correct horse battery staple";

    @Test
    void ownProfileIsEditedAndShownInMeAndTheMemberList() {
        String org = unique("profiles");
        Member member = newMember(org, "MEMBER");
        Api.Response empty = member.api().get("/api/v1/me/profile");
        assertThat(empty.status()).as(empty.text()).isEqualTo(200);
        assertThat(empty.get("/username")).isEqualTo(member.username());
        assertThat(empty.json().has("displayName")).as("absent until given").isFalse();

        Api.Response updated = member.api().putJson("/api/v1/me/profile",
                Map.of("displayName", "  Ada Lovelace ", "email", "ada@example.com"));
        assertThat(updated.status()).as(updated.text()).isEqualTo(200);
        assertThat(updated.get("/displayName")).isEqualTo("Ada Lovelace");
        assertThat(updated.get("/email")).isEqualTo("ada@example.com");
        assertThat(member.api().get("/api/v1/me").get("/displayName")).isEqualTo("Ada Lovelace");
        assertThat(ownerOf(org).get("/api/v1/orgs/" + org + "/members").text()).contains("\"Ada Lovelace\"");
        assertThat(ownerOf(org).get("/api/v1/orgs/" + org + "/users/" + member.principalId()).get("/email"))
                .isEqualTo("ada@example.com");

        Api.Response cleared = member.api().putJson("/api/v1/me/profile", Map.of("displayName", "Ada", "email", " "));
        assertThat(cleared.json().has("email")).as("cleared").isFalse();
    }

    @Test
    void badProfileInputIsRejectedAndLeavesTheStoredProfileAlone() {
        Api member = memberOf(unique("profiles"), "AUDITOR");
        member.putJson("/api/v1/me/profile", Map.of("displayName", "Grace", "email", "grace@example.com"));

        assertThat(assertProblem(member.putJson("/api/v1/me/profile", Map.of("email", "not-an-address")), 400)
                .get("/field")).isEqualTo("email");
        assertThat(assertProblem(member.putJson("/api/v1/me/profile", Map.of("displayName", "x".repeat(129))), 400)
                .get("/field")).isEqualTo("displayName");
        assertThat(assertProblem(member.putJson("/api/v1/me/profile", Map.of("displayName", "bell\u0007")), 400)
                .get("/field")).isEqualTo("displayName");

        Api.Response kept = member.get("/api/v1/me/profile");
        assertThat(kept.get("/displayName")).isEqualTo("Grace");
        assertThat(kept.get("/email")).isEqualTo("grace@example.com");
    }

    @Test
    void erasedUserIsForgottenWhileTheHistoryStaysWholeAndPseudonymous() {
        String org = unique("erasure");
        Api owner = ownerOf(org);
        String username = unique("ada");
        String principalId = localUser(org, username, PASSWORD, "MEMBER");
        Api ada = tokenFor(username, org);
        ada.putJson("/api/v1/me/profile", Map.of("displayName", "Ada Byron", "email", "ada.byron@example.com"));
        String project = createProject(ada);
        String run = createRun(ada, project);
        String other = unique("other");
        ownerOf(other).post("/api/v1/orgs/" + other + "/members", Map.of("username", username, "role", "MEMBER"));

        Api.Response erased = owner.delete("/api/v1/orgs/" + org + "/users/" + principalId);
        assertThat(erased.status()).as(erased.text()).isEqualTo(204);

        // nothing left to sign in with, nothing left that names them
        assertProblem(ada.get("/api/v1/me"), 401);
        assertThat(owner.get("/api/v1/orgs/" + org + "/members").text()).doesNotContain(principalId);
        assertThat(ownerOf(other).get("/api/v1/orgs/" + other + "/members").text()).doesNotContain(principalId);
        assertProblem(owner.get("/api/v1/orgs/" + org + "/users/" + principalId), 404);
        assertThat(localUser(org, username, PASSWORD, "MEMBER")).as("the name is free again").isNotEqualTo(principalId);

        // the history keeps the work and the pseudonymous id, records the erasure, and still verifies
        Api.Response runView = owner.get("/api/v1/runs/" + run);
        assertThat(runView.status()).isEqualTo(200);
        assertThat(runView.text()).contains(principalId);
        eventually(() -> owner.get("/api/v1/orgs/" + org + "/audit/events?eventType=cairn.tenancy.UserErased")
                .text().contains(principalId));
        eventually(() -> ownerOf(other).get("/api/v1/orgs/" + other + "/audit/events?eventType=cairn.tenancy.UserErased")
                .text().contains(principalId));
        String history = owner.get("/api/v1/orgs/" + org + "/audit/events/export").text();
        assertThat(history).contains("\"actor\":\"" + principalId + "\"")
                .doesNotContain("Ada Byron").doesNotContain("ada.byron@example.com");
        assertThat(owner.get("/api/v1/orgs/" + org + "/audit/verify").get("/valid")).isEqualTo("true");
    }

    @Test
    void erasureIsForTheHomeOrganizationsAdministratorsOnly() {
        String org = unique("erasure");
        Api owner = ownerOf(org);
        Member target = newMember(org, "MEMBER");
        String path = "/api/v1/orgs/" + org + "/users/" + target.principalId();

        assertProblem(memberOf(org, "MEMBER").delete(path), 403);
        assertProblem(memberOf(org, "AUDITOR").delete(path), 403);
        String outsider = unique("outsider");
        assertProblem(ownerOf(outsider).delete(path), 404);
        assertProblem(ownerOf(outsider).delete("/api/v1/orgs/" + outsider + "/users/" + target.principalId()), 404);
        assertProblem(owner.delete("/api/v1/orgs/" + org + "/users/no-such-user"), 404);
        assertProblem(admin.withToken(null).delete(path), 401);
        assertThat(owner.get("/api/v1/orgs/" + org + "/members").text()).contains(target.principalId());

        assertThat(owner.delete(path).status()).isEqualTo(204);
        assertThat(owner.delete(path).status()).as("erasing again completes, changes nothing").isEqualTo(204);
    }

    @Test
    void theOnlyOwnerOfAnOrganizationIsNotErased() {
        String org = unique("erasure");
        Api owner = ownerOf(org);
        String ownerId = owner.get("/api/v1/me").get("/principalId");
        Api.Response refused = assertProblem(owner.delete("/api/v1/orgs/" + org + "/users/" + ownerId), 409);
        assertThat(refused.get("/detail")).contains("only owner of organization '" + org + "'");
        assertThat(owner.get("/api/v1/me").status()).isEqualTo(200);
    }
}
