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

    /** MEMBER holds no grant on the fixture's project; VIEWER and MANAGER are members granted directly, EDITOR through a group. */
    enum Caller { ANONYMOUS, OTHER_ORG_OWNER, AUDITOR, MEMBER, VIEWER, EDITOR, MANAGER, ADMIN, OWNER }

    /** Expected: a status, or OK for any 2xx. */
    private static final int OK = 0;
    private static final Map<String, String> SSO = Map.of("issuerUri", "https://sso.example.com/realms/matrix",
            "clientId", "cairn", "clientSecret", "matrix-secret");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private String org;
    private final Map<Caller, Api> callers = new EnumMap<>(Caller.class);
    private final Map<Caller, String> granted = new EnumMap<>(Caller.class);
    private String editors;

    /**
     * Resources of {@link #org}, fresh for every call that may change them: a project of the owner shared with
     * the VIEWER, EDITOR and MANAGER callers, a run of it, a dataset version, another member in a group, and a
     * model with version 1 (registered from the run's artifact), alias {@code challenger} on it, a pending
     * approval request for moving it to Production made by the EDITOR caller, and a service account.
     */
    record Fixture(String org, String project, String run, String dataset, String version, String member, String group,
                   String editors, String model, String approval, String serviceAccount) {
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
        for (Caller grantee : List.of(Caller.VIEWER, Caller.EDITOR, Caller.MANAGER)) {
            Member member = newMember(org, "MEMBER");
            callers.put(grantee, member.api());
            granted.put(grantee, member.principalId());
        }
        callers.put(Caller.AUDITOR, memberOf(org, "AUDITOR"));
        callers.put(Caller.OTHER_ORG_OWNER, ownerOf(unique("outsider")));
        callers.put(Caller.ANONYMOUS, admin.withToken(null));
        editors = createGroup(callers.get(Caller.OWNER), org, granted.get(Caller.EDITOR));
    }

    private Fixture fixture() {
        Api owner = callers.get(Caller.OWNER);
        String project = createProject(owner);
        grant(owner, project, "users", granted.get(Caller.VIEWER), "VIEWER");
        grant(owner, project, "groups", editors, "EDITOR");
        grant(owner, project, "users", granted.get(Caller.MANAGER), "MANAGER");
        String run = createRun(owner, project);
        owner.post("/api/v1/runs/" + run + "/tags", Map.of("tags", Map.of("t", "v")));
        owner.put("/api/v1/runs/" + run + "/artifacts/a.txt", "a".getBytes());
        String dataset = owner.post("/api/v1/datasets", Map.of("name", unique("ds"))).get("/id");
        String version = owner.post("/api/v1/datasets/" + dataset + "/versions",
                Map.of("uri", "file:///a.csv", "digest", "sha256:" + "a".repeat(64))).get("/id");
        String username = unique("someone");
        owner.post("/api/v1/orgs/" + org + "/members", Map.of("username", username, "role", "MEMBER"));
        String member = tokens.principalFor(username, org);
        String group = createGroup(owner, org, member);
        String model = owner.post("/api/v1/models", Map.of("name", unique("m"), "tags", Map.of("t", "v"))).get("/id");
        owner.post("/api/v1/models/" + model + "/versions", Map.of("runId", run, "artifactPath", "a.txt", "flavor", "generic"));
        owner.putJson("/api/v1/models/" + model + "/aliases/challenger", Map.of("version", 1));
        String approval = callers.get(Caller.EDITOR)
                .post("/api/v1/models/" + model + "/versions/1/stage", Map.of("stage", "Production")).get("/id");
        eventually(() -> owner.get("/api/v1/lineage/model-version/" + model + ".v1").status() == 200);
        String serviceAccount = owner.post("/api/v1/orgs/" + org + "/service-accounts", Map.of("name", unique("sa")))
                .get("/id");
        owner.putJson("/api/v1/orgs/" + org + "/sso", SSO);
        return new Fixture(org, project, run, dataset, version, member, group, editors, model, approval, serviceAccount);
    }

    /** Organization-wide reads (the organization, members, groups, datasets): every member of the organization. */
    private static Map<Caller, Integer> read() {
        return expect(404, OK, OK, OK, OK, OK, OK, OK);
    }

    /** Organization-wide writes (datasets): not auditors. */
    private static Map<Caller, Integer> write() {
        return expect(404, 403, OK, OK, OK, OK, OK, OK);
    }

    private static Map<Caller, Integer> administer() {
        return expect(404, 403, 403, 403, 403, 403, OK, OK);
    }

    /** Deciding on approvals, choosing protected aliases: owners and admins (AccessPolicy.mayApproveModel). */
    /** Approving model changes: owners, admins and the MANAGER of the version's project (never the requester). */
    private static Map<Caller, Integer> approve() {
        return expect(404, 403, 403, 403, 403, OK, OK, OK);
    }

    /** Model-wide approval settings (protected aliases): owners and admins only. */
    private static Map<Caller, Integer> administerModel() {
        return expect(404, 403, 403, 403, 403, 403, OK, OK);
    }

    private static Map<Caller, Integer> audit() {
        return expect(404, OK, 403, 403, 403, 403, OK, OK);
    }

    /** A project, its runs and what they hold: a member without grant does not see it at all. */
    /** Writes of organization-wide resources that read a run: the run must be visible to the caller. */
    private static Map<Caller, Integer> readRunThenWrite() {
        return expect(404, 403, 404, OK, OK, OK, OK, OK);
    }

    private static Map<Caller, Integer> readProject() {
        return expect(404, OK, 404, OK, OK, OK, OK, OK);
    }

    private static Map<Caller, Integer> editProject() {
        return expect(404, 403, 404, 403, OK, OK, OK, OK);
    }

    private static Map<Caller, Integer> manageProject() {
        return expect(404, 403, 404, 403, 403, OK, OK, OK);
    }

    /** Collection endpoints answer the outsider from their own organization, which is no leak. */
    private static Map<Caller, Integer> collectionRead() {
        return expect(OK, OK, OK, OK, OK, OK, OK, OK);
    }

    private static Map<Caller, Integer> collectionWrite() {
        return expect(OK, 403, OK, OK, OK, OK, OK, OK);
    }

    private static Map<Caller, Integer> platformOnly() {
        return expect(403, 403, 403, 403, 403, 403, 403, 403);
    }

    private static Map<Caller, Integer> expect(int otherOrgOwner, int auditor, int member, int viewer, int editor,
                                               int manager, int admin, int owner) {
        Map<Caller, Integer> expected = new EnumMap<>(Caller.class);
        expected.put(Caller.ANONYMOUS, 401);
        expected.put(Caller.OTHER_ORG_OWNER, otherOrgOwner);
        expected.put(Caller.AUDITOR, auditor);
        expected.put(Caller.MEMBER, member);
        expected.put(Caller.VIEWER, viewer);
        expected.put(Caller.EDITOR, editor);
        expected.put(Caller.MANAGER, manager);
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
        rows.add(row("GET", "/api/v1/projects/{id}", f -> "/api/v1/projects/" + f.project(), null, readProject()));
        rows.add(row("PATCH", "/api/v1/projects/{id}", f -> "/api/v1/projects/" + f.project(), f -> Map.of("description", "d"),
                manageProject()));
        rows.add(row("POST", "/api/v1/projects/{id}/tags", f -> "/api/v1/projects/" + f.project() + "/tags",
                f -> Map.of("tags", Map.of("k", "v")), editProject()));
        rows.add(row("DELETE", "/api/v1/projects/{id}/tags/{key}", f -> "/api/v1/projects/" + f.project() + "/tags/k", null,
                editProject()));
        rows.add(row("POST", "/api/v1/projects/{id}/archive", f -> "/api/v1/projects/" + f.project() + "/archive", f -> Map.of(),
                manageProject()));
        rows.add(row("POST", "/api/v1/projects/{id}/restore", f -> "/api/v1/projects/" + f.project() + "/restore", f -> Map.of(),
                manageProject()));
        rows.add(row("GET", "/api/v1/projects/{id}/grants", f -> "/api/v1/projects/" + f.project() + "/grants", null,
                readProject()));
        rows.add(row("PUT", "/api/v1/projects/{id}/grants/{kind}/{granteeId}",
                f -> "/api/v1/projects/" + f.project() + "/grants/users/" + f.member(), f -> Map.of("role", "VIEWER"),
                manageProject()));
        rows.add(row("DELETE", "/api/v1/projects/{id}/grants/{kind}/{granteeId}",
                f -> "/api/v1/projects/" + f.project() + "/grants/groups/" + f.editors(), null, manageProject()));
        rows.add(row("POST", "/api/v1/runs", f -> "/api/v1/runs", f -> Map.of("projectId", f.project()), editProject()));
        rows.add(row("GET", "/api/v1/runs", f -> "/api/v1/runs?projectId=" + f.project(), null, readProject()));
        rows.add(row("GET", "/api/v1/runs/{id}", f -> "/api/v1/runs/" + f.run(), null, readProject()));
        rows.add(row("POST", "/api/v1/runs/search", f -> "/api/v1/runs/search", f -> Map.of("projectIds", List.of(f.project())),
                readProject()));
        rows.add(row("POST", "/api/v1/runs/{id}/params", f -> "/api/v1/runs/" + f.run() + "/params",
                f -> Map.of("params", Map.of("lr", "1")), editProject()));
        rows.add(row("POST", "/api/v1/runs/{id}/tags", f -> "/api/v1/runs/" + f.run() + "/tags",
                f -> Map.of("tags", Map.of("k", "v")), editProject()));
        rows.add(row("DELETE", "/api/v1/runs/{id}/tags/{key}", f -> "/api/v1/runs/" + f.run() + "/tags/t", null, editProject()));
        rows.add(row("POST", "/api/v1/runs/{id}/finish", f -> "/api/v1/runs/" + f.run() + "/finish",
                f -> Map.of("status", "FINISHED"), editProject()));
        rows.add(row("POST", "/api/v1/runs/{id}/inputs", f -> "/api/v1/runs/" + f.run() + "/inputs",
                f -> Map.of("datasetVersionIds", List.of(f.version())), editProject()));
        rows.add(row("POST", "/api/v1/runs/{runId}/metrics", f -> "/api/v1/runs/" + f.run() + "/metrics",
                f -> Map.of("points", List.of(Map.of("key", "acc", "value", 1))), editProject()));
        rows.add(row("GET", "/api/v1/runs/{runId}/metrics/{*key}", f -> "/api/v1/runs/" + f.run() + "/metrics/acc", null,
                readProject()));
        rows.add(row("PUT", "/api/v1/runs/{runId}/artifacts/{*path}", f -> "/api/v1/runs/" + f.run() + "/artifacts/b.txt",
                f -> "PUT-BYTES", editProject()));
        rows.add(row("GET", "/api/v1/runs/{runId}/artifacts/{*path}", f -> "/api/v1/runs/" + f.run() + "/artifacts/a.txt", null,
                readProject()));
        rows.add(row("GET", "/api/v1/datasets", f -> "/api/v1/datasets", null, collectionRead()));
        rows.add(row("POST", "/api/v1/datasets", f -> "/api/v1/datasets", f -> Map.of("name", unique("d")), collectionWrite()));
        rows.add(row("GET", "/api/v1/datasets/{id}", f -> "/api/v1/datasets/" + f.dataset(), null, read()));
        rows.add(row("POST", "/api/v1/datasets/{id}/versions", f -> "/api/v1/datasets/" + f.dataset() + "/versions",
                f -> Map.of("uri", "file:///b.csv", "digest", digest), write()));
        rows.add(row("GET", "/api/v1/datasets/{id}/versions/{versionId}",
                f -> "/api/v1/datasets/" + f.dataset() + "/versions/" + f.version(), null, read()));
        rows.add(row("POST", "/api/v1/datasets/{id}/deprecate", f -> "/api/v1/datasets/" + f.dataset() + "/deprecate",
                f -> Map.of(), write()));
        rows.addAll(registryRows());
        rows.add(row("GET", "/api/v1/lineage/{kind}/{*id}", f -> "/api/v1/lineage/model-version/" + f.model() + ".v1", null,
                read()));
        rows.add(row("GET", "/api/v1/runs/{runId}/lineage/openlineage", f -> "/api/v1/runs/" + f.run() + "/lineage/openlineage",
                null, readProject()));
        rows.add(row("GET", "/api/v1/tokens", f -> "/api/v1/tokens", null, collectionRead()));
        rows.add(row("POST", "/api/v1/tokens", f -> "/api/v1/tokens", f -> Map.of("name", "t"), collectionRead()));
        rows.add(row("DELETE", "/api/v1/tokens/{id}", f -> "/api/v1/tokens/not-yours", null,
                expect(404, 404, 404, 404, 404, 404, 404, 404)));
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
        rows.add(row("GET", "/api/v1/orgs/{org}/groups", f -> "/api/v1/orgs/" + f.org() + "/groups", null, read()));
        rows.add(row("POST", "/api/v1/orgs/{org}/groups", f -> "/api/v1/orgs/" + f.org() + "/groups",
                f -> Map.of("name", unique("g")), administer()));
        rows.add(row("GET", "/api/v1/orgs/{org}/groups/{groupId}", f -> "/api/v1/orgs/" + f.org() + "/groups/" + f.group(), null,
                read()));
        rows.add(row("PATCH", "/api/v1/orgs/{org}/groups/{groupId}", f -> "/api/v1/orgs/" + f.org() + "/groups/" + f.group(),
                f -> Map.of("name", unique("g")), administer()));
        rows.add(row("DELETE", "/api/v1/orgs/{org}/groups/{groupId}", f -> "/api/v1/orgs/" + f.org() + "/groups/" + f.group(),
                null, administer()));
        rows.add(row("PUT", "/api/v1/orgs/{org}/groups/{groupId}/members/{principalId}",
                f -> "/api/v1/orgs/" + f.org() + "/groups/" + f.group() + "/members/" + f.member(), f -> Map.of(), administer()));
        rows.add(row("DELETE", "/api/v1/orgs/{org}/groups/{groupId}/members/{principalId}",
                f -> "/api/v1/orgs/" + f.org() + "/groups/" + f.group() + "/members/" + f.member(), null, administer()));
        rows.add(row("GET", "/api/v1/orgs/{org}/audit/events", f -> "/api/v1/orgs/" + f.org() + "/audit/events?maxResults=1", null, audit()));
        rows.add(row("GET", "/api/v1/orgs/{org}/audit/events/export",
                f -> "/api/v1/orgs/" + f.org() + "/audit/events/export?aggregateId=" + f.project(), null, audit()));
        rows.add(row("GET", "/api/v1/orgs/{org}/audit/verify", f -> "/api/v1/orgs/" + f.org() + "/audit/verify", null, audit()));
        rows.add(row("POST", "/api/v1/orgs/{org}/users", f -> "/api/v1/orgs/" + f.org() + "/users",
                f -> Map.of("username", unique("local"), "password", "a long enough passphrase"), administer()));
        rows.add(row("PUT", "/api/v1/orgs/{org}/users/{principalId}/password",
                f -> "/api/v1/orgs/" + f.org() + "/users/" + f.member() + "/password",
                f -> Map.of("password", "a long enough passphrase"), administer()));
        rows.add(row("GET", "/api/v1/me", f -> "/api/v1/me", null, collectionRead()));
        // results are scoped to the caller's organization and visible projects (SearchApiTest checks which)
        rows.add(row("GET", "/api/v1/search", f -> "/api/v1/search?q=kind:project", null, collectionRead()));
        // the matrix's callers hold personal access tokens and have no password to change
        rows.add(row("POST", "/api/v1/me/password", f -> "/api/v1/me/password",
                f -> Map.of("currentPassword", "x", "newPassword", "a long enough passphrase"),
                expect(409, 409, 409, 409, 409, 409, 409, 409)));
        rows.add(row("GET", "/api/v1/orgs/{org}/service-accounts", f -> "/api/v1/orgs/" + f.org() + "/service-accounts",
                null, administer()));
        rows.add(row("POST", "/api/v1/orgs/{org}/service-accounts", f -> "/api/v1/orgs/" + f.org() + "/service-accounts",
                f -> Map.of("name", unique("sa")), administer()));
        rows.add(row("DELETE", "/api/v1/orgs/{org}/service-accounts/{id}",
                f -> "/api/v1/orgs/" + f.org() + "/service-accounts/" + f.serviceAccount(), null, administer()));
        rows.add(row("GET", "/api/v1/orgs/{org}/sso", f -> "/api/v1/orgs/" + f.org() + "/sso", null, administer()));
        rows.add(row("PUT", "/api/v1/orgs/{org}/sso", f -> "/api/v1/orgs/" + f.org() + "/sso", f -> SSO, administer()));
        rows.add(row("DELETE", "/api/v1/orgs/{org}/sso", f -> "/api/v1/orgs/" + f.org() + "/sso", null, administer()));
        rows.add(row("GET", "/api/v1/admin/projections", f -> "/api/v1/admin/projections", null, platformOnly()));
        rows.add(row("GET", "/api/v1/admin/projections/{name}", f -> "/api/v1/admin/projections/runs", null, platformOnly()));
        rows.add(row("POST", "/api/v1/admin/projections/{name}/replay", f -> "/api/v1/admin/projections/no-such/replay", f -> Map.of(),
                platformOnly()));
        return rows;
    }

    private static List<Row> registryRows() {
        String models = "/api/v1/models";
        List<Row> rows = new ArrayList<>();
        rows.add(row("GET", models, f -> models, null, collectionRead()));
        rows.add(row("POST", models, f -> models, f -> Map.of("name", unique("m")), collectionWrite()));
        rows.add(row("GET", models + "/{id}", f -> models + "/" + f.model(), null, read()));
        rows.add(row("PATCH", models + "/{id}", f -> models + "/" + f.model(), f -> Map.of("description", "d"), write()));
        rows.add(row("DELETE", models + "/{id}", f -> models + "/" + f.model(), null, write()));
        rows.add(row("POST", models + "/{id}/tags", f -> models + "/" + f.model() + "/tags",
                f -> Map.of("tags", Map.of("k", "v")), write()));
        rows.add(row("DELETE", models + "/{id}/tags/{key}", f -> models + "/" + f.model() + "/tags/t", null, write()));
        rows.add(row("PUT", models + "/{id}/protected-aliases", f -> models + "/" + f.model() + "/protected-aliases",
                f -> Map.of("aliases", List.of("champion")), administerModel()));
        rows.add(row("POST", models + "/{modelId}/versions", f -> models + "/" + f.model() + "/versions",
                f -> Map.of("runId", f.run(), "artifactPath", "a.txt", "flavor", "generic"), readRunThenWrite()));
        rows.add(row("GET", models + "/{modelId}/versions", f -> models + "/" + f.model() + "/versions", null, read()));
        rows.add(row("GET", models + "/{modelId}/versions/{version}", f -> models + "/" + f.model() + "/versions/1", null,
                read()));
        rows.add(row("POST", models + "/{modelId}/versions/{version}/stage", f -> models + "/" + f.model() + "/versions/1/stage",
                f -> Map.of("stage", "Staging"), write()));
        rows.add(row("GET", models + "/{modelId}/aliases/{alias}", f -> models + "/" + f.model() + "/aliases/challenger",
                null, read()));
        rows.add(row("PUT", models + "/{modelId}/aliases/{alias}", f -> models + "/" + f.model() + "/aliases/candidate",
                f -> Map.of("version", 1), write()));
        rows.add(row("DELETE", models + "/{modelId}/aliases/{alias}", f -> models + "/" + f.model() + "/aliases/challenger",
                null, write()));
        rows.add(row("GET", models + "/{modelId}/approvals", f -> models + "/" + f.model() + "/approvals", null, read()));
        rows.add(row("GET", models + "/{modelId}/approvals/{requestId}",
                f -> models + "/" + f.model() + "/approvals/" + f.approval(), null, read()));
        rows.add(row("POST", models + "/{modelId}/approvals/{requestId}/approve",
                f -> models + "/" + f.model() + "/approvals/" + f.approval() + "/approve", f -> Map.of(), approve()));
        rows.add(row("POST", models + "/{modelId}/approvals/{requestId}/reject",
                f -> models + "/" + f.model() + "/approvals/" + f.approval() + "/reject", f -> Map.of(), approve()));
        return rows;
    }

    private static Api.Response call(Api api, Row row, Fixture fixture) {
        String path = row.path().apply(fixture);
        Object body = row.body() == null ? null : row.body().apply(fixture);
        return switch (row.method()) {
            case "GET" -> api.get(path);
            case "DELETE" -> api.delete(path);
            case "PATCH" -> api.patch(path, body);
            case "PUT" -> body instanceof String ? api.put(path, "bytes".getBytes()) : api.putJson(path, body);
            default -> api.post(path, body);
        };
    }

    /**
     * Calls that change what later calls see get resources of their own when they are expected to succeed; the
     * rest, and refused calls (which change nothing), share one set.
     */
    private static final Set<String> STATE_CHANGING = Set.of(
            "POST /api/v1/projects/{id}/archive", "POST /api/v1/projects/{id}/restore",
            "DELETE /api/v1/projects/{id}/grants/{kind}/{granteeId}",
            "DELETE /api/v1/runs/{id}/tags/{key}", "POST /api/v1/runs/{id}/finish",
            "POST /api/v1/datasets/{id}/deprecate", "PATCH /api/v1/orgs/{org}/members/{principalId}",
            "DELETE /api/v1/orgs/{org}/members/{principalId}", "DELETE /api/v1/orgs/{org}/groups/{groupId}",
            "DELETE /api/v1/orgs/{org}/groups/{groupId}/members/{principalId}", "DELETE /api/v1/models/{id}",
            "DELETE /api/v1/models/{id}/tags/{key}", "POST /api/v1/models/{modelId}/versions/{version}/stage",
            "PUT /api/v1/models/{modelId}/aliases/{alias}", "DELETE /api/v1/models/{modelId}/aliases/{alias}",
            "POST /api/v1/models/{modelId}/approvals/{requestId}/approve",
            "POST /api/v1/models/{modelId}/approvals/{requestId}/reject",
            "DELETE /api/v1/orgs/{org}/service-accounts/{id}", "DELETE /api/v1/orgs/{org}/sso");

    @Test
    void everyEndpointAnswersEveryCallerAsExpected() {
        List<String> failures = new ArrayList<>();
        Fixture shared = fixture();
        for (Row row : rows()) {
            boolean changing = STATE_CHANGING.contains(row.method() + " " + row.pattern());
            for (Caller caller : Caller.values()) {
                int expected = row.expected().get(caller);
                Api.Response response = call(callers.get(caller), row, changing && expected == OK ? fixture() : shared);
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
