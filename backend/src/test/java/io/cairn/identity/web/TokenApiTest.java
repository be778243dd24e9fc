package io.cairn.identity.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.support.Api;
import io.cairn.support.ApiTestBase;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class TokenApiTest extends ApiTestBase {

    @Autowired
    JdbcClient jdbc;

    @Test
    void createsShowsOnceListsAndRevokes() {
        Api user = userOf("default");
        Api.Response created = user.post("/api/v1/tokens", Map.of("name", "ci", "expiresInDays", 30));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String secret = created.get("/token");
        String id = created.get("/id");
        assertThat(secret).startsWith("cairn_pat_");
        assertThat(created.json().get("expiryTime").asLong()).isGreaterThan(System.currentTimeMillis() + 29L * 86_400_000);

        Api ci = user.withToken(secret);
        assertThat(ci.get("/api/v1/projects").status()).isEqualTo(200);
        Api.Response list = user.get("/api/v1/tokens");
        assertThat(list.text()).contains(id).contains("\"ci\"").doesNotContain(secret).doesNotContain("token_hash");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM access_tokens WHERE token_hash = ?").param(secret).query(Long.class).single())
                .isZero();

        assertThat(user.delete("/api/v1/tokens/" + id).status()).isEqualTo(204);
        Api.Response revoked = assertProblem(ci.get("/api/v1/projects"), 401);
        assertThat(revoked.get("/detail")).isEqualTo("The bearer token has been revoked");
        assertThat(user.get("/api/v1/tokens").json().get("tokens").get(0).get("revokedTime").isNumber()).isTrue();
    }

    @Test
    void expiredTokensAreRefused() {
        String principal = tokens.createPrincipal("default", unique("expiring"), false);
        String secret = tokens.issue(principal, "default", "short", Instant.now().minusSeconds(1)).token();
        Api.Response expired = assertProblem(admin.withToken(secret).get("/api/v1/projects"), 401);
        assertThat(expired.get("/detail")).isEqualTo("The bearer token has expired");
    }

    @Test
    void badRequestsAndOtherPeoplesTokens() {
        Api user = userOf("default");
        assertThat(assertProblem(user.post("/api/v1/tokens", Map.of("name", " ")), 400).get("/field")).isEqualTo("name");
        assertThat(assertProblem(user.post("/api/v1/tokens", Map.of("name", "x", "expiresInDays", 0)), 400).get("/field"))
                .isEqualTo("expiresInDays");
        String othersToken = userOf("default").post("/api/v1/tokens", Map.of("name", "mine")).get("/id");
        assertProblem(user.delete("/api/v1/tokens/" + othersToken), 404);
        assertProblem(user.delete("/api/v1/tokens/no-such-token"), 404);
        assertProblem(admin.withToken(null).get("/api/v1/tokens"), 401);
    }
}
