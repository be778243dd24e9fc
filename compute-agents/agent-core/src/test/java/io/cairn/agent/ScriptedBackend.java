package io.cairn.agent;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP server on 127.0.0.1 standing in for the backend's endpoint at one path: each request is answered with
 * the next scripted status (200 once none is left) and handed to the test, and {@link #client} talks to it.
 */
final class ScriptedBackend implements AutoCloseable {

    /** One request as received, with the status it was answered with. */
    record Request(int status, String idempotencyKey, JsonNode body) {
    }

    interface Listener {
        void received(Request request);
    }

    private final JsonMapper json = JsonMapper.builder().build();
    private final Queue<Integer> statuses = new ArrayDeque<>();
    private final HttpServer server;
    private final CairnClient client;

    ScriptedBackend(String path, String okBody, Listener listener) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(path, exchange -> {
            Integer scripted;
            synchronized (statuses) {
                scripted = statuses.poll();
            }
            int status = scripted == null ? 200 : scripted;
            listener.received(new Request(status, exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                    json.readTree(exchange.getRequestBody().readAllBytes())));
            byte[] body = (status == 200 ? okBody : "{\"title\":\"scripted\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        client = new CairnClient(AgentConfig.from(new String[] {"--url=http://127.0.0.1:" + server.getAddress().getPort(),
                "--targets=t", "--token-file=/dev/null"}, Map.of()));
    }

    CairnClient client() {
        return client;
    }

    /** The statuses of the next requests, in order. */
    void answer(Integer... next) {
        synchronized (statuses) {
            statuses.addAll(List.of(next));
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
