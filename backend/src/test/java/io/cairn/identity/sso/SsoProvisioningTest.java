package io.cairn.identity.sso;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.tenancy.api.OrgRole;
import io.cairn.tenancy.api.SsoClaimMapping;
import io.cairn.tenancy.query.SsoReadModel.SsoSettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How claims meet the mapping: list and string claims, the strongest role, the default. */
class SsoProvisioningTest {

    private static final SsoSettings SETTINGS = new SsoSettings("acme", "https://sso.example.com", "cairn",
            OrgRole.MEMBER, List.of(
                    new SsoClaimMapping("groups", "auditors", OrgRole.AUDITOR, null),
                    new SsoClaimMapping("groups", "cairn-admins", OrgRole.ADMIN, null),
                    new SsoClaimMapping("department", "ml", null, "g-ml")), 0);

    @Test
    void theStrongestMatchingRoleWins() {
        assertThat(SsoProvisioning.role(SETTINGS, Map.of("groups", List.of("auditors", "cairn-admins"))))
                .isEqualTo(OrgRole.ADMIN);
        assertThat(SsoProvisioning.role(SETTINGS, Map.of("groups", List.of("auditors")))).isEqualTo(OrgRole.AUDITOR);
    }

    @Test
    void withoutAMatchingRuleTheDefaultRoleApplies() {
        assertThat(SsoProvisioning.role(SETTINGS, Map.of("groups", List.of("other")))).isEqualTo(OrgRole.MEMBER);
        assertThat(SsoProvisioning.role(SETTINGS, Map.of())).isEqualTo(OrgRole.MEMBER);
    }

    @Test
    void stringClaimsMatchByEqualityListClaimsByMembership() {
        SsoClaimMapping ml = SETTINGS.mappings().get(2);
        assertThat(SsoProvisioning.matches(ml, Map.of("department", "ml"))).isTrue();
        assertThat(SsoProvisioning.matches(ml, Map.of("department", "mlops"))).isFalse();
        assertThat(SsoProvisioning.matches(ml, Map.of("department", List.of("hr", "ml")))).isTrue();
        assertThat(SsoProvisioning.matches(ml, Map.of("groups", "ml"))).isFalse();
    }
}
