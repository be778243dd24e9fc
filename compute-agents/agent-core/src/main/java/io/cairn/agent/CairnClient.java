package io.cairn.agent;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
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

    public Response post(String path, Object body) {
        return send("POST", path, body, true);
    }

    public Response get(String path) {
        return send("GET", path, null, true);
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

    private Response send(String method, String path, Object body, boolean retryUnauthorized) {
        HttpRequest.Builder request = HttpRequest.newBuilder(config.url().resolve(path))
                .timeout(TIMEOUT)
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + token());
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        }
        HttpResponse<String> response = exchange(request.build());
        if (response.statusCode() == 401 && retryUnauthorized && config.token() == null) {
            synchronized (this) {
                tokenExpiry = Instant.EPOCH;
            }
            return send(method, path, body, false);
        }
        String text = response.body();
        return new Response(response.statusCode(), text == null || text.isBlank() ? null : json.readTree(text));
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
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
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
