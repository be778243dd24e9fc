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
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The part of Cairn's public API an agent with the kubernetes executor talks to, on a real local HTTP server:
 * {@code GET /me} (organization {@code org-1}), {@code GET /compute/targets/{id}} (the targets given to
 * {@link #target}), {@code POST /runs/{id}/logs} (the chunks are recorded as {@code stream:text}) and
 * {@code /runs/{id}/params}; and for a whole {@link io.cairn.agent.Agent}: registration (agent {@code agent-1}),
 * leases (those given to {@link #offer}, then 204), heartbeats (answering the runs given to {@link #cancel}) and
 * {@code …/complete} (recorded).
 */
final class FakeCairn implements AutoCloseable {

    static final String ORG = "org-1";

    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpServer server;
    private final Map<String, String> targets = new ConcurrentHashMap<>();
    private final List<String> logChunks = new CopyOnWriteArrayList<>();
    private final Queue<String> leases = new ConcurrentLinkedQueue<>();
    private final Set<String> cancelled = ConcurrentHashMap.newKeySet();
    private final List<JsonNode> completions = new CopyOnWriteArrayList<>();

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
            JsonNode body = json.readTree(exchange.getRequestBody().readAllBytes());
            if (!exchange.getRequestURI().getPath().endsWith("/logs")) {
                answer(exchange, 200, "{}");
                return;
            }
            logChunks.add(body.get("stream").asString() + ":" + body.get("text").asString());
            answer(exchange, 200, "{\"seq\":" + logChunks.size() + "}");
        });
        server.createContext("/api/v1/compute/agents", exchange -> {
            String path = exchange.getRequestURI().getPath();
            byte[] request = exchange.getRequestBody().readAllBytes();
            if (path.endsWith("/lease")) {
                String lease = leases.poll();
                if (lease == null) {
                    exchange.sendResponseHeaders(204, -1);
                    exchange.close();
                } else {
                    answer(exchange, 200, lease);
                }
            } else if (path.endsWith("/heartbeat")) {
                answer(exchange, 200, json.writeValueAsString(Map.of("cancel", List.copyOf(cancelled),
                        "leaseTtlSeconds", 3)));
            } else if (path.endsWith("/complete")) {
                completions.add(json.readTree(request));
                answer(exchange, 200, "{}");
            } else {
                answer(exchange, 201, "{\"id\":\"agent-1\"}");
            }
        });
        server.start();
    }

    /** A target with these settings, e.g. {@code {"namespace": "ml-jobs", "gpus": 2}}. */
    FakeCairn target(String id, String settings) {
        targets.put(id, "{\"id\":\"" + id + "\",\"kind\":\"kubernetes\",\"settings\":" + settings + "}");
        return this;
    }

    /** The next lease answer: attempt {@code attempt} of run {@code runId} on target {@code targetId}. */
    FakeCairn offer(String runId, String targetId, int attempt, String spec) {
        leases.add("{\"runId\":\"" + runId + "\",\"projectId\":\"p-1\",\"targetId\":\"" + targetId
                + "\",\"attempt\":" + attempt + ",\"leaseExpiresAt\":0,\"leaseTtlSeconds\":3,\"spec\":" + spec + "}");
        return this;
    }

    /** From now on heartbeats tell the agent to stop this run (killed through the API). */
    void cancel(String runId) {
        cancelled.add(runId);
    }

    /** The {@code …/complete} requests so far. */
    List<JsonNode> completions() {
        return completions;
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
