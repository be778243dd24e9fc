package io.cairn.tenancy.api;

/**
 * One rule of an organization's SSO mapping: when the identity provider's claim {@code claim} has the value
 * {@code value} (or, for a list claim, contains it), the user gets the organization role {@code role} or joins the
 * group {@code groupId} — exactly one of the two.
 */
public record SsoClaimMapping(String claim, String value, OrgRole role, String groupId) {
}
