package io.cairn.modelserver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for the backend's registry and artifact endpoints, answering in the shapes docs/api.md gives:
 * {@code /oauth2/token} (client credentials), {@code /api/v1/models[/{id}]} (one model a page, to exercise
 * paging), {@code …/versions/{n}}, {@code …/aliases/{alias}} and {@code /api/v1/runs/{run}/artifacts/{path}}.
 * A request without an accepted bearer answers 401 problem+json.
 */
final class FakeBackend implements AutoCloseable {

    static final String PAT = "cairn_pat_model_server_test";
    static final String CLIENT_ID = "sa-model-server";
    static final String CLIENT_SECRET = "s3cret";
    static final String ACCESS_TOKEN = "jwt-for-the-service-account";

    final Map<String, ObjectNode> models = new ConcurrentHashMap<>();
    final Map<String, ObjectNode> versions = new ConcurrentHashMap<>();
    final Map<String, byte[]> artifacts = new ConcurrentHashMap<>();
    final List<String> requests = new CopyOnWriteArrayList<>();
    final List<String> organizations = new CopyOnWriteArrayList<>();
    private final HttpServer http;

    FakeBackend() throws IOException {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        http.createContext("/", this::handle);
        http.start();
    }

    String url() {
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    /** Registers model {@code id}/{@code name} with one version per artifact, its aliases pointing at versions. */
    void model(String id, String name, Map<String, Integer> aliases, ObjectNode... modelVersions) {
        ObjectNode model = HttpCalls.JSON.createObjectNode().put("id", id).put("name", name)
                .put("latestVersion", modelVersions.length).put("deleted", false);
        model.set("aliases", HttpCalls.JSON.valueToTree(aliases));
        models.put(id, model);
        for (ObjectNode version : modelVersions) {
            versions.put(id + "/" + version.get("version").asInt(), version);
        }
    }

    /** A version of a run artifact: the artifact's bytes are served at its path, {@code sha256} recorded. */
    ObjectNode version(int number, String runId, String path, byte[] content, String sha256, String flavor,
                       Signature signature) {
        artifacts.put(runId + "/" + path, content);
        ObjectNode version = HttpCalls.JSON.createObjectNode().put("version", number).put("runId", runId)
                .put("artifactPath", path).put("artifactSha256", sha256).put("artifactSize", content.length)
                .put("flavor", flavor);
        version.set("signature", HttpCalls.JSON.valueToTree(signature));
        return version;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = URLDecoder.decode(exchange.getRequestURI().getRawPath(), StandardCharsets.UTF_8);
        requests.add(exchange.getRequestMethod() + " " + path);
        try (exchange) {
            if (path.equals("/oauth2/token")) {
                token(exchange);
                return;
            }
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (!("Bearer " + PAT).equals(authorization) && !("Bearer " + ACCESS_TOKEN).equals(authorization)) {
                send(exchange, 401, "{\"status\":401,\"detail\":\"Unknown or revoked token\"}");
                return;
            }
            String org = exchange.getRequestHeaders().getFirst("Cairn-Org");
            if (org != null) {
                organizations.add(org);
            }
            route(exchange, path);
        }
    }

    private void route(HttpExchange exchange, String path) throws IOException {
        String[] parts = path.substring(1).split("/", -1);
        if (path.startsWith("/api/v1/runs/") && parts.length >= 6 && parts[4].equals("artifacts")) {
            String key = parts[3] + "/" + String.join("/", List.of(parts).subList(5, parts.length));
            byte[] content = artifacts.get(key);
            if (content == null) {
                notFound(exchange);
                return;
            }
            exchange.sendResponseHeaders(200, content.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(content);
            }
            return;
        }
        if (path.equals("/api/v1/models")) {
            String query = exchange.getRequestURI().getQuery();
            int page = query != null && query.contains("pageToken=")
                    ? Integer.parseInt(query.replaceAll(".*pageToken=", "")) : 0;
            List<ObjectNode> all = models.values().stream()
                    .sorted((a, b) -> a.get("name").asText().compareTo(b.get("name").asText())).toList();
            ObjectNode body = HttpCalls.JSON.createObjectNode();
            body.putArray("models").addAll(all.subList(page, Math.min(page + 1, all.size())));
            if (page + 1 < all.size()) {
                body.put("nextPageToken", String.valueOf(page + 1));
            }
            send(exchange, 200, body.toString());
            return;
        }
        ObjectNode model = parts.length >= 4 ? models.get(parts[3]) : null;
        if (model == null) {
            notFound(exchange);
            return;
        }
        if (parts.length == 4) {
            send(exchange, 200, model.toString());
            return;
        }
        ObjectNode version = null;
        if (parts.length == 6 && parts[4].equals("versions")) {
            version = versions.get(parts[3] + "/" + parts[5]);
        } else if (parts.length == 6 && parts[4].equals("aliases") && model.get("aliases").has(parts[5])) {
            version = versions.get(parts[3] + "/" + model.get("aliases").get(parts[5]).asInt());
        }
        if (version == null) {
            notFound(exchange);
            return;
        }
        send(exchange, 200, version.toString());
    }

    private void token(HttpExchange exchange) throws IOException {
        String expected = "Basic " + Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET)
                .getBytes(StandardCharsets.UTF_8));
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))
                || !body.equals("grant_type=client_credentials")) {
            send(exchange, 401, "{\"error\":\"invalid_client\"}");
            return;
        }
        send(exchange, 200, "{\"access_token\":\"" + ACCESS_TOKEN + "\",\"token_type\":\"Bearer\",\"expires_in\":300}");
    }

    private static void notFound(HttpExchange exchange) throws IOException {
        send(exchange, 404, "{\"status\":404,\"detail\":\"Not found\"}");
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type",
                status == 200 ? "application/json" : "application/problem+json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
