package io.cairn.modelserver;

/**
 * Which model version the server holds: registry ids when it came from the backend ({@code modelId},
 * {@code name}, {@code version}), null there in {@code --model-path} mode; always the flavor, the artifact's
 * SHA-256 and where it was read from.
 */
public record ModelInfo(String modelId, String name, Integer version, String flavor, String artifactSha256,
                        String source) {
}
