package io.cairn.project.api;

/**
 * What a grant on a project allows, each role including the ones before it: VIEWER reads the project and
 * its runs; EDITOR also writes runs (params, metrics, artifacts, tags, inputs) and project tags; MANAGER also
 * renames, describes, archives and restores the project and manages its grants.
 */
public enum ProjectRole {
    VIEWER,
    EDITOR,
    MANAGER;

    public boolean includes(ProjectRole other) {
        return compareTo(other) >= 0;
    }

    /** The stronger of two roles; null counts as no role. */
    public static ProjectRole strongest(ProjectRole a, ProjectRole b) {
        if (a == null) {
            return b;
        }
        return b == null || a.includes(b) ? a : b;
    }
}
