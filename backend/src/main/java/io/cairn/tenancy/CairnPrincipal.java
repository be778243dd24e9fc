package io.cairn.tenancy;

/**
 * Who is calling, resolved once per request from the credential.
 *
 * @param principalId   stable id of the user or service account (never an email or a name)
 * @param tenantId      the one organization this request acts in
 * @param platformAdmin may run platform administration (projection replays, later: create organizations)
 */
public record CairnPrincipal(String principalId, String tenantId, boolean platformAdmin) {
}
