package io.cairn.identity;

/**
 * Someone signed in at the embedded provider's session — with a password ({@code LocalUser}) or through their
 * organization's SSO ({@code SsoUser}): the provider issues tokens for {@link #principalId()}.
 */
public interface SignedInUser {

    /** The stable principal id, the subject of Cairn's tokens. */
    String principalId();

    /** The name to greet the user with ({@code preferred_username} of Cairn's ID tokens). */
    String displayUsername();
}
