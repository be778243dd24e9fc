package io.cairn.tenancy.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.support.Api;
import io.cairn.support.ApiTestBase;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GroupApiTest extends ApiTestBase {

    private String org;
    private Api owner;
    private String groups;

    @BeforeEach
    void organization() {
        org = unique("groups");
        owner = ownerOf(org);
        groups = "/api/v1/orgs/" + org + "/groups";
    }

    @Test
    void ownersCreateRenameFillEmptyAndDeleteGroups() {
        Member bob = newMember(org, "MEMBER");
        Api.Response created = owner.post(groups, Map.of("name", "  ml-team "));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String id = created.get("/id");
        assertThat(created.get("/name")).isEqualTo("ml-team");
        assertThat(created.get("/memberCount")).isEqualTo("0");

        Api.Response added = owner.putJson(groups + "/" + id + "/members/" + bob.principalId(), Map.of());
        assertThat(added.get("/members/0/principalId")).isEqualTo(bob.principalId());
        assertThat(added.get("/members/0/username")).startsWith("user-");
        assertThat(owner.putJson(groups + "/" + id + "/members/" + bob.principalId(), Map.of()).get("/memberCount"))
                .isEqualTo("1");

        assertThat(owner.patch(groups + "/" + id, Map.of("name", "vision")).get("/name")).isEqualTo("vision");
        Api.Response listed = bob.api().get(groups);
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.get("/groups/0/name")).isEqualTo("vision");
        assertThat(listed.get("/groups/0/memberCount")).isEqualTo("1");
        assertThat(listed.json().at("/groups/0").has("members")).isFalse();

        assertThat(owner.delete(groups + "/" + id + "/members/" + bob.principalId()).get("/memberCount")).isEqualTo("0");
        assertProblem(owner.delete(groups + "/" + id + "/members/" + bob.principalId()), 404);
        assertThat(owner.delete(groups + "/" + id).status()).isEqualTo(204);
        assertProblem(owner.get(groups + "/" + id), 404);
        assertProblem(owner.delete(groups + "/" + id), 404);
        assertThat(owner.post(groups, Map.of("name", "vision")).status()).isEqualTo(201);
    }

    @Test
    void badGroupRequestsAreProblemsNamingTheField() {
        String id = createGroup(owner, org);
        String name = owner.get(groups + "/" + id).get("/name");
        assertThat(assertProblem(owner.post(groups, Map.of("name", name)), 409).get("/field")).isEqualTo("name");
        assertThat(assertProblem(owner.post(groups, Map.of("name", " ")), 400).get("/field")).isEqualTo("name");
        assertThat(assertProblem(owner.post(groups, Map.of("name", "x".repeat(300))), 400).get("/field")).isEqualTo("name");
        assertThat(assertProblem(owner.post(groups, Map.of("nmae", "x")), 400).get("/field")).isEqualTo("nmae");
        assertThat(assertProblem(owner.postRaw(groups, "{\"name\": "), 400).get("/detail")).startsWith("Malformed JSON");
        String other = createGroup(owner, org);
        assertThat(assertProblem(owner.patch(groups + "/" + other, Map.of("name", name)), 409).get("/field")).isEqualTo("name");
        assertThat(assertProblem(owner.putJson(groups + "/" + id + "/members/nobody", Map.of()), 404).get("/detail"))
                .isEqualTo("Member 'nobody' not found");
        assertThat(assertProblem(owner.patch(groups + "/no-such-group", Map.of("name", "x")), 404).get("/detail"))
                .isEqualTo("Group 'no-such-group' not found");
    }

    @Test
    void membersAndAuditorsListGroupsButOnlyOwnersAndAdminsChangeThem() {
        String id = createGroup(owner, org);
        Member member = newMember(org, "MEMBER");
        for (Api reader : new Api[] {member.api(), memberOf(org, "AUDITOR")}) {
            assertThat(reader.get(groups).status()).isEqualTo(200);
            assertThat(reader.get(groups + "/" + id).status()).isEqualTo(200);
            assertProblem(reader.post(groups, Map.of("name", unique("mine"))), 403);
            assertProblem(reader.patch(groups + "/" + id, Map.of("name", unique("mine"))), 403);
            assertProblem(reader.putJson(groups + "/" + id + "/members/" + member.principalId(), Map.of()), 403);
            assertProblem(reader.delete(groups + "/" + id), 403);
        }
        Api admin = memberOf(org, "ADMIN");
        assertThat(admin.putJson(groups + "/" + id + "/members/" + member.principalId(), Map.of()).status()).isEqualTo(200);
    }

    @Test
    void leavingTheOrganizationLeavesItsGroupsAndTheirProjects() {
        Member bob = newMember(org, "MEMBER");
        String id = createGroup(owner, org, bob.principalId());
        String project = createProject(owner);
        grant(owner, project, "groups", id, "VIEWER");
        assertThat(bob.api().get("/api/v1/projects/" + project).status()).isEqualTo(200);

        assertThat(owner.delete("/api/v1/orgs/" + org + "/members/" + bob.principalId()).status()).isEqualTo(204);
        assertThat(owner.get(groups + "/" + id).get("/memberCount")).isEqualTo("0");
        Api.Response rejoined = owner.post("/api/v1/orgs/" + org + "/members", Map.of("username", bob.username(), "role", "MEMBER"));
        assertThat(rejoined.status()).as(rejoined.text()).isEqualTo(201);
        assertProblem(bob.api().get("/api/v1/projects/" + project), 404);
        assertProblem(owner.putJson(groups + "/" + id + "/members/" + newMember(unique("other"), "MEMBER").principalId(),
                Map.of()), 404);
    }

    @Test
    void anotherOrganizationsGroupsAreNotFound() {
        String id = createGroup(owner, org);
        Api eve = ownerOf(unique("evil-corp"));
        assertProblem(eve.get(groups), 404);
        assertProblem(eve.get(groups + "/" + id), 404);
        assertProblem(eve.post(groups, Map.of("name", "pwned")), 404);
        assertProblem(eve.patch(groups + "/" + id, Map.of("name", "pwned")), 404);
        assertProblem(eve.delete(groups + "/" + id), 404);
        assertProblem(eve.putJson(groups + "/" + id + "/members/x", Map.of()), 404);
        assertProblem(admin.withToken(null).get(groups), 401);
        assertThat(owner.get(groups + "/" + id).get("/name")).doesNotContain("pwned");
    }
}
