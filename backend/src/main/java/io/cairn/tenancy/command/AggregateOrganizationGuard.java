package io.cairn.tenancy.command;

import io.cairn.common.error.NotFoundException;
import io.cairn.tenancy.api.OrganizationGuard;
import java.util.function.Consumer;
import org.axonframework.config.Configuration;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/** Answers from the event-sourced {@link Organization} itself, so a just-added member or group is always seen. */
@Component
class AggregateOrganizationGuard implements OrganizationGuard {

    private final Configuration axon;

    AggregateOrganizationGuard(@Lazy Configuration axon) {
        this.axon = axon;
    }

    @Override
    public void requireMember(String orgId, String principalId) {
        check(orgId, organization -> organization.requireMember(principalId));
    }

    @Override
    public void requireGroup(String orgId, String groupId) {
        check(orgId, organization -> organization.requireGroupExists(groupId));
    }

    private void check(String orgId, Consumer<Organization> check) {
        try {
            axon.repository(Organization.class).load(orgId).execute(check);
        } catch (AggregateNotFoundException e) {
            throw new NotFoundException("Organization", orgId);
        }
    }
}
