package io.cairn.agent;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Brings a dataset version's bytes to the agent. A version in Cairn is a URI and a digest
 * ({@code GET /datasets/{id}/versions/{versionId}}); the agent reads {@code http(s)} URIs (with its token when the
 * URI is on its own backend, e.g. a run artifact {@code …/api/v1/runs/{runId}/artifacts/iris.csv}, never elsewhere)
 * and {@code file} URIs (an agent on the machine holding the file), then checks the digest.
 */
public final class DatasetFetch {

    private static final Map<String, String> ALGORITHMS = Map.of("sha256", "SHA-256", "sha512", "SHA-512", "md5", "MD5");

    private DatasetFetch() {
    }

    /** Fetches the version into {@code target}; an unusable version is an {@link IllegalArgumentException}. */
    public static void fetch(CairnClient client, String versionId, Path target) throws IOException {
        int dot = versionId.lastIndexOf(".v");
        if (dot <= 0) {
            throw new IllegalArgumentException("'" + versionId + "' is not a dataset version id (<datasetId>.v<n>)");
        }
        CairnClient.Response answer = client.get("/api/v1/datasets/" + versionId.substring(0, dot) + "/versions/"
                + versionId);
        if (!answer.ok()) {
            throw new IllegalArgumentException("Dataset version " + versionId + ": the backend answered "
                    + answer.status());
        }
        JsonNode version = answer.body();
        URI uri = URI.create(version.path("uri").asString());
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("file")) {
            Files.copy(Path.of(uri), target, StandardCopyOption.REPLACE_EXISTING);
        } else if (scheme.equals("http") || scheme.equals("https")) {
            try {
                client.download(uri, target);
            } catch (CairnClient.ApiException e) {
                throw new IllegalArgumentException("Dataset version " + versionId + ": " + e.getMessage());
            }
        } else {
            throw new IllegalArgumentException("Dataset version " + versionId + " is at " + uri
                    + "; agents read http(s) and file URIs");
        }
        verify(versionId, version.path("digest").asString(""), target);
    }

    /** The file's digest with a JDK {@link MessageDigest} algorithm ({@code SHA-256}, …), in lower-case hex. */
    static String hex(String algorithm, Path file) throws IOException {
        MessageDigest hash;
        try {
            hash = MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[65_536];
            int read;
            while ((read = in.read(buffer)) > 0) {
                hash.update(buffer, 0, read);
            }
        }
        return HexFormat.of().formatHex(hash.digest());
    }

    static void verify(String versionId, String digest, Path file) throws IOException {
        int colon = digest.indexOf(':');
        String algorithm = colon < 0 ? null : ALGORITHMS.get(digest.substring(0, colon).toLowerCase(Locale.ROOT));
        if (algorithm == null) {
            throw new IllegalArgumentException("Dataset version " + versionId + " has digest '" + digest
                    + "'; expected sha256:, sha512: or md5:");
        }
        String actual = hex(algorithm, file);
        if (!actual.equalsIgnoreCase(digest.substring(colon + 1))) {
            throw new IllegalArgumentException("Dataset version " + versionId + ": the content's digest is "
                    + digest.substring(0, colon) + ":" + actual + ", not " + digest);
        }
    }
}
