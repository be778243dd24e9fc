package io.cairn.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.support.Api;
import io.cairn.support.ApiTestBase;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every API endpoint × every kind of caller → the expected answer. An endpoint without a row fails the
 * build, so no endpoint ships without a decision about who may call it.
 */
class AuthorizationMatrixTest extends ApiTestBase {

    enum Caller { ANONYMOUS, OTHER_ORG_OWNER, AUDITOR, MEMBER, ADMIN, OWNER }

    /** Expected: a status, or OK for any 2xx. */
    private static final int OK = 0;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private String org;
    private final Map<Caller, Api> callers = new EnumMap<>(Caller.class);

    /** Resources of {@link #org}, fresh for every call so that state-changing calls cannot disturb each other. */
    record Fixture(String org, String project, String run, String dataset, String version, String member,
                   String serviceAccount) {
    }

    record Row(String method, String pattern, Function<Fixture, String> path, Function<Fixture, Object> body,
               Map<Caller, Integer> expected) {
    }

    @BeforeEach
    void organization() {
        org = unique("matrix");
        callers.put(Caller.OWNER, ownerOf(org));
        callers.put(Caller.ADMIN, memberOf(org, "ADMIN"));
        callers.put(Caller.MEMBER, memberOf(org, "MEMBER"));
        callers.put(Caller.AUDITOR, memberOf(org, "AUDITOR"));
        callers.put(Caller.OTHER_ORG_OWNER, ownerOf(unique("outsider")));
        callers.put(Caller.ANONYMOUS, admin.withToken(null));
    }

    private Fixture fixture() {
        Api owner = callers.get(Caller.OWNER);
        String project = createProject(owner);
        String run = createRun(owner, project);
        owner.post("/api/v1/runs/" + run + "/tags", Map.of("tags", Map.of("t", "v")));
        owner.put("/api/v1/runs/" + run + "/artifacts/a.txt", "a".getBytes());
        String dataset = owner.post("/api/v1/datasets", Map.of("name", unique("ds"))).get("/id");
        String version = owner.post("/api/v1/datasets/" + dataset + "/versions",
                Map.of("uri", "file:///a.csv", "digest", "sha256:" + "a".repeat(64))).get("/id");
        String username = unique("someone");
        owner.post("/api/v1/orgs/" + org + "/members", Map.of("username", username, "role", "MEMBER"));
        String member = tokens.principalFor(username, org);
        String serviceAccount = owner.post("/api/v1/orgs/" + org + "/service-accounts", Map.of("name", unique("sa")))
                .get("/id");
        return new Fixture(org, project, run, dataset, version, member, serviceAccount);
    }

    /** Reads: every member of the organization; writes: not auditors; administration: owners and admins. */
    private static Map<Caller, Integer> read() {
        return expect(404, OK, OK, OK, OK);
    }

    private static Map<Caller, Integer> write() {
        return expect(404, 403, OK, OK, OK);
    }

    private static Map<Caller, Integer> administer() {
        return expect(404, 403, 403, OK, OK);
    }

    private static Map<Caller, Integer> audit() {
        return expect(404, OK, 403, OK, OK);
    }

    /** Collection endpoints answer the outsider from their own organization, which is no leak. */
    private static Map<Caller, Integer> collectionRead() {
        return expect(OK, OK, OK, OK, OK);
    }

    private static Map<Caller, Integer> collectionWrite() {
        return expect(OK, 403, OK, OK, OK);
    }

    private static Map<Caller, Integer> platformOnly() {
        return expect(403, 403, 403, 403, 403);
    }

    private static Map<Caller, Integer> expect(int otherOrgOwner, int auditor, int member, int admin, int owner) {
        Map<Caller, Integer> expected = new EnumMap<>(Caller.class);
        expected.put(Caller.ANONYMOUS, 401);
        expected.put(Caller.OTHER_ORG_OWNER, otherOrgOwner);
        expected.put(Caller.AUDITOR, auditor);
        expected.put(Caller.MEMBER, member);
        expected.put(Caller.ADMIN, admin);
        expected.put(Caller.OWNER, owner);
        return expected;
    }

    private static Row row(String method, String pattern, Function<Fixture, String> path, Function<Fixture, Object> body,
                           Map<Caller, Integer> expected) {
        return new Row(method, pattern, path, body, expected);
    }

    private static List<Row> rows() {
        String digest = "sha256:" + "b".repeat(64);
        List<Row> rows = new ArrayList<>();
        rows.add(row("GET", "/api/v1/projects", f -> "/api/v1/projects", null, collectionRead()));
        rows.add(row("POST", "/api/v1/projects", f -> "/api/v1/projects", f -> Map.of("name", unique("p")), collectionWrite()));
        rows.add(row("GET", "/api/v1/projects/{id}", f -> "/api/v1/projects/" + f.project(), null, read()));
        rows.add(row("PATCH", "/api/v1/projects/{id}", f -> "/api/v1/projects/" + f.project(), f -> Map.of("description", "d"), write()));
        rows.add(row("POST", "/api/v1/projects/{id}/tags", f -> "/api/v1/projects/" + f.project() + "/tags",
                f -> Map.of("tags", Map.of("k", "v")), write()));
        rows.add(row("DELETE", "/api/v1/projects/{id}/tags/{key}", f -> "/api/v1/projects/" + f.project() + "/tags/k", null, write()));
        rows.add(row("POST", "/api/v1/projects/{id}/archive", f -> "/api/v1/projects/" + f.project() + "/archive", f -> Map.of(), write()));
        rows.add(row("POST", "/api/v1/projects/{id}/restore", f -> "/api/v1/projects/" + f.project() + "/restore", f -> Map.of(), write()));
        rows.add(row("POST", "/api/v1/runs", f -> "/api/v1/runs", f -> Map.of("projectId", f.project()), write()));
        rows.add(row("GET", "/api/v1/runs", f -> "/api/v1/runs?projectId=" + f.project(), null, collectionRead()));
        rows.add(row("GET", "/api/v1/runs/{id}", f -> "/api/v1/runs/" + f.run(), null, read()));
        rows.add(row("POST", "/api/v1/runs/search", f -> "/api/v1/runs/search", f -> Map.of("projectIds", List.of(f.project())),
                collectionRead()));
        rows.add(row("POST", "/api/v1/runs/{id}/params", f -> "/api/v1/runs/" + f.run() + "/params",
                f -> Map.of("params", Map.of("lr", "1")), write()));
        rows.add(row("POST", "/api/v1/runs/{id}/tags", f -> "/api/v1/runs/" + f.run() + "/tags",
                f -> Map.of("tags", Map.of("k", "v")), write()));
        rows.add(row("DELETE", "/api/v1/runs/{id}/tags/{key}", f -> "/api/v1/runs/" + f.run() + "/tags/t", null, write()));
        rows.add(row("POST", "/api/v1/runs/{id}/finish", f -> "/api/v1/runs/" + f.run() + "/finish",
                f -> Map.of("status", "FINISHED"), write()));
        rows.add(row("POST", "/api/v1/runs/{id}/inputs", f -> "/api/v1/runs/" + f.run() + "/inputs",
                f -> Map.of("datasetVersionIds", List.of(f.version())), write()));
        rows.add(row("POST", "/api/v1/runs/{runId}/metrics", f -> "/api/v1/runs/" + f.run() + "/metrics",
                f -> Map.of("points", List.of(Map.of("key", "acc", "value", 1))), write()));
        rows.add(row("GET", "/api/v1/runs/{runId}/metrics/{*key}", f -> "/api/v1/runs/" + f.run() + "/metrics/acc", null, read()));
        rows.add(row("PUT", "/api/v1/runs/{runId}/artifacts/{*path}", f -> "/api/v1/runs/" + f.run() + "/artifacts/b.txt",
                f -> "PUT-BYTES", write()));
        rows.add(row("GET", "/api/v1/runs/{runId}/artifacts/{*path}", f -> "/api/v1/runs/" + f.run() + "/artifacts/a.txt", null, read()));
        rows.add(row("GET", "/api/v1/datasets", f -> "/api/v1/datasets", null, collectionRead()));
        rows.add(row("POST", "/api/v1/datasets", f -> "/api/v1/datasets", f -> Map.of("name", unique("d")), collectionWrite()));
        rows.add(row("GET", "/api/v1/datasets/{id}", f -> "/api/v1/datasets/" + f.dataset(), null, read()));
        rows.add(row("POST", "/api/v1/datasets/{id}/versions", f -> "/api/v1/datasets/" + f.dataset() + "/versions",
                f -> Map.of("uri", "file:///b.csv", "digest", digest), write()));
        rows.add(row("GET", "/api/v1/datasets/{id}/versions/{versionId}",
                f -> "/api/v1/datasets/" + f.dataset() + "/versions/" + f.version(), null, read()));
        rows.add(row("POST", "/api/v1/datasets/{id}/deprecate", f -> "/api/v1/datasets/" + f.dataset() + "/deprecate",
                f -> Map.of(), write()));
        rows.add(row("GET", "/api/v1/tokens", f -> "/api/v1/tokens", null, collectionRead()));
        rows.add(row("POST", "/api/v1/tokens", f -> "/api/v1/tokens", f -> Map.of("name", "t"), collectionRead()));
        rows.add(row("DELETE", "/api/v1/tokens/{id}", f -> "/api/v1/tokens/not-yours", null, expect(404, 404, 404, 404, 404)));
        rows.add(row("POST", "/api/v1/orgs", f -> "/api/v1/orgs", f -> Map.of("id", unique("o"), "name", "o", "ownerUsername", unique("u")),
                platformOnly()));
        rows.add(row("GET", "/api/v1/orgs/{org}", f -> "/api/v1/orgs/" + f.org(), null, read()));
        rows.add(row("PATCH", "/api/v1/orgs/{org}", f -> "/api/v1/orgs/" + f.org(), f -> Map.of("name", "renamed"), administer()));
        rows.add(row("GET", "/api/v1/orgs/{org}/members", f -> "/api/v1/orgs/" + f.org() + "/members", null, read()));
        rows.add(row("POST", "/api/v1/orgs/{org}/members", f -> "/api/v1/orgs/" + f.org() + "/members",
                f -> Map.of("username", unique("new"), "role", "MEMBER"), administer()));
        rows.add(row("PATCH", "/api/v1/orgs/{org}/members/{principalId}", f -> "/api/v1/orgs/" + f.org() + "/members/" + f.member(),
                f -> Map.of("role", "AUDITOR"), administer()));
        rows.add(row("DELETE", "/api/v1/orgs/{org}/members/{principalId}", f -> "/api/v1/orgs/" + f.org() + "/members/" + f.member(),
                null, administer()));
        rows.add(row("GET", "/api/v1/orgs/{org}/audit/events", f -> "/api/v1/orgs/" + f.org() + "/audit/events?maxResults=1", null, audit()));
        rows.add(row("GET", "/api/v1/orgs/{org}/audit/events/export",
                f -> "/api/v1/orgs/" + f.org() + "/audit/events/export?aggregateId=" + f.project(), null, audit()));
        rows.add(row("GET", "/api/v1/orgs/{org}/audit/verify", f -> "/api/v1/orgs/" + f.org() + "/audit/verify", null, audit()));
        rows.add(row("POST", "/api/v1/orgs/{org}/users", f -> "/api/v1/orgs/" + f.org() + "/users",
                f -> Map.of("username", unique("local"), "password", "a long enough passphrase"), administer()));
        rows.add(row("PUT", "/api/v1/orgs/{org}/users/{principalId}/password",
                f -> "/api/v1/orgs/" + f.org() + "/users/" + f.member() + "/password",
                f -> Map.of("password", "a long enough passphrase"), administer()));
        // the matrix's callers hold personal access tokens and have no password to change
        rows.add(row("POST", "/api/v1/me/password", f -> "/api/v1/me/password",
                f -> Map.of("currentPassword", "x", "newPassword", "a long enough passphrase"),
                expect(409, 409, 409, 409, 409)));
        rows.add(row("GET", "/api/v1/orgs/{org}/service-accounts", f -> "/api/v1/orgs/" + f.org() + "/service-accounts",
                null, administer()));
        rows.add(row("POST", "/api/v1/orgs/{org}/service-accounts", f -> "/api/v1/orgs/" + f.org() + "/service-accounts",
                f -> Map.of("name", unique("sa")), administer()));
        rows.add(row("DELETE", "/api/v1/orgs/{org}/service-accounts/{id}",
                f -> "/api/v1/orgs/" + f.org() + "/service-accounts/" + f.serviceAccount(), null, administer()));
        rows.add(row("GET", "/api/v1/admin/projections", f -> "/api/v1/admin/projections", null, platformOnly()));
        rows.add(row("GET", "/api/v1/admin/projections/{name}", f -> "/api/v1/admin/projections/runs", null, platformOnly()));
        rows.add(row("POST", "/api/v1/admin/projections/{name}/replay", f -> "/api/v1/admin/projections/no-such/replay", f -> Map.of(),
                platformOnly()));
        return rows;
    }

    private static Api.Response call(Api api, Row row, Fixture fixture) {
        String path = row.path().apply(fixture);
        Object body = row.body() == null ? null : row.body().apply(fixture);
        return switch (row.method()) {
            case "GET" -> api.get(path);
            case "DELETE" -> api.delete(path);
            case "PATCH" -> api.patch(path, body);
            case "PUT" -> "PUT-BYTES".equals(body) ? api.put(path, "bytes".getBytes()) : api.putJson(path, body);
            default -> api.post(path, body);
        };
    }

    /** Calls that change what later calls see get resources of their own; the rest share one set. */
    private static final Set<String> STATE_CHANGING = Set.of(
            "POST /api/v1/projects/{id}/archive", "POST /api/v1/projects/{id}/restore",
            "DELETE /api/v1/runs/{id}/tags/{key}", "POST /api/v1/runs/{id}/finish",
            "POST /api/v1/datasets/{id}/deprecate", "PATCH /api/v1/orgs/{org}/members/{principalId}",
            "DELETE /api/v1/orgs/{org}/members/{principalId}", "DELETE /api/v1/orgs/{org}/service-accounts/{id}");

    @Test
    void everyEndpointAnswersEveryCallerAsExpected() {
        List<String> failures = new ArrayList<>();
        Fixture shared = fixture();
        for (Row row : rows()) {
            boolean fresh = STATE_CHANGING.contains(row.method() + " " + row.pattern());
            for (Caller caller : Caller.values()) {
                Api.Response response = call(callers.get(caller), row, fresh ? fixture() : shared);
                int expected = row.expected().get(caller);
                boolean ok = expected == OK ? response.status() / 100 == 2 : response.status() == expected;
                if (!ok) {
                    failures.add(row.method() + " " + row.pattern() + " as " + caller + ": expected "
                            + (expected == OK ? "2xx" : expected) + " but got " + response.status() + " " + response.text());
                }
                if (response.status() >= 400) {
                    assertThat(response.isProblem()).as(row.pattern() + " as " + caller).isTrue();
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void everyApiEndpointHasARow() {
        Set<String> covered = new TreeSet<>();
        rows().forEach(row -> covered.add(row.method() + " " + row.pattern()));
        Set<String> endpoints = new TreeSet<>();
        mappings.getHandlerMethods().keySet().forEach(info -> info.getPatternValues().stream()
                .filter(pattern -> pattern.startsWith("/api/"))
                .forEach(pattern -> info.getMethodsCondition().getMethods()
                        .forEach(method -> endpoints.add(method.name() + " " + pattern))));
        assertThat(covered).containsAll(endpoints);
    }
}
