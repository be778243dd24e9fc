package io.cairn.tenancy.command;

import static io.cairn.tenancy.command.OrganizationMother.MEMBER;
import static io.cairn.tenancy.command.OrganizationMother.ORG;
import static io.cairn.tenancy.command.OrganizationMother.OWNER;
import static io.cairn.tenancy.command.OrganizationMother.founded;
import static io.cairn.tenancy.command.OrganizationMother.withTeam;

import io.cairn.common.error.ConflictException;
import io.cairn.tenancy.api.OrgRole;
import io.cairn.tenancy.api.OrganizationCommand.EraseUserCommand;
import io.cairn.tenancy.api.OrganizationEvent.MemberAddedEvent;
import io.cairn.tenancy.api.OrganizationEvent.MemberRemovedEvent;
import io.cairn.tenancy.api.OrganizationEvent.UserErasedEvent;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The erasure path of {@link Organization}: a forgotten user leaves and the erasure is on record. */
class OrganizationErasureTest {

    private AggregateTestFixture<Organization> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Organization.class);
    }

    @Test
    void eraseUserCommandOnMemberRemovesThemAndRecordsTheErasure() {
        fixture.given(withTeam())
                .when(new EraseUserCommand(ORG, MEMBER))
                .expectEvents(new MemberRemovedEvent(ORG, ORG, MEMBER), new UserErasedEvent(ORG, ORG, MEMBER));
    }

    @Test
    void eraseUserCommandOnFormerMemberOnlyRecordsTheErasure() {
        List<Object> history = new ArrayList<>(List.of(founded()));
        history.add(new MemberRemovedEvent(ORG, ORG, MEMBER));
        fixture.given(history)
                .when(new EraseUserCommand(ORG, MEMBER))
                .expectEvents(new UserErasedEvent(ORG, ORG, MEMBER));
    }

    @Test
    void eraseUserCommandTwiceChangesNothing() {
        List<Object> history = new ArrayList<>(List.of(founded()));
        history.add(new MemberRemovedEvent(ORG, ORG, MEMBER));
        history.add(new UserErasedEvent(ORG, ORG, MEMBER));
        fixture.given(history)
                .when(new EraseUserCommand(ORG, MEMBER))
                .expectNoEvents();
    }

    @Test
    void eraseUserCommandOnOnlyOwnerIsRejected() {
        fixture.given(founded())
                .when(new EraseUserCommand(ORG, OWNER))
                .expectException(ConflictException.class)
                .expectExceptionMessage("An organization keeps at least one owner; make someone else owner first")
                .expectNoEvents();
    }

    @Test
    void eraseUserCommandOnOneOfTwoOwnersRemovesThem() {
        List<Object> history = new ArrayList<>(List.of(founded()));
        history.add(new MemberAddedEvent(ORG, ORG, "carol", OrgRole.OWNER));
        fixture.given(history)
                .when(new EraseUserCommand(ORG, OWNER))
                .expectEvents(new MemberRemovedEvent(ORG, ORG, OWNER), new UserErasedEvent(ORG, ORG, OWNER));
    }
}
