package io.cairn.tenancy;

import io.cairn.tenancy.api.OrgRole;

/**
 * Who is calling, resolved once per request from the credential.
 *
 * @param principalId   stable id of the user or service account (never an email or a name)
 * @param tenantId      the one organization this request acts in
 * @param platformAdmin may run platform administration (create organizations, replay projections)
 * @param role          the principal's role in that organization
 */
public record CairnPrincipal(String principalId, String tenantId, boolean platformAdmin, OrgRole role) {
}
