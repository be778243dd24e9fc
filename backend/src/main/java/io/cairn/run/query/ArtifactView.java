package io.cairn.run.query;

/** One artifact of a run: its path, content digest, size, media type and when it was logged (epoch ms). */
public record ArtifactView(String path, String sha256, long size, String contentType, long loggedTime) {
}
