package io.cairn.agent;

import java.io.IOException;
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
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The backend's public API as the agent uses it: JSON over HTTP with a bearer token, fetched with OAuth2 client
 * credentials and fetched again shortly before it expires (or when the backend answers 401).
 */
public class CairnClient {

    /** An answer: status and JSON body (null when empty). */
    public record Response(int status, JsonNode body) {

        public boolean ok() {
            return status / 100 == 2;
        }
    }

    /** The backend answered what the agent did not expect. */
    public static class ApiException extends RuntimeException {

        private final int status;

        public ApiException(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Duration REFRESH_MARGIN = Duration.ofSeconds(60);

    private final AgentConfig config;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private String token;
    private Instant tokenExpiry = Instant.EPOCH;

    public CairnClient(AgentConfig config) {
        this.config = config;
    }

    public JsonMapper json() {
        return json;
    }

    /** The backend ({@code --url}). */
    public URI url() {
        return config.url();
    }

    public Response post(String path, Object body) {
        return send("POST", path, body, Map.of());
    }

    /** POST with these extra request headers (e.g. {@code Idempotency-Key}). */
    public Response post(String path, Object body, Map<String, String> headers) {
        return send("POST", path, body, headers);
    }

    public Response get(String path) {
        return send("GET", path, null, Map.of());
    }

    /** POST that must succeed. */
    public JsonNode postOk(String path, Object body) {
        Response response = post(path, body);
        if (!response.ok()) {
            throw new ApiException(response.status(), "POST " + path + " answered " + response.status() + ": "
                    + response.body());
        }
        return response.body();
    }

    /** Uploads a file as raw bytes (e.g. {@code PUT /api/v1/runs/{id}/artifacts/{path}}); it must succeed. */
    public JsonNode putFile(String path, Path file) {
        HttpRequest.BodyPublisher bytes;
        try {
            bytes = HttpRequest.BodyPublishers.ofFile(file);
        } catch (java.io.FileNotFoundException e) {
            throw new ApiException(0, "Cannot read " + file + ": " + e.getMessage());
        }
        HttpResponse<String> response = exchangeAuthorized(() -> HttpRequest.newBuilder(config.url().resolve(path))
                .timeout(Duration.ofMinutes(10))
                .header("Accept", "application/json")
                .header("Content-Type", "application/octet-stream")
                .PUT(bytes), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new ApiException(response.statusCode(), "PUT " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        String text = response.body();
        return text == null || text.isBlank() ? null : json.readTree(text);
    }

    /**
     * Downloads {@code uri} to {@code target} (replacing it); it must answer 200. The agent's token goes only to
     * the agent's own backend (a URI under {@link AgentConfig#url}), never elsewhere.
     */
    public void download(URI uri, Path target) {
        boolean ours = uri.toString().startsWith(config.url() + "/");
        Path partial = target.resolveSibling(target.getFileName() + ".part");
        HttpResponse<Path> response;
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            HttpResponse.BodyHandler<Path> toFile = HttpResponse.BodyHandlers.ofFile(partial);
            if (ours) {
                response = exchangeAuthorized(() -> HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(10)).GET(),
                        toFile);
            } else {
                response = exchange(HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(10)).GET().build(), toFile);
            }
            if (response.statusCode() != 200) {
                throw new ApiException(response.statusCode(), "GET " + uri + " answered " + response.statusCode());
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new ApiException(0, "Cannot store " + uri + " in " + target + ": " + e.getMessage());
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // a leftover partial file is replaced by the next download
            }
        }
    }

    /** A request with the bearer token, sent again with a fresh token once when the backend answers 401. */
    private <T> HttpResponse<T> exchangeAuthorized(RequestFactory request, HttpResponse.BodyHandler<T> handler) {
        HttpResponse<T> response = exchange(request.create().header("Authorization", "Bearer " + token()).build(),
                handler);
        if (response.statusCode() == 401 && config.token() == null) {
            synchronized (this) {
                tokenExpiry = Instant.EPOCH;
            }
            response = exchange(request.create().header("Authorization", "Bearer " + token()).build(), handler);
        }
        return response;
    }

    private interface RequestFactory {
        HttpRequest.Builder create();
    }

    private Response send(String method, String path, Object body, Map<String, String> headers) {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body));
        HttpResponse<String> response = exchangeAuthorized(() -> {
            HttpRequest.Builder request = HttpRequest.newBuilder(config.url().resolve(path))
                    .timeout(TIMEOUT)
                    .header("Accept", "application/json")
                    .method(method, publisher);
            headers.forEach(request::header);
            return body == null ? request : request.header("Content-Type", "application/json");
        }, HttpResponse.BodyHandlers.ofString());
        String text = response.body();
        return new Response(response.statusCode(), text == null || text.isBlank() ? null : json.readTree(text));
    }

    /**
     * What a run's own process needs to report to its run: the backend's URL and a bearer token, for Cairn's API
     * ({@code CAIRN_URL}, {@code CAIRN_TOKEN}, and {@code CAIRN_TRACKING_URI}/{@code CAIRN_TRACKING_TOKEN} as the
     * kubernetes executor names them) and for MLflow clients ({@code MLFLOW_TRACKING_URI}: Cairn serves MLflow's
     * REST API under {@code /api/2.0/mlflow} of the same URL, {@code MLFLOW_TRACKING_TOKEN}, {@code MLFLOW_RUN_ID}).
     * The token is the lease's {@code runToken}: the backend issues it for the attempt, acting as the run's submitter,
     * and revokes it when the attempt ends. Never the agent's own credentials, which may reach further (the local
     * agent's service account is an organization ADMIN); without a run token the token variables are not set.
     */
    public Map<String, String> trackingEnvironment(String runId, String runToken) {
        String url = config.url().toString();
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("CAIRN_URL", url);
        environment.put("CAIRN_TRACKING_URI", url);
        environment.put("CAIRN_RUN_ID", runId);
        environment.put("MLFLOW_TRACKING_URI", url);
        environment.put("MLFLOW_RUN_ID", runId);
        if (runToken != null) {
            environment.put("CAIRN_TOKEN", runToken);
            environment.put("CAIRN_TRACKING_TOKEN", runToken);
            environment.put("MLFLOW_TRACKING_TOKEN", runToken);
        }
        return environment;
    }

    private synchronized String token() {
        if (config.token() != null) {
            return config.token();
        }
        if (Instant.now().isAfter(tokenExpiry.minus(REFRESH_MARGIN))) {
            String basic = Base64.getEncoder().encodeToString((enc(config.clientId()) + ":" + enc(config.clientSecret()))
                    .getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> response = exchange(HttpRequest.newBuilder(config.url().resolve("/oauth2/token"))
                    .timeout(TIMEOUT)
                    .header("Authorization", "Basic " + basic)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                    .build());
            if (response.statusCode() != 200) {
                throw new ApiException(response.statusCode(), "The token request was refused: " + response.statusCode());
            }
            JsonNode answer = json.readTree(response.body());
            token = answer.get("access_token").asString();
            tokenExpiry = Instant.now().plusSeconds(answer.path("expires_in").asLong(300));
        }
        return token;
    }

    private HttpResponse<String> exchange(HttpRequest request) {
        return exchange(request, HttpResponse.BodyHandlers.ofString());
    }

    private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (IOException e) {
            throw new ApiException(0, "Cannot reach " + request.uri() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(0, "Interrupted");
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
