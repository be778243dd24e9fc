package io.cairn.run.api;

/**
 * The code a run executed: a git repository and commit, whether the working tree had uncommitted changes,
 * and optionally the SHA-256 of a source archive logged as an artifact.
 */
public record SourceSnapshot(String gitRepo, String gitCommit, Boolean dirty, String archiveDigest) {
}
