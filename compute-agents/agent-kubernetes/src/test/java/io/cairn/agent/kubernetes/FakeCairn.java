package io.cairn.agent.kubernetes;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cairn.agent.AgentConfig;
import io.cairn.agent.CairnClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The part of Cairn's public API the kubernetes executor talks to, on a real local HTTP server: {@code GET /me}
 * (organization {@code org-1}), {@code GET /compute/targets/{id}} (the targets given to {@link #target}) and
 * {@code POST /runs/{id}/logs} (the chunks are recorded as {@code stream:text}).
 */
final class FakeCairn implements AutoCloseable {

    static final String ORG = "org-1";

    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpServer server;
    private final Map<String, String> targets = new ConcurrentHashMap<>();
    private final List<String> logChunks = new CopyOnWriteArrayList<>();

    FakeCairn() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/me", exchange -> answer(exchange, 200,
                "{\"principalId\":\"sa-1\",\"organization\":\"" + ORG + "\",\"role\":\"MEMBER\"}"));
        server.createContext("/api/v1/compute/targets/", exchange -> {
            String id = exchange.getRequestURI().getPath().substring("/api/v1/compute/targets/".length());
            String target = targets.get(id);
            answer(exchange, target == null ? 404 : 200, target == null ? "{\"title\":\"Not Found\"}" : target);
        });
        server.createContext("/api/v1/runs/", exchange -> {
            JsonNode chunk = json.readTree(exchange.getRequestBody().readAllBytes());
            logChunks.add(chunk.get("stream").asString() + ":" + chunk.get("text").asString());
            answer(exchange, 200, "{\"seq\":" + logChunks.size() + "}");
        });
        server.start();
    }

    /** A target with these settings, e.g. {@code {"namespace": "ml-jobs", "gpus": 2}}. */
    FakeCairn target(String id, String settings) {
        targets.put(id, "{\"id\":\"" + id + "\",\"kind\":\"kubernetes\",\"settings\":" + settings + "}");
        return this;
    }

    /** The agent's configuration against this server, with these extra options ({@code --kube-…=…}). */
    AgentConfig config(String... options) {
        List<String> args = new ArrayList<>(List.of("--url=http://127.0.0.1:" + server.getAddress().getPort(),
                "--targets=t", "--token-file=/dev/null"));
        args.addAll(List.of(options));
        return AgentConfig.from(args.toArray(String[]::new), Map.of());
    }

    CairnClient client(AgentConfig config) {
        return new CairnClient(config);
    }

    /** The log chunks shipped so far, each {@code stream:text}, joined. */
    String logs() {
        return String.join("", logChunks);
    }

    /** The text of the {@code stdout} chunks shipped so far. */
    String stdout() {
        StringBuilder text = new StringBuilder();
        logChunks.stream().filter(chunk -> chunk.startsWith("stdout:"))
                .forEach(chunk -> text.append(chunk, "stdout:".length(), chunk.length()));
        return text.toString();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
