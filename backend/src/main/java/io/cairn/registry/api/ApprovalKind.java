package io.cairn.registry.api;

/** The kinds of model change that wait for an approver. */
public enum ApprovalKind {
    /** A version moving to Production. */
    STAGE,
    /** A protected alias moving to a version. */
    ALIAS
}
