package io.cairn.deployment.api;

/**
 * A model version as a deployment serves it: its number, the alias it was resolved from (null when the version
 * was named directly) and the SHA-256 of its artifact, pinned when it was deployed.
 */
public record ServedVersion(int version, String alias, String artifactSha256) {
}
