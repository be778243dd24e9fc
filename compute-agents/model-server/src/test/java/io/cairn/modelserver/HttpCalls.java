package io.cairn.modelserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A small HTTP client for the model server under test. */
final class HttpCalls {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    record Response(int status, String contentType, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("Not JSON: " + body, e);
            }
        }
    }

    private final String base;

    HttpCalls(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    Response post(String path, Object body) {
        try {
            String text = body instanceof String ? (String) body : JSON.writeValueAsString(body);
            return send(HttpRequest.newBuilder(URI.create(base + path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(text)));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    Response score(Object body) {
        return post("/v1/score", body);
    }

    Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A 400-family problem+json naming {@code field} (null: none) with a detail containing {@code detail}. */
    static void assertProblem(Response response, int status, String field, String detail) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        if (field == null) {
            assertThat(problem.has("field")).as(response.body()).isFalse();
        } else {
            assertThat(problem.path("field").asText()).as(response.body()).isEqualTo(field);
        }
        assertThat(problem.path("detail").asText()).contains(detail);
    }

    static Map<String, Object> rows(Object rows) {
        return Map.of("rows", rows);
    }
}
