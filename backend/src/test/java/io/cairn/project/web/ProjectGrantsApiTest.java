package io.cairn.project.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.support.Api;
import io.cairn.support.ApiTestBase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Project sharing over HTTP: alice (a MEMBER) owns a project with one run; bob, another MEMBER, sees
 * nothing of it until it is shared with him, directly or through a group, and loses it again on revoke.
 */
class ProjectGrantsApiTest extends ApiTestBase {

    private String org;
    private Api owner;
    private Member alice;
    private Member bob;
    private String project;
    private String run;

    @BeforeEach
    void aliceSharesNothingYet() {
        org = unique("sharing");
        owner = ownerOf(org);
        alice = newMember(org, "MEMBER");
        bob = newMember(org, "MEMBER");
        project = createProject(alice.api());
        run = createRun(alice.api(), project);
        alice.api().post("/api/v1/runs/" + run + "/metrics", Map.of("points", List.of(Map.of("key", "acc", "value", 0.9))));
        alice.api().put("/api/v1/runs/" + run + "/artifacts/model.bin", "weights".getBytes());
    }

    private String grants() {
        return "/api/v1/projects/" + project + "/grants";
    }

    /** Everything bob may read of the project and its run answers {@code status}. */
    private void assertBobReads(int status) {
        Api api = bob.api();
        List<Api.Response> reads = List.of(api.get("/api/v1/projects/" + project), api.get(grants()),
                api.get("/api/v1/runs/" + run), api.get("/api/v1/runs/" + run + "/metrics"),
                api.get("/api/v1/runs/" + run + "/metrics/acc"), api.get("/api/v1/runs/" + run + "/artifacts"),
                api.get("/api/v1/runs/" + run + "/artifacts/model.bin"), api.get("/api/v1/runs?projectId=" + project),
                api.post("/api/v1/runs/search", Map.of("projectIds", List.of(project))));
        for (Api.Response read : reads) {
            if (status == 200) {
                assertThat(read.status()).as(read.text()).isEqualTo(200);
            } else {
                assertThat(assertProblem(read, status).get("/detail")).matches("(Project|Run) '[0-9a-f-]+' not found");
            }
        }
        assertThat(api.get("/api/v1/projects?maxResults=1000").text().contains(project)).isEqualTo(status == 200);
    }

    @Test
    void aMemberWithoutGrantSeesNothingOfAnotherMembersProject() {
        assertBobReads(404);
        assertThat(assertProblem(bob.api().get("/api/v1/runs/" + run), 404).get("/detail"))
                .isEqualTo("Run '" + run + "' not found");
        assertThat(assertProblem(bob.api().post("/api/v1/runs/search",
                Map.of("projectIds", List.of(createProject(bob.api()), project))), 404).get("/detail"))
                .isEqualTo("Project '" + project + "' not found");
        assertProblem(bob.api().post("/api/v1/runs", Map.of("projectId", project)), 404);
        assertProblem(bob.api().post("/api/v1/runs/" + run + "/params", Map.of("params", Map.of("lr", "1"))), 404);
        assertProblem(bob.api().post("/api/v1/runs/" + run + "/metrics", Map.of("points", List.of(Map.of("key", "x", "value", 1)))), 404);
        assertProblem(bob.api().put("/api/v1/runs/" + run + "/artifacts/evil.bin", "x".getBytes()), 404);
        assertProblem(bob.api().patch("/api/v1/projects/" + project, Map.of("name", "pwned")), 404);
        assertProblem(bob.api().putJson(grants() + "/users/" + bob.principalId(), Map.of("role", "MANAGER")), 404);
        assertThat(alice.api().get("/api/v1/runs/" + run).json().get("params").isEmpty()).isTrue();
    }

    @Test
    void aDirectGrantShowsTheProjectAndRevokingHidesItAgain() {
        grant(alice.api(), project, "users", bob.principalId(), "VIEWER");
        assertBobReads(200);
        Api.Response listed = bob.api().get(grants());
        assertThat(listed.get("/ownerId")).isEqualTo(alice.principalId());
        assertThat(listed.get("/grants/0/granteeType")).isEqualTo("USER");
        assertThat(listed.get("/grants/0/granteeId")).isEqualTo(bob.principalId());
        assertThat(listed.get("/grants/0/name")).startsWith("user-");
        assertThat(listed.get("/grants/0/role")).isEqualTo("VIEWER");

        assertThat(alice.api().delete(grants() + "/users/" + bob.principalId()).status()).isEqualTo(204);
        assertBobReads(404);
        assertProblem(alice.api().delete(grants() + "/users/" + bob.principalId()), 404);
    }

    @Test
    void aGroupGrantShowsTheProjectToItsMembersOnly() {
        String team = createGroup(owner, org, bob.principalId());
        grant(alice.api(), project, "groups", team, "VIEWER");
        assertBobReads(200);
        assertThat(bob.api().get(grants()).get("/grants/0/granteeType")).isEqualTo("GROUP");
        assertProblem(newMember(org, "MEMBER").api().get("/api/v1/projects/" + project), 404);

        owner.delete("/api/v1/orgs/" + org + "/groups/" + team + "/members/" + bob.principalId());
        assertBobReads(404);
        owner.putJson("/api/v1/orgs/" + org + "/groups/" + team + "/members/" + bob.principalId(), Map.of());
        assertBobReads(200);
        assertThat(owner.delete("/api/v1/orgs/" + org + "/groups/" + team).status()).isEqualTo(204);
        assertBobReads(404);
        assertThat(alice.api().get(grants()).json().get("grants").isEmpty()).isTrue();
    }

    @Test
    void viewersReadEditorsWriteRunsManagersChangeTheProjectAndItsGrants() {
        Member carol = newMember(org, "MEMBER");
        grant(alice.api(), project, "users", bob.principalId(), "VIEWER");
        Api.Response refused = assertProblem(bob.api().post("/api/v1/runs/" + run + "/params", Map.of("params", Map.of("lr", "1"))), 403);
        assertThat(refused.get("/detail")).isEqualTo("Your role on project '" + project + "' is VIEWER; this needs EDITOR or MANAGER");
        assertProblem(bob.api().post("/api/v1/runs", Map.of("projectId", project)), 403);
        assertProblem(bob.api().put("/api/v1/runs/" + run + "/artifacts/b.bin", "b".getBytes()), 403);
        assertProblem(bob.api().post("/api/v1/projects/" + project + "/tags", Map.of("tags", Map.of("k", "v"))), 403);

        grant(alice.api(), project, "users", bob.principalId(), "EDITOR");
        assertThat(bob.api().post("/api/v1/runs/" + run + "/params", Map.of("params", Map.of("lr", "1"))).status()).isEqualTo(200);
        assertThat(bob.api().post("/api/v1/runs/" + run + "/metrics", Map.of("points", List.of(Map.of("key", "loss", "value", 1))))
                .status()).isEqualTo(200);
        createRun(bob.api(), project);
        assertThat(bob.api().post("/api/v1/projects/" + project + "/tags", Map.of("tags", Map.of("k", "v"))).status()).isEqualTo(200);
        assertProblem(bob.api().patch("/api/v1/projects/" + project, Map.of("description", "mine")), 403);
        assertProblem(bob.api().post("/api/v1/projects/" + project + "/archive", Map.of()), 403);
        assertProblem(bob.api().putJson(grants() + "/users/" + carol.principalId(), Map.of("role", "VIEWER")), 403);

        grant(alice.api(), project, "users", bob.principalId(), "MANAGER");
        assertThat(bob.api().patch("/api/v1/projects/" + project, Map.of("description", "shared")).get("/description"))
                .isEqualTo("shared");
        grant(bob.api(), project, "users", carol.principalId(), "VIEWER");
        assertThat(carol.api().get("/api/v1/projects/" + project).status()).isEqualTo(200);
        assertThat(bob.api().post("/api/v1/projects/" + project + "/archive", Map.of()).get("/archived")).isEqualTo("true");
    }

    @Test
    void theOwnerStaysManagerAndAdminsAndAuditorsSeeEveryProject() {
        grant(alice.api(), project, "users", alice.principalId(), "VIEWER");
        assertThat(alice.api().patch("/api/v1/projects/" + project, Map.of("description", "still mine")).status()).isEqualTo(200);

        Api admin = memberOf(org, "ADMIN");
        assertThat(admin.get("/api/v1/projects?maxResults=1000").text()).contains(project);
        grant(admin, project, "users", bob.principalId(), "VIEWER");
        assertThat(admin.post("/api/v1/runs/" + run + "/tags", Map.of("tags", Map.of("by", "admin"))).status()).isEqualTo(200);

        Member auditor = newMember(org, "AUDITOR");
        assertThat(auditor.api().get("/api/v1/runs/" + run + "/metrics/acc").status()).isEqualTo(200);
        assertThat(auditor.api().get("/api/v1/projects?maxResults=1000").text()).contains(project);
        grant(alice.api(), project, "users", auditor.principalId(), "MANAGER");
        assertThat(assertProblem(auditor.api().post("/api/v1/runs/" + run + "/tags", Map.of("tags", Map.of("k", "v"))), 403)
                .get("/detail")).isEqualTo("Your role AUDITOR only reads in this organization");
        assertProblem(auditor.api().putJson(grants() + "/users/" + bob.principalId(), Map.of("role", "EDITOR")), 403);
        assertProblem(auditor.api().get("/api/v1/projects/does-not-exist"), 404);
        assertProblem(auditor.api().post("/api/v1/projects/does-not-exist/archive", Map.of()), 404);
    }

    @Test
    void badGrantsAreProblemsNamingTheField() {
        assertThat(assertProblem(alice.api().putJson(grants() + "/users/" + bob.principalId(), Map.of("role", "KING")), 400)
                .get("/field")).isEqualTo("role");
        assertThat(assertProblem(alice.api().putJson(grants() + "/users/" + bob.principalId(), Map.of()), 400)
                .get("/field")).isEqualTo("role");
        assertThat(assertProblem(alice.api().putJson(grants() + "/users/" + bob.principalId(),
                Map.of("role", "VIEWER", "rol", "x")), 400).get("/field")).isEqualTo("rol");
        assertThat(assertProblem(alice.api().putJson(grants() + "/robots/" + bob.principalId(), Map.of("role", "VIEWER")), 400)
                .get("/field")).isEqualTo("kind");
        assertThat(assertProblem(alice.api().putJson(grants() + "/users/nobody", Map.of("role", "VIEWER")), 404)
                .get("/detail")).isEqualTo("Member 'nobody' not found");
        assertThat(assertProblem(alice.api().putJson(grants() + "/groups/nothing", Map.of("role", "VIEWER")), 404)
                .get("/detail")).isEqualTo("Group 'nothing' not found");
        assertProblem(alice.api().delete(grants() + "/groups/nothing"), 404);
        assertThat(alice.api().get(grants()).json().get("grants").isEmpty()).isTrue();
    }

    @Test
    void anotherOrganizationsProjectsMembersAndGroupsAreNotFound() {
        String otherOrg = unique("elsewhere");
        Api eve = ownerOf(otherOrg);
        Member mallory = newMember(otherOrg, "MEMBER");
        String theirGroup = createGroup(eve, otherOrg, mallory.principalId());
        assertProblem(eve.get(grants()), 404);
        assertProblem(eve.putJson(grants() + "/users/" + mallory.principalId(), Map.of("role", "MANAGER")), 404);
        assertProblem(eve.delete(grants() + "/users/" + bob.principalId()), 404);

        assertProblem(alice.api().putJson(grants() + "/users/" + mallory.principalId(), Map.of("role", "VIEWER")), 404);
        assertProblem(alice.api().putJson(grants() + "/groups/" + theirGroup, Map.of("role", "VIEWER")), 404);
        assertProblem(mallory.api().get("/api/v1/projects/" + project), 404);
    }
}
