package io.cairn.deployment.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.identity.AccessTokenService.IssuedToken;
import io.cairn.support.Api;
import io.cairn.support.ApiTestBase;
import io.cairn.support.RegistrySteps;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Scoring reads the caller's token, the deployment and the caller's project role from memory (see
 * {@code ReadCache}); a change made through this backend must count on the very next score. Deployments of 0
 * replicas start no model server, so a score answers 503 — after authentication, tenancy and authorization have
 * passed — and the backend's telemetry names the version the request was routed to.
 */
class ScoreCachingTest extends ApiTestBase {

    private static final Map<String, Object> ROW = Map.of("rows", List.of(Map.of("sepal_length", 5.1)));

    private String org;
    private Api owner;
    private String projectId;
    private String model;

    @BeforeEach
    void model() {
        org = unique("score-cache");
        owner = ownerOf(org);
        RegistrySteps.DeployableModel deployable = RegistrySteps.deployableModel(owner);
        projectId = deployable.run().projectId();
        model = deployable.modelId();
    }

    private String deployment(int version) {
        Api.Response created = owner.post("/api/v1/deployments", Map.of("modelId", model, "version", version,
                "replicas", 0));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return "/api/v1/deployments/" + created.get("/id");
    }

    /** Scores twice: the second answer comes from what the first one left in memory. */
    private static int scoreTwice(Api api, String path) {
        int first = api.post(path + "/score", ROW).status();
        assertThat(api.post(path + "/score", ROW).status()).isEqualTo(first);
        return first;
    }

    /** How many scores the backend routed to each version of the deployment. */
    private Map<String, Long> routed(String path) {
        JsonNode versions = owner.get(path + "/telemetry").json().get("versions");
        Map<String, Long> counts = new java.util.TreeMap<>();
        versions.forEach(v -> counts.put(v.get("version").asString(), v.get("requests").asLong()));
        return counts;
    }

    @Test
    void aRevokedTokenIsRefusedOnTheNextScore() {
        Member viewer = newMember(org, "MEMBER");
        grant(owner, projectId, "users", viewer.principalId(), "VIEWER");
        IssuedToken issued = tokens.issue(viewer.principalId(), org, "scoring", null);
        Api client = owner.withToken(issued.token());
        String path = deployment(1);
        assertThat(scoreTwice(client, path)).isEqualTo(503);

        assertThat(client.delete("/api/v1/tokens/" + issued.id()).status()).isEqualTo(204);

        Api.Response refused = assertProblem(client.post(path + "/score", ROW), 401);
        assertThat(refused.get("/detail")).isEqualTo("The bearer token has been revoked");
    }

    @Test
    void tokensOfARunAttemptRevokedByNameAreRefusedOnTheNextScore() {
        IssuedToken issued = tokens.issue(tokens.principalFor("owner-" + org, org), org, "attempt-42", null);
        Api client = owner.withToken(issued.token());
        String path = deployment(1);
        assertThat(scoreTwice(client, path)).isEqualTo(503);

        tokens.revokeNamed(org, "attempt-42");

        assertProblem(client.post(path + "/score", ROW), 401);
        assertThat(scoreTwice(owner, path)).isEqualTo(503);
    }

    @Test
    void aChangedOrRemovedMembershipCountsOnTheNextScore() {
        Member admin = newMember(org, "ADMIN");
        String path = deployment(1);
        assertThat(scoreTwice(admin.api(), path)).isEqualTo(503);

        // a MEMBER without a grant does not see the project: the deployment is not found
        assertThat(owner.patch("/api/v1/orgs/" + org + "/members/" + admin.principalId(), Map.of("role", "MEMBER"))
                .status()).isEqualTo(200);
        assertProblem(admin.api().post(path + "/score", ROW), 404);

        assertThat(owner.delete("/api/v1/orgs/" + org + "/members/" + admin.principalId()).status()).isEqualTo(204);
        Api.Response refused = assertProblem(admin.api().post(path + "/score", ROW), 401);
        assertThat(refused.get("/detail")).contains("is not a member of organization");
    }

    @Test
    void aGrantAndItsRevocationCountOnTheNextScore() {
        Member member = newMember(org, "MEMBER");
        String path = deployment(1);
        assertThat(scoreTwice(member.api(), path)).isEqualTo(404);

        grant(owner, projectId, "users", member.principalId(), "VIEWER");
        assertThat(scoreTwice(member.api(), path)).isEqualTo(503);

        assertThat(owner.delete("/api/v1/projects/" + projectId + "/grants/users/" + member.principalId()).status())
                .isEqualTo(204);
        assertProblem(member.api().post(path + "/score", ROW), 404);
    }

    @Test
    void updatesCanariesRollbacksAndDeletionRouteTheNextScore() {
        String path = deployment(1);
        assertThat(scoreTwice(owner, path)).isEqualTo(503);
        assertThat(routed(path)).containsExactly(Map.entry("1", 2L));

        assertThat(owner.post(path + "/update", Map.of("version", 2)).status()).isEqualTo(200);
        owner.post(path + "/score", ROW);
        assertThat(routed(path)).containsExactly(Map.entry("1", 2L), Map.entry("2", 1L));

        // a canary of 99 %, rolled back: every later score goes to the stable version 2
        assertThat(owner.post(path + "/update", Map.of("version", 1, "canaryPercent", 99)).status()).isEqualTo(200);
        assertThat(owner.post(path + "/rollback", Map.of()).status()).isEqualTo(200);
        for (int i = 0; i < 20; i++) {
            owner.post(path + "/score", ROW);
        }
        assertThat(routed(path)).containsExactly(Map.entry("1", 2L), Map.entry("2", 21L));

        assertThat(owner.delete(path).status()).isEqualTo(204);
        assertProblem(owner.post(path + "/score", ROW), 404);
    }

    @Test
    void anotherOrganizationsDeploymentStaysNotFoundAfterItsOwnerScored() {
        String path = deployment(1);
        assertThat(scoreTwice(owner, path)).isEqualTo(503);
        Api outsider = ownerOf(unique("outsider"));
        assertThat(scoreTwice(outsider, path)).isEqualTo(404);
        assertThat(scoreTwice(owner.withHeader("Cairn-Org", unique("other")), path)).isEqualTo(404);
    }

    /**
     * Scores skip the security filter chain (see {@code ScoreFastPath}): their answers must carry the headers the
     * chain writes on every other API answer, and what the fast path does not take — no credential, a bad one, an
     * unknown organization — is still answered by the chain.
     */
    @Test
    void scoresAnswerWithTheSecurityChainsHeadersAndLeaveBadCredentialsToIt() {
        String path = deployment(1);
        Api.Response viaChain = owner.get(path);
        Api.Response viaFastPath = owner.post(path + "/score", ROW);
        assertThat(viaFastPath.status()).isEqualTo(503);
        for (String header : List.of("X-Content-Type-Options", "X-XSS-Protection", "Cache-Control", "Pragma",
                "Expires", "X-Frame-Options")) {
            assertThat(viaChain.header(header)).as(header).isNotNull();
            assertThat(viaFastPath.header(header)).as(header).isEqualTo(viaChain.header(header));
        }

        Api.Response anonymous = assertProblem(owner.withToken(null).post(path + "/score", ROW), 401);
        assertThat(anonymous.wwwAuthenticate()).isEqualTo("Bearer");
        Api.Response forged = assertProblem(owner.withToken("cairn_pat_forged").post(path + "/score", ROW), 401);
        assertThat(forged.wwwAuthenticate()).isEqualTo("Bearer error=\"invalid_token\"");
        Api.Response notBearer = assertProblem(owner.withHeader("Authorization", "Basic b3duZXI6cHc=")
                .withToken(null).post(path + "/score", ROW), 401);
        assertThat(notBearer.get("/detail")).isEqualTo("The Authorization header must be 'Bearer <access token>'");
        String unknown = unique("no-such-org");
        Api.Response elsewhere = assertProblem(owner.withHeader("Cairn-Org", unknown).post(path + "/score", ROW), 404);
        assertThat(elsewhere.get("/detail")).isEqualTo("Organization '" + unknown + "' not found");
        assertThat(routed(path)).containsExactly(Map.entry("1", 1L));
    }
}
