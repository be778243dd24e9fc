package io.cairn.tenancy.command;

import io.cairn.tenancy.api.OrgRole;
import io.cairn.tenancy.api.OrganizationEvent.GroupCreatedEvent;
import io.cairn.tenancy.api.OrganizationEvent.GroupMemberAddedEvent;
import io.cairn.tenancy.api.OrganizationEvent.MemberAddedEvent;
import io.cairn.tenancy.api.OrganizationEvent.OrganizationCreatedEvent;
import java.util.ArrayList;
import java.util.List;

/** Test data for the tenancy context: organization "acme" owned by alice, with member bob. */
public final class OrganizationMother {

    public static final String ORG = "acme";
    public static final String OWNER = "alice";
    public static final String MEMBER = "bob";
    public static final String GROUP_ID = "g-1";

    private OrganizationMother() {
    }

    /** The organization as created, with its owner and one member. */
    public static Object[] founded() {
        return new Object[] {
                new OrganizationCreatedEvent(ORG, ORG, "Acme"),
                new MemberAddedEvent(ORG, ORG, OWNER, OrgRole.OWNER),
                new MemberAddedEvent(ORG, ORG, MEMBER, OrgRole.MEMBER)};
    }

    /** {@link #founded()} plus group {@link #GROUP_ID} "ml-team" holding bob. */
    public static Object[] withTeam() {
        return new Object[] {
                new OrganizationCreatedEvent(ORG, ORG, "Acme"),
                new MemberAddedEvent(ORG, ORG, OWNER, OrgRole.OWNER),
                new MemberAddedEvent(ORG, ORG, MEMBER, OrgRole.MEMBER),
                groupCreated(GROUP_ID, "ml-team"),
                new GroupMemberAddedEvent(ORG, ORG, GROUP_ID, MEMBER)};
    }

    /** {@link #withTeam()} followed by {@code more}. */
    public static List<Object> withTeamAnd(Object... more) {
        List<Object> events = new ArrayList<>(List.of(withTeam()));
        events.addAll(List.of(more));
        return events;
    }

    public static GroupCreatedEvent groupCreated(String groupId, String name) {
        return new GroupCreatedEvent(ORG, ORG, groupId, name);
    }
}
