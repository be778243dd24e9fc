package io.cairn.identity.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.support.Api;
import io.cairn.support.ApiTestBase;
import io.cairn.support.Browser;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Service accounts: created by an organization's admins, they obtain JWTs with client credentials. */
class ServiceAccountApiTest extends ApiTestBase {

    @Autowired
    JdbcClient jdbc;

    @Test
    void clientCredentialsGiveATokenScopedToTheServiceAccountsOrganization() {
        String org = unique("machines");
        Api owner = ownerOf(org);
        Api.Response created = owner.post("/api/v1/orgs/" + org + "/service-accounts", Map.of("name", "ci"));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String id = created.get("/id");
        String clientId = created.get("/clientId");
        String secret = created.get("/clientSecret");
        assertThat(created.get("/role")).isEqualTo("MEMBER");
        assertThat(jdbc.sql("SELECT secret_hash FROM service_accounts WHERE principal_id = ?").param(id)
                .query(String.class).single()).startsWith("{argon2}").doesNotContain(secret);
        Api.Response list = owner.get("/api/v1/orgs/" + org + "/service-accounts");
        assertThat(list.text()).contains(clientId).doesNotContain(secret);
        assertProblem(owner.post("/api/v1/orgs/" + org + "/service-accounts", Map.of("name", "ci")), 409);

        HttpResponse<String> token = new Browser(port).clientCredentials(clientId, secret);
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        String jwt = Browser.json(token).get("access_token").asString();
        assertThat(SignInFlowTest.payload(jwt).get("sub").asString()).isEqualTo(id);
        assertThat(SignInFlowTest.payload(jwt).get("tenant").asString()).isEqualTo(org);

        Api machine = admin.withToken(jwt);
        Api.Response project = machine.post("/api/v1/projects", Map.of("name", unique("nightly")));
        assertThat(project.status()).as(project.text()).isEqualTo(201);
        assertThat(project.get("/createdBy")).isEqualTo(id);
        assertThat(owner.get("/api/v1/projects/" + project.get("/id")).status()).isEqualTo(200);

        String elsewhere = createProject(admin);
        assertProblem(machine.get("/api/v1/projects/" + elsewhere), 404);
        assertProblem(machine.withHeader("Cairn-Org", "default").get("/api/v1/projects"), 404);
        assertProblem(machine.get("/api/v1/orgs/" + org + "/service-accounts"), 403);

        assertThat(owner.delete("/api/v1/orgs/" + org + "/service-accounts/" + id).status()).isEqualTo(204);
        assertThat(assertProblem(machine.get("/api/v1/projects"), 401).get("/detail")).contains("not a member");
        assertThat(new Browser(port).clientCredentials(clientId, secret).statusCode()).isEqualTo(401);
        assertProblem(owner.delete("/api/v1/orgs/" + org + "/service-accounts/" + id), 404);
    }

    @Test
    void aWrongSecretOrAnUnknownClientIsRefused() {
        String org = unique("machines");
        Api.Response created = ownerOf(org).post("/api/v1/orgs/" + org + "/service-accounts",
                Map.of("name", "agent", "role", "AUDITOR"));
        String clientId = created.get("/clientId");
        HttpResponse<String> wrong = new Browser(port).clientCredentials(clientId, "not-the-secret");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).contains("invalid_client").doesNotContain("access_token");
        assertThat(new Browser(port).clientCredentials("sa-nobody-00000000", "x").statusCode()).isEqualTo(401);
        assertThat(new Browser(port).clientCredentials("cairn-web", "x").statusCode()).isEqualTo(401);
    }

    @Test
    void badRequestsNameTheirField() {
        String org = unique("machines");
        Api owner = ownerOf(org);
        assertThat(assertProblem(owner.post("/api/v1/orgs/" + org + "/service-accounts", Map.of("name", "Not A Slug")),
                400).get("/field")).isEqualTo("name");
        assertThat(assertProblem(owner.post("/api/v1/orgs/" + org + "/service-accounts",
                Map.of("name", "boss", "role", "OWNER")), 400).get("/field")).isEqualTo("role");
        assertThat(assertProblem(owner.post("/api/v1/orgs/" + org + "/service-accounts",
                Map.of("name", "boss", "role", "KING")), 400).get("/field")).isEqualTo("role");
    }
}
