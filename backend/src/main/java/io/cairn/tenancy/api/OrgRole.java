package io.cairn.tenancy.api;

/**
 * Roles in an organization. OWNER and ADMIN administer it and see every project; MEMBER tracks
 * experiments; AUDITOR reads everything, including the audit log, and changes nothing.
 */
public enum OrgRole {
    OWNER,
    ADMIN,
    MEMBER,
    AUDITOR;

    public boolean administers() {
        return this == OWNER || this == ADMIN;
    }

    public boolean writes() {
        return this != AUDITOR;
    }

    public boolean readsAudit() {
        return this != MEMBER;
    }
}
