package io.cairn.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.support.Api;
import io.cairn.support.ApiTestBase;
import io.cairn.support.SourceZips;
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
     * approval request for moving it to Production made by the EDITOR caller, a service account, and a
     * deployable model (versions 1 and 2) with two deployments of 0 replicas, one with version 2 as a canary.
     */
    record Fixture(String org, String project, String run, String dataset, String version, String member, String group,
                   String editors, String model, String approval, String serviceAccount, String target, String agent,
                   String submittedRun, String projectName, String modelName, String deployableModel,
                   String deployment, String canaryDeployment, String sourceRun) {
    }

    /** A source archive the fixture's organization holds, named by {@link Fixture#sourceRun}'s source. */
    private static final byte[] SOURCE_ARCHIVE = SourceZips.zip(Map.of("train.sh", "echo matrix\n"));
    private static final String SOURCE_DIGEST = SourceZips.sha256(SOURCE_ARCHIVE);
    /** Another archive, uploaded by the PUT row (the outsider's copy must not make the fixture's visible to it). */
    private static final byte[] UPLOADED_ARCHIVE = SourceZips.zip(Map.of("train.sh", "echo uploaded\n"));

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
        owner.post("/api/v1/projects/" + project + "/tags", Map.of("tags", Map.of("t", "v")));
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
        owner.post("/api/v1/models/" + model + "/versions", Map.of("runId", run, "artifactPath", "a.txt", "flavor", "generic",
                "tags", Map.of("t", "v")));
        owner.putJson("/api/v1/models/" + model + "/aliases/challenger", Map.of("version", 1));
        String approval = callers.get(Caller.EDITOR)
                .post("/api/v1/models/" + model + "/versions/1/stage", Map.of("stage", "Production")).get("/id");
        eventually(() -> owner.get("/api/v1/lineage/model-version/" + model + ".v1").status() == 200);
        String serviceAccount = owner.post("/api/v1/orgs/" + org + "/service-accounts", Map.of("name", unique("sa")))
                .get("/id");
        owner.putJson("/api/v1/orgs/" + org + "/sso", SSO);
        String target = owner.post("/api/v1/compute/targets", Map.of("name", unique("t"), "kind", "process")).get("/id");
        String agent = owner.post("/api/v1/compute/agents", Map.of("name", "w", "targets", List.of(target))).get("/id");
        String submittedRun = owner.post("/api/v1/compute/targets/" + target + "/runs",
                Map.of("projectId", project, "spec", Map.of("entrypoint", "true"))).get("/runId");
        String projectName = owner.get("/api/v1/projects/" + project).get("/name");
        String modelName = owner.get("/api/v1/models/" + model).get("/name");
        String deployable = deployableModel(owner, run);
        // 0 replicas: no model server starts; scoring answers 503 once authorized
        String deployment = owner.post("/api/v1/deployments", Map.of("modelId", deployable, "version", 1, "replicas", 0))
                .get("/id");
        String canaryDeployment = owner.post("/api/v1/deployments",
                Map.of("modelId", deployable, "version", 1, "replicas", 0)).get("/id");
        owner.post("/api/v1/deployments/" + canaryDeployment + "/update", Map.of("version", 2, "canaryPercent", 10));
        owner.put("/api/v1/sources/" + SOURCE_DIGEST, SOURCE_ARCHIVE);
        String sourceRun = owner.post("/api/v1/runs", Map.of("projectId", project,
                "source", Map.of("archiveDigest", SOURCE_DIGEST))).get("/id");
        return new Fixture(org, project, run, dataset, version, member, group, editors, model, approval, serviceAccount,
                target, agent, submittedRun, projectName, modelName, deployable, deployment, canaryDeployment, sourceRun);
    }

    /** A model whose versions 1 and 2 (dl4j, with a signature, from the run's artifact) can be deployed. */
    private static String deployableModel(Api owner, String run) {
        String model = owner.post("/api/v1/models", Map.of("name", unique("deployable"))).get("/id");
        for (int i = 0; i < 2; i++) {
            owner.post("/api/v1/models/" + model + "/versions", Map.of("runId", run, "artifactPath", "a.txt",
                    "flavor", "dl4j", "signature", Map.of("inputs", List.of(Map.of("name", "x", "type", "double")))));
        }
        return model;
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
        // source archives belong to the organization (the outsider stores into its own); a run's archive to its project
        rows.add(row("PUT", "/api/v1/sources/{sha256}", f -> "/api/v1/sources/" + SourceZips.sha256(UPLOADED_ARCHIVE),
                f -> UPLOADED_ARCHIVE, collectionWrite()));
        rows.add(row("GET", "/api/v1/sources/{sha256}", f -> "/api/v1/sources/" + SOURCE_DIGEST, null, read()));
        rows.add(row("GET", "/api/v1/runs/{runId}/source/archive", f -> "/api/v1/runs/" + f.sourceRun() + "/source/archive",
                null, readProject()));
        rows.add(row("POST", "/api/v1/datasets/{id}/versions", f -> "/api/v1/datasets/" + f.dataset() + "/versions",
                f -> Map.of("uri", "file:///b.csv", "digest", digest), write()));
        rows.add(row("GET", "/api/v1/datasets/{id}/versions/{versionId}",
                f -> "/api/v1/datasets/" + f.dataset() + "/versions/" + f.version(), null, read()));
        rows.add(row("POST", "/api/v1/datasets/{id}/deprecate", f -> "/api/v1/datasets/" + f.dataset() + "/deprecate",
                f -> Map.of(), write()));
        rows.addAll(registryRows());
        rows.addAll(computeRows());
        rows.addAll(deploymentRows());
        rows.addAll(mlflowRows());
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
        rows.add(row("GET", "/api/v1/me/profile", f -> "/api/v1/me/profile", null, collectionRead()));
        rows.add(row("PUT", "/api/v1/me/profile", f -> "/api/v1/me/profile", f -> Map.of("displayName", "Matrix"),
                collectionRead()));
        rows.add(row("GET", "/api/v1/orgs/{org}/users/{principalId}", f -> "/api/v1/orgs/" + f.org() + "/users/" + f.member(),
                null, administer()));
        rows.add(row("DELETE", "/api/v1/orgs/{org}/users/{principalId}",
                f -> "/api/v1/orgs/" + f.org() + "/users/" + f.member(), null, administer()));
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

    /** Agents are operated only by the principal that registered them (here the OWNER caller). */
    private static Map<Caller, Integer> operateAgent(int registrant) {
        return expect(404, 403, 404, 404, 404, 404, 404, registrant);
    }

    /** Deployments follow the project of the version they serve: EDITOR changes them, VIEWER reads and scores. */
    private static List<Row> deploymentRows() {
        String deployments = "/api/v1/deployments";
        List<Row> rows = new ArrayList<>();
        rows.add(row("GET", deployments, f -> deployments, null, collectionRead()));
        rows.add(row("POST", deployments, f -> deployments,
                f -> Map.of("modelId", f.deployableModel(), "version", 1, "replicas", 0),
                editProject()));
        rows.add(row("GET", deployments + "/{id}", f -> deployments + "/" + f.deployment(), null, readProject()));
        rows.add(row("DELETE", deployments + "/{id}", f -> deployments + "/" + f.deployment(), null, editProject()));
        rows.add(row("POST", deployments + "/{id}/scale", f -> deployments + "/" + f.deployment() + "/scale",
                f -> Map.of("replicas", 0), editProject()));
        rows.add(row("POST", deployments + "/{id}/update", f -> deployments + "/" + f.deployment() + "/update",
                f -> Map.of("version", 2, "canaryPercent", 10), editProject()));
        rows.add(row("POST", deployments + "/{id}/promote", f -> deployments + "/" + f.canaryDeployment() + "/promote",
                f -> Map.of(), editProject()));
        rows.add(row("POST", deployments + "/{id}/rollback", f -> deployments + "/" + f.canaryDeployment() + "/rollback",
                f -> Map.of(), editProject()));
        // authorized callers reach the router, which has no model server to send to (0 replicas): 503
        rows.add(row("POST", deployments + "/{id}/score", f -> deployments + "/" + f.deployment() + "/score",
                f -> Map.of("rows", List.of(Map.of("x", 1.0))), expect(404, 503, 404, 503, 503, 503, 503, 503)));
        rows.add(row("GET", deployments + "/{id}/telemetry", f -> deployments + "/" + f.deployment() + "/telemetry", null,
                readProject()));
        return rows;
    }

    private static List<Row> computeRows() {
        String targets = "/api/v1/compute/targets";
        String agents = "/api/v1/compute/agents";
        List<Row> rows = new ArrayList<>();
        // an outsider creates a target in its own organization
        rows.add(row("POST", targets, f -> targets, f -> Map.of("name", unique("t"), "kind", "process"),
                expect(OK, 403, 403, 403, 403, 403, OK, OK)));
        rows.add(row("GET", targets, f -> targets, null, collectionRead()));
        rows.add(row("GET", targets + "/{id}", f -> targets + "/" + f.target(), null, read()));
        rows.add(row("PATCH", targets + "/{id}", f -> targets + "/" + f.target(), f -> Map.of("settings", Map.of("gpus", 1)),
                administer()));
        rows.add(row("DELETE", targets + "/{id}", f -> targets + "/" + f.target(), null, administer()));
        rows.add(row("POST", targets + "/{id}/runs", f -> targets + "/" + f.target() + "/runs",
                f -> Map.of("projectId", f.project(), "spec", Map.of("entrypoint", "true")), editProject()));
        rows.add(row("POST", agents, f -> agents, f -> Map.of("name", "w", "targets", List.of(f.target())), write()));
        rows.add(row("GET", agents, f -> agents, null, collectionRead()));
        rows.add(row("GET", agents + "/{id}", f -> agents + "/" + f.agent(), null, read()));
        rows.add(row("POST", agents + "/{id}/heartbeat", f -> agents + "/" + f.agent() + "/heartbeat",
                f -> Map.of("runs", List.of(f.submittedRun())), operateAgent(OK)));
        rows.add(row("POST", agents + "/{id}/lease", f -> agents + "/" + f.agent() + "/lease", f -> Map.of(),
                operateAgent(OK)));
        rows.add(row("POST", agents + "/{id}/runs/{runId}/complete",
                f -> agents + "/" + f.agent() + "/runs/" + f.run() + "/complete", f -> Map.of("status", "FINISHED"),
                operateAgent(409)));
        rows.add(row("GET", "/api/v1/runs/{id}/execution", f -> "/api/v1/runs/" + f.submittedRun() + "/execution", null,
                readProject()));
        rows.add(row("POST", "/api/v1/runs/{id}/logs", f -> "/api/v1/runs/" + f.run() + "/logs",
                f -> Map.of("stream", "stdout", "text", "hello\n"), editProject()));
        rows.add(row("GET", "/api/v1/runs/{id}/logs", f -> "/api/v1/runs/" + f.run() + "/logs", null, readProject()));
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
        rows.add(row("DELETE", models + "/{modelId}/versions/{version}", f -> models + "/" + f.model() + "/versions/1",
                null, write()));
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

    /**
     * The MLflow-compatible API under {@code /api/2.0/mlflow}; every row is also checked under MLflow's UI prefix
     * {@code /ajax-api/2.0/mlflow} (see {@link #withUiPrefixTwins}).
     */
    private static List<Row> mlflowRows() {
        String api = "/api/2.0/mlflow";
        String experiments = api + "/experiments";
        String runs = api + "/runs";
        long t0 = 1_790_000_000_000L;
        List<Row> rows = new ArrayList<>();
        rows.add(row("POST", experiments + "/create", f -> experiments + "/create", f -> Map.of("name", unique("e")),
                collectionWrite()));
        rows.add(row("GET", experiments + "/get", f -> experiments + "/get?experiment_id=" + f.project(), null,
                readProject()));
        rows.add(row("GET", experiments + "/get-by-name", f -> experiments + "/get-by-name?experiment_name=" + f.projectName(),
                null, readProject()));
        rows.add(row("GET", experiments + "/search", f -> experiments + "/search?max_results=10", null, collectionRead()));
        rows.add(row("POST", experiments + "/search", f -> experiments + "/search", f -> Map.of("max_results", 10),
                collectionRead()));
        rows.add(row("POST", experiments + "/update", f -> experiments + "/update",
                f -> Map.of("experiment_id", f.project(), "new_name", unique("renamed")), manageProject()));
        rows.add(row("POST", experiments + "/delete", f -> experiments + "/delete", f -> Map.of("experiment_id", f.project()),
                manageProject()));
        rows.add(row("POST", experiments + "/restore", f -> experiments + "/restore",
                f -> Map.of("experiment_id", f.project()), manageProject()));
        rows.add(row("POST", experiments + "/set-experiment-tag", f -> experiments + "/set-experiment-tag",
                f -> Map.of("experiment_id", f.project(), "key", "k", "value", "v"), editProject()));
        rows.add(row("POST", experiments + "/delete-experiment-tag", f -> experiments + "/delete-experiment-tag",
                f -> Map.of("experiment_id", f.project(), "key", "t"), editProject()));
        rows.add(row("POST", runs + "/create", f -> runs + "/create", f -> Map.of("experiment_id", f.project()),
                editProject()));
        rows.add(row("GET", runs + "/get", f -> runs + "/get?run_id=" + f.run(), null, readProject()));
        rows.add(row("POST", runs + "/update", f -> runs + "/update", f -> Map.of("run_id", f.run(), "run_name", "renamed"),
                editProject()));
        rows.add(row("POST", runs + "/delete", f -> runs + "/delete", f -> Map.of("run_id", f.run()), editProject()));
        rows.add(row("POST", runs + "/restore", f -> runs + "/restore", f -> Map.of("run_id", f.run()), editProject()));
        rows.add(row("POST", runs + "/log-metric", f -> runs + "/log-metric",
                f -> Map.of("run_id", f.run(), "key", "acc", "value", 1, "timestamp", t0), editProject()));
        rows.add(row("POST", runs + "/log-parameter", f -> runs + "/log-parameter",
                f -> Map.of("run_id", f.run(), "key", "lr", "value", "1"), editProject()));
        rows.add(row("POST", runs + "/set-tag", f -> runs + "/set-tag", f -> Map.of("run_id", f.run(), "key", "k", "value", "v"),
                editProject()));
        rows.add(row("POST", runs + "/delete-tag", f -> runs + "/delete-tag", f -> Map.of("run_id", f.run(), "key", "t"),
                editProject()));
        rows.add(row("POST", runs + "/log-batch", f -> runs + "/log-batch", f -> Map.of("run_id", f.run(),
                "metrics", List.of(Map.of("key", "acc", "value", 1, "timestamp", t0))), editProject()));
        rows.add(row("POST", runs + "/search", f -> runs + "/search", f -> Map.of("experiment_ids", List.of(f.project())),
                readProject()));
        rows.add(row("POST", runs + "/log-inputs", f -> runs + "/log-inputs", f -> Map.of("run_id", f.run(),
                "datasets", List.of(Map.of("dataset", Map.of("name", "matrix-data", "digest", "abc123",
                        "source_type", "http", "source", "{\"url\": \"https://example.com/d.csv\"}")))),
                editProject()));
        rows.add(row("GET", api + "/artifacts/list", f -> api + "/artifacts/list?run_id=" + f.run(), null, readProject()));
        String proxy = "/api/2.0/mlflow-artifacts/artifacts";
        rows.add(row("PUT", proxy + "/{*path}", f -> proxy + "/" + f.project() + "/" + f.run() + "/artifacts/b.txt",
                f -> "PUT-BYTES", editProject()));
        rows.add(row("GET", proxy + "/{*path}", f -> proxy + "/" + f.project() + "/" + f.run() + "/artifacts/a.txt", null,
                readProject()));
        String models = api + "/registered-models";
        String versions = api + "/model-versions";
        rows.add(row("POST", models + "/create", f -> models + "/create", f -> Map.of("name", unique("m")), collectionWrite()));
        rows.add(row("GET", models + "/get", f -> models + "/get?name=" + f.modelName(), null, read()));
        rows.add(row("POST", models + "/rename", f -> models + "/rename",
                f -> Map.of("name", f.modelName(), "new_name", unique("m")), write()));
        rows.add(row("PATCH", models + "/update", f -> models + "/update",
                f -> Map.of("name", f.modelName(), "description", "d"), write()));
        rows.add(row("DELETE", models + "/delete", f -> models + "/delete?name=" + f.modelName(), null, write()));
        rows.add(row("GET", models + "/search", f -> models + "/search", null, collectionRead()));
        rows.add(row("POST", models + "/get-latest-versions", f -> models + "/get-latest-versions",
                f -> Map.of("name", f.modelName()), read()));
        rows.add(row("GET", models + "/get-latest-versions", f -> models + "/get-latest-versions?name=" + f.modelName(),
                null, read()));
        rows.add(row("POST", models + "/set-tag", f -> models + "/set-tag",
                f -> Map.of("name", f.modelName(), "key", "k", "value", "v"), write()));
        rows.add(row("DELETE", models + "/delete-tag", f -> models + "/delete-tag?name=" + f.modelName() + "&key=t", null,
                write()));
        rows.add(row("POST", models + "/alias", f -> models + "/alias",
                f -> Map.of("name", f.modelName(), "alias", "candidate", "version", "1"), write()));
        rows.add(row("DELETE", models + "/alias", f -> models + "/alias?name=" + f.modelName() + "&alias=challenger", null,
                write()));
        rows.add(row("GET", models + "/alias", f -> models + "/alias?name=" + f.modelName() + "&alias=challenger", null,
                read()));
        rows.add(row("POST", versions + "/create", f -> versions + "/create",
                f -> Map.of("name", f.modelName(), "source", "runs:/" + f.run() + "/a.txt"), readRunThenWrite()));
        rows.add(row("GET", versions + "/get", f -> versions + "/get?name=" + f.modelName() + "&version=1", null, read()));
        rows.add(row("GET", versions + "/search", f -> versions + "/search?filter=name%3D%27" + f.modelName() + "%27", null,
                collectionRead()));
        rows.add(row("GET", versions + "/get-download-uri",
                f -> versions + "/get-download-uri?name=" + f.modelName() + "&version=1", null, read()));
        rows.add(row("PATCH", versions + "/update", f -> versions + "/update",
                f -> Map.of("name", f.modelName(), "version", "1", "description", "d"), write()));
        rows.add(row("POST", versions + "/set-tag", f -> versions + "/set-tag",
                f -> Map.of("name", f.modelName(), "version", "1", "key", "k", "value", "v"), write()));
        rows.add(row("DELETE", versions + "/delete-tag",
                f -> versions + "/delete-tag?name=" + f.modelName() + "&version=1&key=t", null, write()));
        rows.add(row("DELETE", versions + "/delete", f -> versions + "/delete?name=" + f.modelName() + "&version=1", null,
                write()));
        rows.add(row("POST", versions + "/transition-stage", f -> versions + "/transition-stage",
                f -> Map.of("name", f.modelName(), "version", "1", "stage", "Staging"), write()));
        rows.add(row("GET", api + "/metrics/get-history", f -> api + "/metrics/get-history?run_id=" + f.run()
                + "&metric_key=acc", null, readProject()));
        rows.add(row("GET", api + "/metrics/get-history-bulk", f -> api + "/metrics/get-history-bulk?run_ids=" + f.run()
                + "&metric_key=acc", null, readProject()));
        rows.add(row("GET", api + "/metrics/get-history-bulk-interval", f -> api
                + "/metrics/get-history-bulk-interval?run_ids=" + f.run() + "&metric_key=acc&max_results=10", null,
                readProject()));
        rows.add(row("POST", runs + "/log-model", f -> runs + "/log-model", f -> Map.of("run_id", f.run(),
                "model_json", "{\"artifact_path\": \"model\", \"flavors\": {}, \"utc_time_created\": \"2026-11-27\","
                        + " \"run_id\": \"" + f.run() + "\"}"), editProject()));
        return withUiPrefixTwins(rows);
    }

    /** Each row, and the same call under {@code /ajax-api} (the prefix MLflow's web UI calls the same API with). */
    private static List<Row> withUiPrefixTwins(List<Row> rows) {
        List<Row> all = new ArrayList<>(rows);
        for (Row row : rows) {
            all.add(row(row.method(), "/ajax-api" + row.pattern().substring("/api".length()),
                    f -> "/ajax-api" + row.path().apply(f).substring("/api".length()), row.body(), row.expected()));
        }
        return all;
    }

    private static boolean mlflow(Row row) {
        return row.pattern().contains("/2.0/mlflow");
    }

    private static Api.Response call(Api api, Row row, Fixture fixture) {
        String path = row.path().apply(fixture);
        Object body = row.body() == null ? null : row.body().apply(fixture);
        return switch (row.method()) {
            case "GET" -> api.get(path);
            case "DELETE" -> api.delete(path);
            case "PATCH" -> api.patch(path, body);
            case "PUT" -> body instanceof byte[] bytes ? api.put(path, bytes)
                    : body instanceof String ? api.put(path, "bytes".getBytes()) : api.putJson(path, body);
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
            "DELETE /api/v1/models/{modelId}/versions/{version}",
            "DELETE /api/2.0/mlflow/model-versions/delete", "DELETE /ajax-api/2.0/mlflow/model-versions/delete",
            "PUT /api/v1/models/{modelId}/aliases/{alias}", "DELETE /api/v1/models/{modelId}/aliases/{alias}",
            "POST /api/v1/models/{modelId}/approvals/{requestId}/approve",
            "POST /api/v1/models/{modelId}/approvals/{requestId}/reject",
            "DELETE /api/v1/orgs/{org}/service-accounts/{id}", "DELETE /api/v1/orgs/{org}/sso",
            "DELETE /api/v1/compute/targets/{id}", "POST /api/v1/compute/agents/{id}/lease",
            "DELETE /api/v1/deployments/{id}", "POST /api/v1/deployments/{id}/update",
            "POST /api/v1/deployments/{id}/promote", "POST /api/v1/deployments/{id}/rollback",
            "POST /api/2.0/mlflow/experiments/update", "POST /api/2.0/mlflow/experiments/delete",
            "POST /api/2.0/mlflow/experiments/delete-experiment-tag", "POST /api/2.0/mlflow/runs/delete",
            "POST /api/2.0/mlflow/runs/delete-tag",
            "POST /ajax-api/2.0/mlflow/experiments/update", "POST /ajax-api/2.0/mlflow/experiments/delete",
            "POST /ajax-api/2.0/mlflow/experiments/delete-experiment-tag", "POST /ajax-api/2.0/mlflow/runs/delete",
            "POST /ajax-api/2.0/mlflow/runs/delete-tag",
            "POST /api/2.0/mlflow/registered-models/rename", "DELETE /api/2.0/mlflow/registered-models/delete",
            "DELETE /api/2.0/mlflow/registered-models/delete-tag", "DELETE /api/2.0/mlflow/registered-models/alias",
            "POST /api/2.0/mlflow/model-versions/transition-stage", "DELETE /api/2.0/mlflow/model-versions/delete-tag",
            "POST /ajax-api/2.0/mlflow/registered-models/rename", "DELETE /ajax-api/2.0/mlflow/registered-models/delete",
            "DELETE /ajax-api/2.0/mlflow/registered-models/delete-tag", "DELETE /ajax-api/2.0/mlflow/registered-models/alias",
            "POST /ajax-api/2.0/mlflow/model-versions/transition-stage",
            "DELETE /ajax-api/2.0/mlflow/model-versions/delete-tag");

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
                if (response.status() >= 400 && mlflow(row)) {
                    assertThat(response.get("/error_code")).as(row.pattern() + " as " + caller + ": " + response.text())
                            .isNotBlank();
                } else if (response.status() >= 400) {
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
                .filter(pattern -> pattern.startsWith("/api/") || pattern.startsWith("/ajax-api/"))
                .forEach(pattern -> info.getMethodsCondition().getMethods()
                        .forEach(method -> endpoints.add(method.name() + " " + pattern))));
        assertThat(covered).containsAll(endpoints);
    }
}
