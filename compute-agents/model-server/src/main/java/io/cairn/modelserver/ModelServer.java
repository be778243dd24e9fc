package io.cairn.modelserver;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The HTTP face of one model version, on Jetty's core server (a plain {@link Handler}, no servlets). It listens at
 * once and loads the model in the background: liveness answers from the start, readiness and scoring once the
 * model is loaded.
 *
 * <p>Jetty rather than the JDK's {@code HttpServer}: that one wakes its selector after every exchange to hand the
 * connection back (46 % of its worker threads' native samples in a profile of single-row scoring) and writes a
 * response's headers and body in two writes. Jetty keeps a connection on the thread that read it while it can and
 * writes a response of known length in one gathering write.
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

    private final ObjectMapper json = new ObjectMapper();
    private final ServerConfig config;
    private final Server http;
    private final ServerConnector connector;
    private final ScoringMetrics metrics = new ScoringMetrics();
    private final CompletableFuture<LoadedModel> model;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile Map.Entry<ModelInfo, String> identityJson;

    private ModelServer(ServerConfig config, Supplier<LoadedModel> loader) throws IOException {
        this.config = config;
        // config.threads() handle requests; one more accepts connections and one selects.
        QueuedThreadPool threads = new QueuedThreadPool(config.threads() + 2, Math.min(4, config.threads() + 2));
        threads.setName("model-server-http");
        threads.setDaemon(true);
        this.http = new Server(threads);
        HttpConfiguration httpConfig = new HttpConfiguration();
        httpConfig.setSendServerVersion(false);
        httpConfig.setSendXPoweredBy(false);
        this.connector = new ServerConnector(http, 1, 1, new HttpConnectionFactory(httpConfig));
        connector.setHost(config.host());
        connector.setPort(config.port());
        connector.setAcceptQueueSize(128);
        http.addConnector(connector);
        http.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                inFlight.incrementAndGet();
                try {
                    ModelServer.this.handle(new Exchange(request, response, callback));
                } finally {
                    inFlight.decrementAndGet();
                }
                return true;
            }
        });
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
        try {
            http.start();
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("The HTTP server did not start on " + config.host() + ":" + config.port() + ": "
                    + e.getMessage(), e);
        }
    }

    /** Starts listening and loads the model with {@code loader} in the background. */
    public static ModelServer start(ServerConfig config, Supplier<LoadedModel> loader) throws IOException {
        return new ModelServer(config, loader);
    }

    public int port() {
        return connector.getLocalPort();
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

    /** One request and its answer; {@link #send} completes the callback, once. */
    private static final class Exchange {
        final Request request;
        final Response response;
        final Callback callback;
        boolean sent;

        Exchange(Request request, Response response, Callback callback) {
            this.request = request;
            this.response = response;
            this.callback = callback;
        }

        String path() {
            return request.getHttpURI().getPath();
        }

        String method() {
            return request.getMethod();
        }
    }

    private void handle(Exchange exchange) {
        String path = exchange.path();
        String method = exchange.method();
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
        } catch (RuntimeException | IOException e) {
            LOG.log(Level.SEVERE, "Failed " + method + " " + path, e);
            problem(exchange, 500, null, "The server failed on this request");
        } finally {
            if (!exchange.sent) {
                exchange.callback.succeeded();
            }
        }
    }

    private void score(Exchange exchange) throws IOException {
        long start = System.nanoTime();
        int status = 500;
        int rows = 0;
        try {
            LoadedModel loaded = ready();
            String contentType = exchange.request.getHeaders().get(HttpHeader.CONTENT_TYPE);
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
            status = 200;
            sendBytes(exchange, status, JSON, scoreAnswer(loaded.info(), predictions));
        } catch (ProblemException e) {
            status = e.status();
            throw e;
        } finally {
            metrics.record(status, rows, System.nanoTime() - start);
        }
    }

    /**
     * {@code {"model": {…}, "predictions": [{column: value, …}, …]}}, written field by field: through
     * {@code writeValueAsBytes} of nested maps the answer took an eighth of a single-row score's time, looking up
     * a serializer for every value. Numbers and lists of numbers (what the scorers give) are written directly,
     * anything else through the mapper, so the bytes are the mapper's either way.
     */
    private byte[] scoreAnswer(ModelInfo info, List<Map<String, Object>> predictions) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128 + 64 * predictions.size());
        try (JsonGenerator generator = json.createGenerator(out)) {
            generator.writeStartObject();
            generator.writeFieldName("model");
            generator.writeRawValue(identityJson(info));
            generator.writeArrayFieldStart("predictions");
            for (Map<String, Object> prediction : predictions) {
                generator.writeStartObject();
                for (Map.Entry<String, Object> column : prediction.entrySet()) {
                    generator.writeFieldName(column.getKey());
                    writeValue(generator, column.getValue());
                }
                generator.writeEndObject();
            }
            generator.writeEndArray();
            generator.writeEndObject();
        }
        return out.toByteArray();
    }

    /** The model's identity as JSON, written once: the served model does not change. */
    private String identityJson(ModelInfo info) throws IOException {
        Map.Entry<ModelInfo, String> cached = identityJson;
        if (cached == null || cached.getKey() != info) {
            cached = Map.entry(info, json.writeValueAsString(identity(info)));
            identityJson = cached;
        }
        return cached.getValue();
    }

    private static void writeValue(JsonGenerator generator, Object value) throws IOException {
        if (value instanceof Float number) {
            generator.writeNumber(number);
        } else if (value instanceof Double number) {
            generator.writeNumber(number);
        } else if (value instanceof List<?> list) {
            generator.writeStartArray();
            for (Object element : list) {
                writeValue(generator, element);
            }
            generator.writeEndArray();
        } else {
            generator.writeObject(value);
        }
    }

    private JsonNode readJson(Exchange exchange) throws IOException {
        byte[] body = null;
        long declared = exchange.request.getLength();
        if (declared <= config.maxBodyBytes()) {
            try (InputStream in = Content.Source.asInputStream(exchange.request)) {
                body = readAtMost(in, config.maxBodyBytes(), declared);
            }
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

    /** The whole stream, or null when it is longer than {@code limit}; {@code expected} is -1 when unknown. */
    private static byte[] readAtMost(InputStream in, long limit, long expected) throws IOException {
        if (expected >= 0) {
            byte[] body = in.readNBytes((int) expected);
            return in.read() == -1 ? body : null;
        }
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

    private void readiness(Exchange exchange) throws IOException {
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

    private static void requireMethod(Exchange exchange, String method) {
        if (!exchange.method().equals(method)) {
            exchange.response.getHeaders().put(HttpHeader.ALLOW, method);
            throw new ProblemException(405, null, exchange.method() + " is not allowed here; use " + method);
        }
    }

    private void problem(Exchange exchange, int status, String field, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "https://cairn.dev/problems/" + slug(status));
        body.put("title", title(status));
        body.put("status", status);
        body.put("detail", detail);
        if (field != null) {
            body.put("field", field);
        }
        body.put("instance", exchange.path());
        try {
            send(exchange, status, PROBLEM_JSON, body);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Could not answer " + exchange.method() + " " + exchange.path(), e);
        }
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

    private void send(Exchange exchange, int status, String contentType, Object body) throws IOException {
        sendBytes(exchange, status, contentType, json.writeValueAsBytes(body));
    }

    private static void sendText(Exchange exchange, int status, String contentType, String body) {
        sendBytes(exchange, status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The whole answer in one write: status, headers with the length, and the body (the last content, so the
     * exchange completes when it is written and the connection goes on to its next request).
     */
    private static void sendBytes(Exchange exchange, int status, String contentType, byte[] bytes) {
        if (exchange.sent) {
            return;
        }
        exchange.sent = true;
        Response response = exchange.response;
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        response.write(true, ByteBuffer.wrap(bytes), exchange.callback);
    }

    private static java.util.concurrent.ThreadFactory daemonThreads(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Stops listening (requests being answered get a second to finish) and closes the model. */
    @Override
    public void close() {
        try {
            connector.close();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
            while (inFlight.get() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                http.stop();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "The HTTP server did not stop cleanly", e);
            }
            model.thenAccept(loaded -> loaded.scorer().close());
        }
    }
}
