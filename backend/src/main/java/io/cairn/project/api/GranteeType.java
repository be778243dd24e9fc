package io.cairn.project.api;

/** Who a project grant is for: one member of the organization, or every member of one of its groups. */
public enum GranteeType {
    USER,
    GROUP
}
