package io.cairn.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client for tests: real requests against the running application. */
public final class Api {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;
    private final String token;
    private final Map<String, String> headers;

    public Api(int port, String token) {
        this("http://127.0.0.1:" + port, token, Map.of());
    }

    private Api(String base, String token, Map<String, String> headers) {
        this.base = base;
        this.token = token;
        this.headers = headers;
    }

    /** The same client sending one more header on every request. */
    public Api withHeader(String name, String value) {
        var more = new java.util.HashMap<>(headers);
        more.put(name, value);
        return new Api(base, token, more);
    }

    /** The bearer token this client sends, or null (for clients such as MLflow's that take the token themselves). */
    public String token() {
        return token;
    }

    public Api withToken(String otherToken) {
        return new Api(base, otherToken, headers);
    }

    public Response get(String path) {
        return send(request(path).GET());
    }

    public Response post(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json").POST(body(body)));
    }

    public Response postRaw(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** A POST of {@code body} as {@code contentType}, e.g. to check that a JSON endpoint refuses other media types. */
    public Response postAs(String path, String contentType, String body) {
        return send(request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Response patch(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json").method("PATCH", body(body)));
    }

    public Response putJson(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json").PUT(body(body)));
    }

    public Response delete(String path) {
        return send(request(path).DELETE());
    }

    public Response put(String path, byte[] content) {
        return put(path, HttpRequest.BodyPublishers.ofByteArray(content));
    }

    /** A raw upload, sent as application/octet-stream unless this client names another Content-Type. */
    public Response put(String path, HttpRequest.BodyPublisher content) {
        HttpRequest.Builder builder = request(path);
        if (!headers.containsKey("Content-Type")) {
            builder.header("Content-Type", "application/octet-stream");
        }
        return send(builder.PUT(content));
    }

    public HttpResponse<byte[]> download(String path) {
        try {
            return CLIENT.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        headers.forEach(builder::header);
        return builder;
    }

    private static HttpRequest.BodyPublisher body(Object body) {
        return HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body));
    }

    private static Response send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body(), response.headers().firstValue("WWW-Authenticate").orElse(null),
                    response.headers().map());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A response with its body parsed lazily. */
    public record Response(int status, String contentType, String text, String wwwAuthenticate,
                           Map<String, List<String>> headers) {

        /** The first value of a response header (names ignore case), or null. */
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        public JsonNode json() {
            return JSON.readTree(text);
        }

        public String get(String pointer) {
            JsonNode node = json().at(pointer);
            return node.isMissingNode() || node.isNull() ? null : node.asString();
        }

        public boolean isProblem() {
            return contentType.startsWith("application/problem+json");
        }
    }
}
