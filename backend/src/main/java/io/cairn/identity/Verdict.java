package io.cairn.identity;

import io.cairn.tenancy.CairnPrincipal;

/** The outcome of presenting a bearer credential for a request. */
public sealed interface Verdict {

    /** Authenticated, acting in {@code principal.tenantId()}. */
    record Valid(CairnPrincipal principal) implements Verdict {
    }

    /** Refused with 401; {@code reason} becomes the problem's detail. */
    record Invalid(String reason) implements Verdict {
    }

    /** The credential is fine but cannot act in the organization the request names (404, like any other id). */
    record UnknownOrganization(String org) implements Verdict {
    }
}
