package io.cairn.modelserver;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The HTTP face of one model version, on the JDK's HTTP server. It listens at once and loads the model in the
 * background: liveness answers from the start, readiness and scoring once the model is loaded.
 *
 * <ul>
 *   <li>{@code POST /v1/score} — rows in, predictions out ({@link ScoringRequest});</li>
 *   <li>{@code GET /v1/model} — the model version, its signature and the limits;</li>
 *   <li>{@code GET /health/live}, {@code GET /health/ready};</li>
 *   <li>{@code GET /v1/stats} (JSON) and {@code GET /metrics} (Prometheus text).</li>
 * </ul>
 * Every refusal is {@code application/problem+json}.
 */
public final class ModelServer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ModelServer.class.getName());
    private static final String JSON = "application/json";
    private static final String PROBLEM_JSON = "application/problem+json";

    static {
        // The JDK server writes headers and body separately; with Nagle's algorithm on, each response then
        // waits for the client's delayed ACK (~40 ms). Read once, when the first HttpServer is created.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final ObjectMapper json = new ObjectMapper();
    private final ServerConfig config;
    private final HttpServer http;
    private final ExecutorService workers;
    private final ScoringMetrics metrics = new ScoringMetrics();
    private final CompletableFuture<LoadedModel> model;

    private ModelServer(ServerConfig config, Supplier<LoadedModel> loader) throws IOException {
        this.config = config;
        this.http = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 128);
        this.workers = Executors.newFixedThreadPool(config.threads(), daemonThreads("model-server-http"));
        http.setExecutor(workers);
        http.createContext("/", this::handle);
        ExecutorService loading = Executors.newSingleThreadExecutor(daemonThreads("model-server-load"));
        this.model = CompletableFuture.supplyAsync(loader, loading);
        loading.shutdown();
        model.whenComplete((loaded, failure) -> {
            if (failure != null) {
                LOG.log(Level.SEVERE, "The model did not load: " + reason(failure));
            } else {
                LOG.info("Serving " + describe(loaded.info()) + " on " + config.host() + ":" + port());
            }
        });
        http.start();
    }

    /** Starts listening and loads the model with {@code loader} in the background. */
    public static ModelServer start(ServerConfig config, Supplier<LoadedModel> loader) throws IOException {
        return new ModelServer(config, loader);
    }

    public int port() {
        return http.getAddress().getPort();
    }

    /** Waits for the model; throws the {@link ModelLoadException} when it did not load. */
    public LoadedModel awaitReady(Duration timeout) throws InterruptedException, TimeoutException {
        try {
            return model.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException) {
                throw (RuntimeException) e.getCause();
            }
            throw new ModelLoadException(reason(e), e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        try {
            switch (path) {
                case "/v1/score":
                    requireMethod(exchange, "POST");
                    score(exchange);
                    return;
                case "/v1/model":
                    requireMethod(exchange, "GET");
                    send(exchange, 200, JSON, metadata(ready()));
                    return;
                case "/health/live":
                    requireMethod(exchange, "GET");
                    send(exchange, 200, JSON, Map.of("status", "UP"));
                    return;
                case "/health/ready":
                    requireMethod(exchange, "GET");
                    readiness(exchange);
                    return;
                case "/v1/stats":
                    requireMethod(exchange, "GET");
                    send(exchange, 200, JSON, metrics.snapshot());
                    return;
                case "/metrics":
                    requireMethod(exchange, "GET");
                    sendText(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.prometheus());
                    return;
                default:
                    throw new ProblemException(404, null, "No resource " + method + " " + path);
            }
        } catch (ProblemException e) {
            problem(exchange, e.status(), e.field(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Failed " + method + " " + path, e);
            problem(exchange, 500, null, "The server failed on this request");
        } finally {
            exchange.close();
        }
    }

    private void score(HttpExchange exchange) throws IOException {
        long start = System.nanoTime();
        int status = 500;
        int rows = 0;
        try {
            LoadedModel loaded = ready();
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            if (contentType != null && !contentType.toLowerCase().contains("json")) {
                throw new ProblemException(415, null, "Send application/json; got " + contentType);
            }
            JsonNode body = readJson(exchange);
            ScoringRequest request = ScoringRequest.parse(body, loaded.signature(), config.maxRows());
            List<Map<String, Object>> predictions;
            try {
                predictions = loaded.scorer().score(request);
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "Scoring failed", e);
                throw new ProblemException(500, null, "The model failed to score these rows: " + e.getMessage());
            }
            rows = request.size();
            Map<String, Object> response = new LinkedHashMap<>();
            response.put("model", identity(loaded.info()));
            response.put("predictions", predictions);
            status = 200;
            send(exchange, status, JSON, response);
        } catch (ProblemException e) {
            status = e.status();
            throw e;
        } finally {
            metrics.record(status, rows, System.nanoTime() - start);
        }
    }

    private JsonNode readJson(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = readAtMost(in, config.maxBodyBytes());
        }
        if (body == null) {
            throw new ProblemException(413, null, "The body exceeds " + config.maxBodyBytes() + " bytes");
        }
        try {
            return json.readTree(body);
        } catch (JacksonException e) {
            throw ProblemException.badRequest(null, "Malformed JSON: " + e.getOriginalMessage());
        }
    }

    /** The whole stream, or null when it is longer than {@code limit}. */
    private static byte[] readAtMost(InputStream in, long limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[16384];
        long total = 0;
        int read;
        while ((read = in.read(buffer)) != -1) {
            total += read;
            if (total > limit) {
                return null;
            }
            out.write(buffer, 0, read);
        }
        return out.toByteArray();
    }

    private void readiness(HttpExchange exchange) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        if (!model.isDone()) {
            body.put("status", "LOADING");
            send(exchange, 503, JSON, body);
        } else if (model.isCompletedExceptionally()) {
            body.put("status", "FAILED");
            body.put("reason", reason(model.handle((m, e) -> e).join()));
            send(exchange, 503, JSON, body);
        } else {
            body.put("status", "READY");
            body.put("model", identity(model.join().info()));
            send(exchange, 200, JSON, body);
        }
    }

    private LoadedModel ready() {
        if (!model.isDone()) {
            throw new ProblemException(503, null, "The model is still loading");
        }
        if (model.isCompletedExceptionally()) {
            throw new ProblemException(503, null, "The model did not load: "
                    + reason(model.handle((m, e) -> e).join()));
        }
        return model.join();
    }

    private Map<String, Object> metadata(LoadedModel loaded) {
        Map<String, Object> body = new LinkedHashMap<>(identity(loaded.info()));
        body.put("artifactSha256", loaded.info().artifactSha256());
        body.put("source", loaded.info().source());
        body.put("signature", loaded.signature());
        body.put("outputs", loaded.scorer().outputs());
        body.put("maxRows", config.maxRows());
        body.put("maxBodyBytes", config.maxBodyBytes());
        return body;
    }

    private static Map<String, Object> identity(ModelInfo info) {
        Map<String, Object> identity = new LinkedHashMap<>();
        identity.put("modelId", info.modelId());
        identity.put("name", info.name());
        identity.put("version", info.version());
        identity.put("flavor", info.flavor());
        return identity;
    }

    private static String describe(ModelInfo info) {
        return (info.name() == null ? info.source() : info.name() + " v" + info.version()) + " (" + info.flavor()
                + ", sha256 " + info.artifactSha256() + ")";
    }

    private static String reason(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof java.util.concurrent.CompletionException
                || cause instanceof java.util.concurrent.ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    private static void requireMethod(HttpExchange exchange, String method) {
        if (!exchange.getRequestMethod().equals(method)) {
            exchange.getResponseHeaders().set("Allow", method);
            throw new ProblemException(405, null, exchange.getRequestMethod() + " is not allowed here; use " + method);
        }
    }

    private void problem(HttpExchange exchange, int status, String field, String detail) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "https://cairn.dev/problems/" + slug(status));
        body.put("title", title(status));
        body.put("status", status);
        body.put("detail", detail);
        if (field != null) {
            body.put("field", field);
        }
        body.put("instance", exchange.getRequestURI().getPath());
        send(exchange, status, PROBLEM_JSON, body);
    }

    private static String title(int status) {
        switch (status) {
            case 400:
                return "Bad Request";
            case 404:
                return "Not Found";
            case 405:
                return "Method Not Allowed";
            case 413:
                return "Content Too Large";
            case 415:
                return "Unsupported Media Type";
            case 503:
                return "Service Unavailable";
            default:
                return "Internal Server Error";
        }
    }

    private static String slug(int status) {
        return title(status).toLowerCase().replace(' ', '-');
    }

    private void send(HttpExchange exchange, int status, String contentType, Object body) throws IOException {
        sendBytes(exchange, status, contentType, json.writeValueAsBytes(body));
    }

    private static void sendText(HttpExchange exchange, int status, String contentType, String body)
            throws IOException {
        sendBytes(exchange, status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void sendBytes(HttpExchange exchange, int status, String contentType, byte[] bytes)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static java.util.concurrent.ThreadFactory daemonThreads(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Stops listening (in-flight requests get a second) and closes the model. */
    @Override
    public void close() {
        http.stop(1);
        workers.shutdownNow();
        model.thenAccept(loaded -> loaded.scorer().close());
    }
}
