package io.cairn.project.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.support.Api;
import io.cairn.support.ApiTestBase;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProjectApiTest extends ApiTestBase {

    @Test
    void createsReadsAndListsProjects() {
        String name = unique("churn");
        Api.Response created = admin.post("/api/v1/projects",
                Map.of("name", name, "description", "Churn models", "tags", Map.of("team", "risk")));
        assertThat(created.status()).isEqualTo(201);
        String id = created.get("/id");
        assertThat(created.get("/name")).isEqualTo(name);
        assertThat(created.get("/tags/team")).isEqualTo("risk");
        assertThat(created.get("/archived")).isEqualTo("false");

        Api.Response read = admin.get("/api/v1/projects/" + id);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json()).isEqualTo(created.json());

        assertThat(admin.get("/api/v1/projects?maxResults=1000").text()).contains(id);
    }

    @Test
    void pagesThroughProjectsWithoutRepeats() {
        Api user = userOf(unique("tenant"));
        for (int i = 0; i < 5; i++) {
            createProject(user);
        }
        Set<String> seen = new HashSet<>();
        String token = null;
        int pages = 0;
        do {
            Api.Response page = user.get("/api/v1/projects?maxResults=2" + (token == null ? "" : "&pageToken=" + token));
            assertThat(page.status()).isEqualTo(200);
            page.json().get("projects").forEach(p -> assertThat(seen.add(p.get("id").asString())).isTrue());
            token = page.get("/nextPageToken");
            pages++;
        } while (token != null);
        assertThat(seen).hasSize(5);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void renamesDescribesTagsArchivesAndRestores() {
        String id = createProject(admin);
        String newName = unique("renamed");
        assertThat(admin.patch("/api/v1/projects/" + id, Map.of("name", newName, "description", "d2")).get("/name"))
                .isEqualTo(newName);
        assertThat(admin.post("/api/v1/projects/" + id + "/tags", Map.of("tags", Map.of("stage", "dev")))
                .get("/tags/stage")).isEqualTo("dev");
        assertThat(admin.delete("/api/v1/projects/" + id + "/tags/stage").json().get("tags").has("stage")).isFalse();
        assertThat(admin.post("/api/v1/projects/" + id + "/archive", Map.of()).get("/archived")).isEqualTo("true");
        assertThat(admin.get("/api/v1/projects?maxResults=1000").text()).doesNotContain(id);
        assertThat(admin.get("/api/v1/projects?maxResults=1000&includeArchived=true").text()).contains(id);
        assertThat(admin.post("/api/v1/projects/" + id + "/restore", Map.of()).get("/archived")).isEqualTo("false");
        Api.Response read = admin.get("/api/v1/projects/" + id);
        assertThat(read.get("/description")).isEqualTo("d2");
    }

    @Test
    void duplicateNameIsAConflictAndLosesNothing() {
        String name = unique("dup");
        String id = admin.post("/api/v1/projects", Map.of("name", name, "description", "first")).get("/id");
        Api.Response dup = assertProblem(admin.post("/api/v1/projects", Map.of("name", name)), 409);
        assertThat(dup.get("/field")).isEqualTo("name");
        assertThat(dup.get("/detail")).isEqualTo("A project named '" + name + "' already exists");
        assertThat(admin.get("/api/v1/projects/" + id).get("/description")).isEqualTo("first");
    }

    @Test
    void badInputIsAProblemNamingTheField() {
        assertThat(assertProblem(admin.postRaw("/api/v1/projects", "{\"name\": "), 400).get("/detail"))
                .startsWith("Malformed JSON");
        Api.Response unknown = assertProblem(admin.post("/api/v1/projects", Map.of("name", "x", "nmae", "y")), 400);
        assertThat(unknown.get("/field")).isEqualTo("nmae");
        assertThat(assertProblem(admin.post("/api/v1/projects", Map.of("name", "  ")), 400).get("/field"))
                .isEqualTo("name");
        assertThat(assertProblem(admin.post("/api/v1/projects", Map.of("name", "x".repeat(300))), 400).get("/field"))
                .isEqualTo("name");
        assertThat(assertProblem(admin.post("/api/v1/projects", Map.of("name", unique("t"), "tags", Map.of("a b!", "x"))),
                400).get("/field")).isEqualTo("tags.a b!");
        assertThat(assertProblem(admin.postRaw("/api/v1/projects", "{\"name\": 42, \"tags\": []}"), 400).get("/field"))
                .isEqualTo("tags");
        assertThat(assertProblem(admin.get("/api/v1/projects?maxResults=0"), 400).get("/field")).isEqualTo("maxResults");
        assertThat(assertProblem(admin.get("/api/v1/projects?pageToken=garbage"), 400).get("/field")).isEqualTo("pageToken");
        assertThat(assertProblem(admin.get("/api/v1/projects?maxResults=abc"), 400).get("/field")).isEqualTo("maxResults");
    }

    @Test
    void unknownProjectIsNotFound() {
        assertProblem(admin.get("/api/v1/projects/does-not-exist"), 404);
        assertProblem(admin.post("/api/v1/projects/does-not-exist/archive", Map.of()), 404);
        assertProblem(admin.patch("/api/v1/projects/does-not-exist", Map.of("name", "x")), 404);
    }

    @Test
    void anotherTenantsProjectIsNotFoundAndUntouched() {
        String id = createProject(admin);
        Api eve = userOf(unique("evil-corp"));
        assertProblem(eve.get("/api/v1/projects/" + id), 404);
        assertProblem(eve.patch("/api/v1/projects/" + id, Map.of("name", "pwned")), 404);
        assertProblem(eve.post("/api/v1/projects/" + id + "/archive", Map.of()), 404);
        assertProblem(eve.post("/api/v1/projects/" + id + "/tags", Map.of("tags", Map.of("x", "y"))), 404);
        assertThat(eve.get("/api/v1/projects?maxResults=1000").text()).doesNotContain(id);
        Api.Response mine = admin.get("/api/v1/projects/" + id);
        assertThat(mine.get("/archived")).isEqualTo("false");
        assertThat(mine.get("/name")).doesNotContain("pwned");
    }

    @Test
    void sameNameMayExistInTwoTenants() {
        String name = unique("shared-name");
        assertThat(admin.post("/api/v1/projects", Map.of("name", name)).status()).isEqualTo(201);
        assertThat(userOf(unique("other")).post("/api/v1/projects", Map.of("name", name)).status()).isEqualTo(201);
    }

    @Test
    void requestsWithoutAValidTokenAreUnauthorized() {
        for (Api anonymous : List.of(admin.withToken(null), admin.withToken("cairn_pat_forged"),
                admin.withToken("not-even-a-cairn-token"))) {
            Api.Response response = assertProblem(anonymous.get("/api/v1/projects"), 401);
            assertThat(response.wwwAuthenticate()).startsWith("Bearer");
        }
        Api.Response basic = assertProblem(admin.withToken(null).withHeader("Authorization", "Basic YWRtaW46YWRtaW4=")
                .get("/api/v1/projects"), 401);
        assertThat(basic.get("/detail")).contains("Bearer");
    }

    @Test
    void anOrganizationTheTokenDoesNotBelongToIsNotFound() {
        Api.Response response = assertProblem(admin.withHeader("Cairn-Org", "someone-else").get("/api/v1/projects"), 404);
        assertThat(response.get("/detail")).isEqualTo("Organization 'someone-else' not found");
    }
}
