package io.cairn.tenancy.api;

/** What other contexts may ask of an organization while handling their own commands. */
public interface OrganizationGuard {

    /**
     * Fails unless the principal is a member of the organization.
     *
     * @throws io.cairn.common.error.NotFoundException when it is not
     */
    void requireMember(String orgId, String principalId);

    /**
     * Fails unless the group exists in the organization.
     *
     * @throws io.cairn.common.error.NotFoundException when it does not
     */
    void requireGroup(String orgId, String groupId);
}
