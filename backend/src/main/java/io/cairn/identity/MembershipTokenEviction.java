package io.cairn.identity;

import io.cairn.tenancy.api.OrganizationEvent.MemberRemovedEvent;
import io.cairn.tenancy.api.OrganizationEvent.MemberRoleChangedEvent;
import io.cairn.tenancy.api.OrganizationEvent.UserErasedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.stereotype.Component;

/**
 * Drops the verified tokens {@link AccessTokenService} keeps in memory when a membership they carry changes. It is
 * part of the {@code organizations} processing group, so it handles each event in the same transaction as the
 * {@code org_members} row it changes, and the tokens are dropped again once that transaction has committed.
 */
@Component
@ProcessingGroup("organizations")
class MembershipTokenEviction {

    private final AccessTokenService tokens;

    MembershipTokenEviction(AccessTokenService tokens) {
        this.tokens = tokens;
    }

    @EventHandler
    void on(MemberRoleChangedEvent event) {
        tokens.forgetVerifiedTokens();
    }

    @EventHandler
    void on(MemberRemovedEvent event) {
        tokens.forgetVerifiedTokens();
    }

    @EventHandler
    void on(UserErasedEvent event) {
        tokens.forgetVerifiedTokens();
    }

    @ResetHandler
    void reset() {
        tokens.forgetVerifiedTokens();
    }
}
