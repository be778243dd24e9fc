package io.cairn.search.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.common.web.PageToken;
import io.cairn.search.query.SearchIndex;
import io.cairn.support.Api;
import io.cairn.support.ApiTestBase;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code GET /api/v1/search}: the global search over the search projection, end to end. */
class SearchApiTest extends ApiTestBase {

    private static Api.Response search(Api api, String q) {
        return api.get("/api/v1/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
    }

    private static Set<String> ids(Api.Response response) {
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        Set<String> ids = new HashSet<>();
        response.json().get("results").forEach(result -> ids.add(result.get("id").asString()));
        return ids;
    }

    private static Set<String> ids(Api api, String q) {
        return ids(search(api, q));
    }

    /** Waits until the search projection has indexed what {@code q} should find. */
    private static void eventuallyFinds(Api api, String q, String... expected) {
        eventually(() -> ids(api, q).containsAll(List.of(expected)));
    }

    @Test
    void findsProjectsRunsDatasetsAndModelsByTheirWordsWithHighlights() {
        String org = unique("search");
        Api owner = ownerOf(org);
        String word = unique("zebra").replace("-", "");
        String project = owner.post("/api/v1/projects", Map.of("name", word + " project",
                "description", "Detects " + word + " in images")).get("/id");
        String run = owner.post("/api/v1/runs", Map.of("projectId", project, "name", word + " baseline",
                "tags", Map.of("team", "vision"))).get("/id");
        assertThat(owner.post("/api/v1/runs/" + run + "/params", Map.of("params", Map.of("optimizer", "adamw")))
                .status()).isEqualTo(200);
        assertThat(owner.post("/api/v1/runs/" + run + "/metrics", Map.of("points",
                List.of(Map.of("key", "val_accuracy", "value", 0.91, "step", 1))))
                .status()).isEqualTo(200);
        assertThat(owner.post("/api/v1/runs/" + run + "/finish", Map.of("status", "FINISHED")).status()).isEqualTo(200);
        String dataset = owner.post("/api/v1/datasets", Map.of("name", word + "-images")).get("/id");
        String model = owner.post("/api/v1/models", Map.of("name", word + "-detector")).get("/id");

        eventuallyFinds(owner, word, project, run, dataset, model);
        eventually(() -> ids(owner, "kind:run status:finished " + word).contains(run));
        eventually(() -> ids(owner, "val_accuracy").contains(run));

        assertThat(ids(owner, "kind:run " + word)).containsExactly(run);
        assertThat(ids(owner, "kind:project " + word)).containsExactly(project);
        assertThat(ids(owner, "project:" + project)).containsExactlyInAnyOrder(project, run);
        assertThat(ids(owner, "tag.team:vision " + word)).containsExactly(run);
        assertThat(ids(owner, "param.optimizer:adamw")).containsExactly(run);
        assertThat(ids(owner, "adamw")).containsExactly(run);
        assertThat(ids(owner, "status:running " + word)).isEmpty();

        Api.Response response = search(owner, "kind:project " + word);
        JsonNode result = response.json().get("results").get(0);
        assertThat(result.get("kind").asString()).isEqualTo("project");
        assertThat(result.get("projectId").asString()).isEqualTo(project);
        assertThat(result.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(result.get("name").asString()).isEqualTo(word + " project");
        assertThat(result.get("highlights").toString())
                .contains("\"field\":\"name\",\"snippet\":\"<em>" + word + "</em> project\"")
                .contains("\"field\":\"description\"");

        JsonNode runResult = search(owner, "kind:run " + word).json().get("results").get(0);
        assertThat(runResult.get("status").asString()).isEqualTo("FINISHED");
        assertThat(runResult.get("params").get("optimizer").asString()).isEqualTo("adamw");
        assertThat(runResult.get("metrics").get("val_accuracy").get("value").asDouble()).isEqualTo(0.91);
    }

    @Test
    void pagesWithPageTokenAndMaxResults() {
        Api owner = ownerOf(unique("paging"));
        String word = unique("paged").replace("-", "");
        Set<String> created = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            created.add(owner.post("/api/v1/projects", Map.of("name", word + " " + i)).get("/id"));
        }
        eventually(() -> ids(owner, word).size() == 5);

        List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            Api.Response page = owner.get("/api/v1/search?maxResults=2&q=" + word
                    + (token == null ? "" : "&pageToken=" + token));
            assertThat(page.status()).as(page.text()).isEqualTo(200);
            page.json().get("results").forEach(r -> seen.add(r.get("id").asString()));
            token = page.get("/nextPageToken");
            pages++;
        } while (token != null);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(5).containsExactlyInAnyOrderElementsOf(created);
        assertProblem(owner.get("/api/v1/search?q=x&maxResults=0"), 400);
        assertThat(assertProblem(owner.get("/api/v1/search?q=x&pageToken=nonsense"), 400).get("/field"))
                .isEqualTo("pageToken");
        assertThat(assertProblem(owner.get("/api/v1/search?q=x&pageToken=" + PageToken.encode(SearchIndex.MAX_WINDOW)),
                400).get("/field")).isEqualTo("pageToken");
    }

    @Test
    void badQueriesAnswer400NamingQ() {
        Api owner = ownerOf(unique("bad"));
        for (String q : List.of("colour:red", "kind:widget", "\"unterminated", "kind:")) {
            assertThat(assertProblem(search(owner, q), 400).get("/field")).as(q).isEqualTo("q");
        }
        assertThat(assertProblem(owner.get("/api/v1/search"), 400).get("/field")).isEqualTo("q");
    }

    @Test
    void anotherOrganizationsDataIsNeverFound() {
        String word = unique("secret").replace("-", "");
        Api mine = ownerOf(unique("mine"));
        Api theirs = ownerOf(unique("theirs"));
        String project = mine.post("/api/v1/projects", Map.of("name", word)).get("/id");
        String run = createRun(mine, project);
        String dataset = mine.post("/api/v1/datasets", Map.of("name", word)).get("/id");
        eventuallyFinds(mine, word, project, dataset);
        eventuallyFinds(mine, "project:" + project, run);

        assertThat(ids(theirs, word)).isEmpty();
        assertThat(ids(theirs, "project:" + project)).isEmpty();
        assertThat(ids(theirs, "id:" + dataset)).isEmpty();
        assertThat(ids(memberOf(unique("third"), "AUDITOR"), word)).isEmpty();
    }

    @Test
    void membersFindOnlyProjectsTheyMaySeeAndAuditorsFindEverything() {
        String org = unique("scoped");
        Api owner = ownerOf(org);
        String word = unique("hidden").replace("-", "");
        String hidden = owner.post("/api/v1/projects", Map.of("name", word + " hidden")).get("/id");
        String hiddenRun = owner.post("/api/v1/runs", Map.of("projectId", hidden, "name", word + " run")).get("/id");
        String shared = owner.post("/api/v1/projects", Map.of("name", word + " shared")).get("/id");
        String sharedRun = owner.post("/api/v1/runs", Map.of("projectId", shared, "name", word + " run")).get("/id");
        String dataset = owner.post("/api/v1/datasets", Map.of("name", word + " data")).get("/id");
        String model = owner.post("/api/v1/models", Map.of("name", word + "-model")).get("/id");
        eventuallyFinds(owner, word, hidden, hiddenRun, shared, sharedRun, dataset, model);

        Member member = newMember(org, "MEMBER");
        assertThat(ids(member.api(), word)).containsExactlyInAnyOrder(dataset, model);
        assertThat(ids(member.api(), "project:" + hidden)).isEmpty();

        grant(owner, shared, "users", member.principalId(), "VIEWER");
        assertThat(ids(member.api(), word)).containsExactlyInAnyOrder(shared, sharedRun, dataset, model);

        Member grouped = newMember(org, "MEMBER");
        grant(owner, hidden, "groups", createGroup(owner, org, grouped.principalId()), "EDITOR");
        assertThat(ids(grouped.api(), "kind:run " + word)).containsExactly(hiddenRun);

        Set<String> everything = Set.of(hidden, hiddenRun, shared, sharedRun, dataset, model);
        assertThat(ids(memberOf(org, "AUDITOR"), word)).containsExactlyInAnyOrderElementsOf(everything);
        assertThat(ids(memberOf(org, "ADMIN"), word)).containsExactlyInAnyOrderElementsOf(everything);
    }

    @Test
    void replayRebuildsTheIndexFromTheEventLog() {
        Api owner = ownerOf(unique("replay"));
        String word = unique("replayed").replace("-", "");
        String project = owner.post("/api/v1/projects", Map.of("name", word)).get("/id");
        eventuallyFinds(owner, word, project);

        Api.Response replay = admin.post("/api/v1/admin/projections/search/replay", Map.of());
        assertThat(replay.status()).as(replay.text()).isIn(200, 202);
        waitForReplay();
        eventuallyFinds(owner, word, project);
    }

    /** A replay goes through every event the shared application has logged so far: allow it two minutes. */
    private void waitForReplay() {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (!"false".equals(admin.get("/api/v1/admin/projections/search").get("/replaying"))) {
            assertThat(System.nanoTime()).as("replay not over within 2 minutes").isLessThan(deadline);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
