package io.cairn.tenancy.web;

import io.cairn.common.error.InvalidInputException;
import io.cairn.tenancy.api.OrgRole;

/** An organization role as a client sends it: one of the role names exactly. */
public final class RoleInput {

    private RoleInput() {
    }

    public static OrgRole parse(String field, String value) {
        if (value != null) {
            for (OrgRole role : OrgRole.values()) {
                if (role.name().equals(value)) {
                    return role;
                }
            }
        }
        throw new InvalidInputException(field, field + " must be one of OWNER, ADMIN, MEMBER, AUDITOR");
    }
}
