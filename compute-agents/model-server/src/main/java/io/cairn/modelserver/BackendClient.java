package io.cairn.modelserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Fetches a model version through the backend's public API, as any client would: resolves the model (id or
 * name), the version (number, alias, or the latest), downloads the version's run artifact, and checks it
 * against the SHA-256 the registry recorded. The credential is a personal access token or a service
 * account's client id and secret (exchanged at {@code /oauth2/token} with the client-credentials grant).
 * Downloads are kept under {@code <workDir>/artifacts/<sha256>}; a restart with the same version reuses them.
 */
public final class BackendClient {

    /** A personal access token, or a service account's client id and secret. */
    public record Credentials(String token, String clientId, String clientSecret) {
    }

    /** Which version to serve: {@code version} or {@code alias}, else the model's latest version. */
    public record ModelRef(String model, Integer version, String alias) {
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL).build();
    private final String base;
    private final Credentials credentials;
    private final String organization;
    private String bearer;

    public BackendClient(String baseUrl, Credentials credentials, String organization) {
        this.base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.credentials = credentials;
        this.organization = organization;
    }

    public LoadedModel load(ModelRef ref, Path workDir) {
        try {
            JsonNode model = model(ref.model());
            String modelId = model.path("id").asText();
            JsonNode version = version(model, ref);
            String flavor = version.path("flavor").asText();
            Signature signature = Signature.fromJson(version.get("signature"));
            String sha256 = version.path("artifactSha256").asText();
            Path artifact = download(version.path("runId").asText(), version.path("artifactPath").asText(), sha256,
                    workDir);
            int number = version.path("version").asInt();
            ModelInfo info = new ModelInfo(modelId, model.path("name").asText(), number, flavor, sha256,
                    base + "/api/v1/models/" + modelId + "/versions/" + number);
            return new LoadedModel(info, signature, ModelLoader.scorer(flavor, artifact, sha256, signature, workDir));
        } catch (IOException e) {
            throw new ModelLoadException("Cannot fetch the model from " + base + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelLoadException("Interrupted while fetching the model", e);
        }
    }

    /** The model by id, else the one (not deleted) with that name. */
    private JsonNode model(String ref) throws IOException, InterruptedException {
        HttpResponse<String> byId = get("/api/v1/models/" + segment(ref));
        if (byId.statusCode() == 200) {
            return json.readTree(byId.body());
        }
        if (byId.statusCode() != 404) {
            throw failure("model '" + ref + "'", byId);
        }
        String pageToken = null;
        do {
            HttpResponse<String> page = get("/api/v1/models?maxResults=1000"
                    + (pageToken == null ? "" : "&pageToken=" + URLEncoder.encode(pageToken, StandardCharsets.UTF_8)));
            if (page.statusCode() != 200) {
                throw failure("the model list", page);
            }
            JsonNode body = json.readTree(page.body());
            for (JsonNode candidate : body.path("models")) {
                if (ref.equals(candidate.path("name").asText()) && !candidate.path("deleted").asBoolean()) {
                    return candidate;
                }
            }
            pageToken = body.hasNonNull("nextPageToken") ? body.get("nextPageToken").asText() : null;
        } while (pageToken != null);
        throw new ModelLoadException("No model with id or name '" + ref + "' in the organization");
    }

    private JsonNode version(JsonNode model, ModelRef ref) throws IOException, InterruptedException {
        String modelPath = "/api/v1/models/" + segment(model.path("id").asText());
        String path;
        if (ref.version() != null) {
            path = modelPath + "/versions/" + ref.version();
        } else if (ref.alias() != null) {
            path = modelPath + "/aliases/" + segment(ref.alias());
        } else {
            int latest = model.path("latestVersion").asInt();
            if (latest < 1) {
                throw new ModelLoadException("Model '" + model.path("name").asText() + "' has no versions");
            }
            path = modelPath + "/versions/" + latest;
        }
        HttpResponse<String> response = get(path);
        if (response.statusCode() != 200) {
            throw failure(ref.alias() != null ? "alias '" + ref.alias() + "'" : "the model version", response);
        }
        return json.readTree(response.body());
    }

    private Path download(String runId, String artifactPath, String sha256, Path workDir)
            throws IOException, InterruptedException {
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new ModelLoadException("The model version records no artifact digest");
        }
        Path directory = Files.createDirectories(workDir.resolve("artifacts"));
        Path target = directory.resolve(sha256);
        if (Files.isRegularFile(target) && sha256.equals(ArtifactFiles.sha256(target))) {
            return target;
        }
        String path = "/api/v1/runs/" + segment(runId) + "/artifacts/"
                + Stream.of(artifactPath.split("/")).map(BackendClient::segment).collect(Collectors.joining("/"));
        HttpResponse<InputStream> response = http.send(request(path).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            try (InputStream body = response.body()) {
                String text = new String(body.readNBytes(4096), StandardCharsets.UTF_8);
                throw new ModelLoadException("The backend answered " + response.statusCode() + " for artifact '"
                        + artifactPath + "' of run " + runId + detail(text));
            }
        }
        Path partial = Files.createTempFile(directory, sha256, ".partial");
        try {
            String actual;
            try (InputStream body = response.body()) {
                Files.delete(partial);
                actual = ArtifactFiles.copyWithDigest(body, partial);
            }
            if (!sha256.equals(actual)) {
                throw new ModelLoadException("The downloaded artifact's SHA-256 is " + actual + ", not the "
                        + sha256 + " the registry recorded; refusing to serve it");
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + bearer());
        if (organization != null) {
            builder.header("Cairn-Org", organization);
        }
        return builder;
    }

    private synchronized String bearer() throws IOException, InterruptedException {
        if (bearer != null) {
            return bearer;
        }
        if (credentials.token() != null) {
            bearer = credentials.token();
            return bearer;
        }
        if (credentials.clientId() == null || credentials.clientSecret() == null) {
            throw new ModelLoadException("No credential: give a token (CAIRN_TOKEN) or a client id and secret "
                    + "(CAIRN_CLIENT_ID, CAIRN_CLIENT_SECRET)");
        }
        String basic = Base64.getEncoder().encodeToString((credentials.clientId() + ":" + credentials.clientSecret())
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/oauth2/token"))
                .timeout(TIMEOUT)
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new ModelLoadException("The backend refused the client credentials (" + response.statusCode()
                    + ")" + detail(response.body()));
        }
        bearer = json.readTree(response.body()).path("access_token").asText(null);
        if (bearer == null) {
            throw new ModelLoadException("The token endpoint answered no access_token");
        }
        return bearer;
    }

    private ModelLoadException failure(String what, HttpResponse<String> response) {
        String reason = response.statusCode() == 401 ? " (the credential was refused)"
                : response.statusCode() == 404 ? " (not found)" : "";
        return new ModelLoadException("The backend answered " + response.statusCode() + " for " + what + reason
                + detail(response.body()));
    }

    private String detail(String body) {
        try {
            JsonNode problem = json.readTree(body);
            return problem != null && problem.hasNonNull("detail") ? ": " + problem.get("detail").asText() : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
