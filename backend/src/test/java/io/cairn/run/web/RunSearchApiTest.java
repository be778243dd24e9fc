package io.cairn.run.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.support.Api;
import io.cairn.support.ApiTestBase;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RunSearchApiTest extends ApiTestBase {

    private Api user;
    private String projectId;
    private final Map<String, String> runsByName = new HashMap<>();

    @BeforeEach
    void population() {
        user = userOf(unique("search-tenant"));
        projectId = createProject(user);
        run("r1", "0.01", "alpha", 0.95, true);
        run("r2", "0.01", "beta", 0.80, true);
        run("r3", "0.1", "alpha", 0.91, false);
        run("r4", "0.001", null, null, true);
        String last = runsByName.get("r4");
        eventually(() -> user.get("/api/v1/runs/" + last).status() == 200);
        eventually(() -> user.post("/api/v1/runs/search", Map.of("projectIds", List.of(projectId),
                "filter", "metrics.acc > 0")).json().get("runs").size() == 3);
    }

    private void run(String name, String lr, String team, Double acc, boolean finish) {
        Map<String, Object> body = new HashMap<>(Map.of("projectId", projectId, "name", name));
        if (team != null) {
            body.put("tags", Map.of("team", team));
        }
        String id = user.post("/api/v1/runs", body).get("/id");
        runsByName.put(name, id);
        user.post("/api/v1/runs/" + id + "/params", Map.of("params", Map.of("lr", lr)));
        if (acc != null) {
            user.post("/api/v1/runs/" + id + "/metrics", Map.of("points", List.of(Map.of("key", "acc", "value", acc))));
        }
        if (finish) {
            user.post("/api/v1/runs/" + id + "/finish", Map.of("status", "FINISHED"));
        }
    }

    private List<String> names(Map<String, Object> request) {
        Map<String, Object> body = new HashMap<>(request);
        body.put("projectIds", List.of(projectId));
        Api.Response response = user.post("/api/v1/runs/search", body);
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        response.json().get("runs").forEach(r -> names.add(r.get("name").asString()));
        return names;
    }

    @Test
    void filtersOnMetricsParamsTagsAndAttributes() {
        assertThat(names(Map.of("filter", "metrics.acc > 0.9", "orderBy", List.of("metrics.acc DESC"))))
                .containsExactly("r1", "r3");
        assertThat(names(Map.of("filter", "params.lr = '0.01' and tags.team = 'alpha'"))).containsExactly("r1");
        assertThat(names(Map.of("filter", "attributes.status = 'FINISHED'", "orderBy", List.of("attributes.run_name ASC"))))
                .containsExactly("r1", "r2", "r4");
        assertThat(names(Map.of("filter", "tags.team LIKE 'al%'", "orderBy", List.of("attributes.run_name")))).containsExactly("r1", "r3");
        assertThat(names(Map.of("filter", "tags.team ILIKE 'BETA'"))).containsExactly("r2");
    }

    @Test
    void ordersMissingValuesLastAndPages() {
        assertThat(names(Map.of("orderBy", List.of("metrics.acc ASC")))).containsExactly("r2", "r3", "r1", "r4");
        assertThat(names(Map.of("orderBy", List.of("metrics.acc DESC")))).containsExactly("r1", "r3", "r2", "r4");
        Map<String, Object> firstPage = new HashMap<>(Map.of("projectIds", List.of(projectId), "maxResults", 3,
                "orderBy", List.of("attributes.run_name")));
        Api.Response page1 = user.post("/api/v1/runs/search", firstPage);
        assertThat(page1.json().get("runs")).hasSize(3);
        firstPage.put("pageToken", page1.get("/nextPageToken"));
        Api.Response page2 = user.post("/api/v1/runs/search", firstPage);
        assertThat(page2.json().get("runs")).hasSize(1);
        assertThat(page2.get("/runs/0/name")).isEqualTo("r4");
        assertThat(page2.get("/nextPageToken")).isNull();
    }

    @Test
    void badSearchesAreProblemsNamingTheField() {
        Api.Response bad = assertProblem(user.post("/api/v1/runs/search",
                Map.of("projectIds", List.of(projectId), "filter", "metrics.acc >> 1")), 400);
        assertThat(bad.get("/field")).isEqualTo("filter");
        assertThat(assertProblem(user.post("/api/v1/runs/search",
                Map.of("projectIds", List.of(projectId), "orderBy", List.of("sideways.acc"))), 400).get("/field"))
                .isEqualTo("orderBy[0]");
        assertThat(assertProblem(user.post("/api/v1/runs/search", Map.of("filter", "metrics.acc > 1")), 400)
                .get("/field")).isEqualTo("projectIds");
        assertThat(assertProblem(user.post("/api/v1/runs/search",
                Map.of("projectIds", List.of(projectId), "maxResults", 5000)), 400).get("/field")).isEqualTo("maxResults");
        Api.Response tooComplex = assertProblem(user.post("/api/v1/runs/search", Map.of("projectIds",
                List.of(projectId), "filter", "tags.team LIKE '" + "%a_".repeat(400) + "'")), 400);
        assertThat(tooComplex.get("/field")).isEqualTo("filter");
        assertThat(tooComplex.text()).contains("too many wildcards");
    }

    @Test
    void anotherOrganizationsProjectsAreNotFound() {
        Api stranger = userOf(unique("search-stranger"));
        assertProblem(stranger.post("/api/v1/runs/search", Map.of("projectIds", List.of(projectId))), 404);
        assertThat(stranger.post("/api/2.0/mlflow/runs/search", Map.of("experiment_ids", List.of(projectId))).status())
                .isEqualTo(404);
    }

    @Test
    void listsTheRunsOfAProject() {
        Api.Response list = user.get("/api/v1/runs?projectId=" + projectId);
        assertThat(list.json().get("runs")).hasSize(4);
        assertThat(assertProblem(user.get("/api/v1/runs"), 400).get("/field")).isEqualTo("projectId");
    }
}
