package io.cairn.tenancy.command;

import static io.cairn.tenancy.command.OrganizationMother.GROUP_ID;
import static io.cairn.tenancy.command.OrganizationMother.MEMBER;
import static io.cairn.tenancy.command.OrganizationMother.ORG;
import static io.cairn.tenancy.command.OrganizationMother.OWNER;
import static io.cairn.tenancy.command.OrganizationMother.founded;
import static io.cairn.tenancy.command.OrganizationMother.withTeam;
import static io.cairn.tenancy.command.OrganizationMother.withTeamAnd;

import io.cairn.common.error.InvalidInputException;
import io.cairn.common.error.NotFoundException;
import io.cairn.tenancy.api.OrgRole;
import io.cairn.tenancy.api.OrganizationCommand.ApplySsoSignInCommand;
import io.cairn.tenancy.api.OrganizationCommand.ConfigureSsoCommand;
import io.cairn.tenancy.api.OrganizationCommand.RemoveSsoCommand;
import io.cairn.tenancy.api.OrganizationEvent.GroupMemberAddedEvent;
import io.cairn.tenancy.api.OrganizationEvent.GroupMemberRemovedEvent;
import io.cairn.tenancy.api.OrganizationEvent.MemberAddedEvent;
import io.cairn.tenancy.api.OrganizationEvent.MemberRoleChangedEvent;
import io.cairn.tenancy.api.OrganizationEvent.SsoConfiguredEvent;
import io.cairn.tenancy.api.OrganizationEvent.SsoRemovedEvent;
import io.cairn.tenancy.api.SsoClaimMapping;
import java.util.List;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The SSO command paths of {@link Organization}: settings and what a sign-in through them changes. */
class OrganizationSsoTest {

    private static final String ISSUER = "https://sso.example.com/realms/acme";
    private static final List<SsoClaimMapping> MAPPINGS = List.of(
            new SsoClaimMapping("groups", "cairn-admins", OrgRole.ADMIN, null),
            new SsoClaimMapping("groups", "ml-team", null, GROUP_ID));
    private static final SsoConfiguredEvent CONFIGURED = new SsoConfiguredEvent(ORG, ORG, ISSUER, "cairn",
            OrgRole.MEMBER, MAPPINGS, true);

    private AggregateTestFixture<Organization> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Organization.class);
    }

    @Test
    void configureSsoCommandRecordsTheSettingsWithMemberAsDefaultRole() {
        fixture.given(withTeam())
                .when(new ConfigureSsoCommand(ORG, ISSUER, " cairn ", null, MAPPINGS, true))
                .expectEvents(CONFIGURED);
    }

    @Test
    void configureSsoCommandWithPlainHttpIssuerIsRejected() {
        fixture.given(withTeam())
                .when(new ConfigureSsoCommand(ORG, "http://sso.example.com/realms/acme", "cairn", null, List.of(), true))
                .expectException(InvalidInputException.class)
                .expectNoEvents();
    }

    @Test
    void configureSsoCommandAcceptsHttpOnLoopback() {
        fixture.given(founded())
                .when(new ConfigureSsoCommand(ORG, "http://127.0.0.1:18180/realms/t", "cairn", OrgRole.AUDITOR,
                        List.of(), false))
                .expectEvents(new SsoConfiguredEvent(ORG, ORG, "http://127.0.0.1:18180/realms/t", "cairn",
                        OrgRole.AUDITOR, List.of(), false));
    }

    @Test
    void configureSsoCommandMappingToOwnerIsRejected() {
        fixture.given(withTeam())
                .when(new ConfigureSsoCommand(ORG, ISSUER, "cairn", null,
                        List.of(new SsoClaimMapping("groups", "x", OrgRole.OWNER, null)), true))
                .expectException(InvalidInputException.class)
                .expectNoEvents();
    }

    @Test
    void configureSsoCommandMappingToUnknownGroupIsRejected() {
        fixture.given(founded())
                .when(new ConfigureSsoCommand(ORG, ISSUER, "cairn", null, MAPPINGS, true))
                .expectException(InvalidInputException.class)
                .expectExceptionMessage("There is no group 'g-1' in this organization")
                .expectNoEvents();
    }

    @Test
    void removeSsoCommandRemovesTheSettings() {
        fixture.given(withTeamAnd(CONFIGURED))
                .when(new RemoveSsoCommand(ORG))
                .expectEvents(new SsoRemovedEvent(ORG, ORG));
    }

    @Test
    void removeSsoCommandWithoutSettingsIsNotFound() {
        fixture.given(withTeam())
                .when(new RemoveSsoCommand(ORG))
                .expectException(NotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void applySsoSignInCommandForNewUserAddsMemberAndMappedGroups() {
        fixture.given(withTeamAnd(CONFIGURED))
                .when(new ApplySsoSignInCommand(ORG, "carol", OrgRole.ADMIN, Set.of(GROUP_ID), Set.of(GROUP_ID)))
                .expectEvents(new MemberAddedEvent(ORG, ORG, "carol", OrgRole.ADMIN),
                        new GroupMemberAddedEvent(ORG, ORG, GROUP_ID, "carol"));
    }

    @Test
    void applySsoSignInCommandChangesTheRoleAndLeavesGroupsNoLongerMatched() {
        fixture.given(withTeamAnd(CONFIGURED))
                .when(new ApplySsoSignInCommand(ORG, MEMBER, OrgRole.AUDITOR, Set.of(), Set.of(GROUP_ID)))
                .expectEvents(new MemberRoleChangedEvent(ORG, ORG, MEMBER, OrgRole.AUDITOR),
                        new GroupMemberRemovedEvent(ORG, ORG, GROUP_ID, MEMBER));
    }

    @Test
    void applySsoSignInCommandWithNothingChangedHasNoEvents() {
        fixture.given(withTeamAnd(CONFIGURED))
                .when(new ApplySsoSignInCommand(ORG, MEMBER, OrgRole.MEMBER, Set.of(GROUP_ID), Set.of(GROUP_ID)))
                .expectNoEvents();
    }

    @Test
    void applySsoSignInCommandKeepsAnOwnerAndGroupsTheMappingDoesNotName() {
        fixture.given(withTeamAnd(CONFIGURED))
                .when(new ApplySsoSignInCommand(ORG, OWNER, OrgRole.MEMBER, Set.of(), Set.of()))
                .expectNoEvents();
    }

    @Test
    void applySsoSignInCommandNeverMakesAnOwner() {
        fixture.given(withTeamAnd(CONFIGURED))
                .when(new ApplySsoSignInCommand(ORG, "carol", OrgRole.OWNER, Set.of(), Set.of()))
                .expectException(InvalidInputException.class)
                .expectNoEvents();
    }
}
