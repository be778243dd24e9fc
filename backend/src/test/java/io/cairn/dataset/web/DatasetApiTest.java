package io.cairn.dataset.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.support.Api;
import io.cairn.support.ApiTestBase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatasetApiTest extends ApiTestBase {

    private static final String DIGEST_1 = "sha256:" + "1".repeat(64);
    private static final String DIGEST_2 = "sha256:" + "2".repeat(64);

    @Test
    void registersVersionsAndDeprecates() {
        String name = unique("iris");
        Api.Response dataset = admin.post("/api/v1/datasets", Map.of("name", name, "description", "Fisher's iris"));
        assertThat(dataset.status()).isEqualTo(201);
        String id = dataset.get("/id");

        Api.Response v1 = admin.post("/api/v1/datasets/" + id + "/versions", Map.of("uri", "file:///data/iris.csv",
                "digest", DIGEST_1, "size", 4551, "schema", List.of(Map.of("name", "species", "type", "string"))));
        assertThat(v1.status()).as(v1.text()).isEqualTo(201);
        assertThat(v1.get("/version")).isEqualTo("1");
        assertThat(v1.get("/schema/0/name")).isEqualTo("species");
        Api.Response same = admin.post("/api/v1/datasets/" + id + "/versions",
                Map.of("uri", "file:///data/iris.csv", "digest", DIGEST_1));
        assertThat(same.get("/id")).isEqualTo(v1.get("/id"));
        Api.Response v2 = admin.post("/api/v1/datasets/" + id + "/versions",
                Map.of("uri", "file:///data/iris-v2.csv", "digest", DIGEST_2));
        assertThat(v2.get("/version")).isEqualTo("2");

        Api.Response read = admin.get("/api/v1/datasets/" + id);
        assertThat(read.get("/latestVersion")).isEqualTo("2");
        assertThat(read.json().get("versions")).hasSize(2);
        assertThat(admin.get("/api/v1/datasets/" + id + "/versions/" + v1.get("/id")).get("/digest")).isEqualTo(DIGEST_1);

        assertThat(admin.post("/api/v1/datasets/" + id + "/deprecate", Map.of("reason", "use iris-clean"))
                .get("/deprecated")).isEqualTo("true");
        assertProblem(admin.post("/api/v1/datasets/" + id + "/versions",
                Map.of("uri", "file:///data/iris-v3.csv", "digest", "sha256:" + "3".repeat(64))), 409);
        assertThat(admin.get("/api/v1/datasets?maxResults=1000").text()).contains(id);
    }

    @Test
    void badDatasetInputIsAProblemNamingTheField() {
        String id = admin.post("/api/v1/datasets", Map.of("name", unique("wine"))).get("/id");
        assertThat(assertProblem(admin.post("/api/v1/datasets/" + id + "/versions",
                Map.of("uri", "file:///x.csv", "digest", "abc")), 400).get("/field")).isEqualTo("digest");
        assertThat(assertProblem(admin.post("/api/v1/datasets/" + id + "/versions",
                Map.of("uri", "not a uri", "digest", DIGEST_1)), 400).get("/field")).isEqualTo("uri");
        assertThat(assertProblem(admin.post("/api/v1/datasets/" + id + "/versions",
                Map.of("uri", "file:///x.csv", "digest", DIGEST_1, "size", -1)), 400).get("/field")).isEqualTo("size");
        assertThat(assertProblem(admin.post("/api/v1/datasets/" + id + "/versions",
                Map.of("uri", "file:///x.csv", "digest", DIGEST_1, "schema", List.of(Map.of("name", "a")))), 400)
                .get("/field")).isEqualTo("schema[0].type");
        assertThat(assertProblem(admin.post("/api/v1/datasets", Map.of()), 400).get("/field")).isEqualTo("name");
        assertProblem(admin.get("/api/v1/datasets/nope"), 404);
        assertProblem(admin.post("/api/v1/datasets/nope/versions", Map.of("uri", "file:///x.csv", "digest", DIGEST_1)), 404);
        assertThat(admin.get("/api/v1/datasets/" + id).json().get("versions")).isEmpty();
    }

    @Test
    void anotherTenantsDatasetsAreNotFound() {
        String id = admin.post("/api/v1/datasets", Map.of("name", unique("private"))).get("/id");
        String version = admin.post("/api/v1/datasets/" + id + "/versions",
                Map.of("uri", "file:///x.csv", "digest", DIGEST_1)).get("/id");
        Api eve = userOf(unique("evil-corp"));
        assertProblem(eve.get("/api/v1/datasets/" + id), 404);
        assertProblem(eve.get("/api/v1/datasets/" + id + "/versions/" + version), 404);
        assertProblem(eve.post("/api/v1/datasets/" + id + "/versions", Map.of("uri", "file:///y.csv", "digest", DIGEST_2)), 404);
        assertProblem(eve.post("/api/v1/datasets/" + id + "/deprecate", Map.of()), 404);
        assertThat(eve.get("/api/v1/datasets?maxResults=1000").text()).doesNotContain(id);
        assertThat(admin.get("/api/v1/datasets/" + id).get("/deprecated")).isEqualTo("false");
    }
}
