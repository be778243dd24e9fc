package io.cairn.identity;

import jakarta.servlet.http.HttpServletRequest;

/**
 * One kind of bearer credential: personal access tokens, JWTs of the embedded OpenID provider; an organization's
 * external identity provider would be one more. {@link AccessTokenFilter} asks each in turn.
 */
public interface BearerAuthenticator {

    /** Whether {@code token} looks like this kind of credential (a cheap test of its shape, no verification). */
    boolean accepts(String token);

    /**
     * Verifies the credential and resolves the organization the request acts in.
     *
     * @param requestedOrg the {@code Cairn-Org} header, or null
     */
    Verdict authenticate(String token, String requestedOrg, HttpServletRequest request);
}
