package io.cairn.run.api;

/** An artifact of a run as last logged at its path: content digest (SHA-256, hex) and size in bytes. */
public record RunArtifact(String runId, String projectId, String path, String sha256, long size) {
}
