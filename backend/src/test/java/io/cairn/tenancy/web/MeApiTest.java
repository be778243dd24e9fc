package io.cairn.tenancy.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.support.Api;
import io.cairn.support.ApiTestBase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class MeApiTest extends ApiTestBase {

    @Test
    void aMemberOfTwoOrganizationsSeesBothAndActsInTheOneOfItsToken() {
        String first = unique("me-a");
        String second = unique("me-b");
        Member member = newMember(first, "MEMBER");
        Api.Response added = ownerOf(second).post("/api/v1/orgs/" + second + "/members",
                Map.of("username", member.username(), "role", "AUDITOR"));
        assertThat(added.status()).as(added.text()).isEqualTo(201);

        Api.Response me = member.api().get("/api/v1/me");
        assertThat(me.status()).as(me.text()).isEqualTo(200);
        assertThat(me.get("/principalId")).isEqualTo(member.principalId());
        assertThat(me.get("/username")).isEqualTo(member.username());
        assertThat(me.get("/organization")).isEqualTo(first);
        assertThat(me.get("/role")).isEqualTo("MEMBER");
        assertThat(me.get("/platformAdmin")).isEqualTo("false");
        List<String> memberships = new ArrayList<>();
        for (JsonNode org : me.json().get("organizations")) {
            memberships.add(org.get("id").asString() + ":" + org.get("role").asString());
        }
        assertThat(memberships).containsExactlyInAnyOrder(first + ":MEMBER", second + ":AUDITOR");

        Api.Response asAuditor = tokenFor(member.username(), second).get("/api/v1/me");
        assertThat(asAuditor.get("/organization")).isEqualTo(second);
        assertThat(asAuditor.get("/role")).isEqualTo("AUDITOR");
    }

    @Test
    void thePlatformAdministratorIsSaidToBeOne() {
        assertThat(admin.get("/api/v1/me").get("/platformAdmin")).isEqualTo("true");
    }

    @Test
    void withoutACredentialItIs401() {
        assertProblem(admin.withToken(null).get("/api/v1/me"), 401);
        assertProblem(admin.withToken("cairn_pat_not-a-token").get("/api/v1/me"), 401);
    }
}
