import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load generator for a running Cairn (JDK only; run with `java scripts/benchmark/Benchmark.java`).
 *
 * Phases: metric ingestion over HTTP by concurrent clients in 1000-point batches (points/s, request
 * latency, delay until readable); downsampled history of a 100,000-point series; run search over a
 * generated population of runs (`--populate api` or `mlflow`: Cairn's API or MLflow's runs/create + log-batch); the same ingestion through MLflow's {@code runs/log-batch} with 1 and
 * {@code --clients} clients, and MLflow's {@code runs/search}; scheduling latency (submit → RUNNING) with one idle
 * compute agent; the agent's overhead per shipped metric batch; scoring through a local deployment of a DL4J MLP (single-row and 100-row requests);
 * rebuilding projections from the whole log ({@code --replay-projection runs,search}, default run-metrics;
 * {@code --replay-rounds 2} replays the list twice, the second time on a warm JVM). Every loop is bounded by count; only 127.0.0.1 is contacted by default.
 */
public class Benchmark {

    private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");
    private static final Pattern FIELD = Pattern.compile("\"(position|head)\":(-?\\d+)");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String api;
    private final String mlflow;
    private final String token;
    /** Cairn's process (benchmark.sh passes it), whose CPU time the score phase reports per request; -1 if unknown. */
    private long cairnPid = -1;
    /** The processes whose CPU time the score phase accounts for, by name. */
    private final Map<String, ProcessHandle> scoreProcesses = new java.util.LinkedHashMap<>();

    Benchmark(String url, String token) {
        this.api = url + "/api/v1";
        this.mlflow = url + "/api/2.0/mlflow";
        this.token = token;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>(Map.of("url", "http://127.0.0.1:8080", "clients", "4",
                "points", "5000000", "runs", "100000", "history-points", "100000", "phases", "ingest,history,search"));
        options.putIfAbsent("mlflow-points", "1000000");
        options.putIfAbsent("mlflow-runs", "2000");
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        String token = options.containsKey("token") ? options.get("token")
                : java.nio.file.Files.readString(java.nio.file.Path.of(options.get("token-file"))).trim();
        Benchmark benchmark = new Benchmark(options.get("url"), token);
        int clients = Integer.parseInt(options.get("clients"));
        List<String> phases = List.of(options.get("phases").split(","));
        System.out.printf("Cairn benchmark against %s with %d clients%n", options.get("url"), clients);
        benchmark.cairnPid = options.containsKey("cairn-pid") ? Long.parseLong(options.get("cairn-pid")) : -1;
        if (phases.contains("ingest")) {
            // --ingest-warmup: points ingested (into runs of their own) before the timed ingestion, so that it
            // measures the JVMs' steady state rather than their JIT compilers
            long warmup = Long.parseLong(options.getOrDefault("ingest-warmup", "0"));
            if (warmup > 0) {
                benchmark.ingest(clients, warmup, "ingest warm-up");
            }
            benchmark.ingest(clients, Long.parseLong(options.get("points")), "ingest");
        }
        if (phases.contains("history")) {
            benchmark.history(Integer.parseInt(options.get("history-points")));
        }
        if (phases.contains("search")) {
            benchmark.search(clients, Integer.parseInt(options.get("runs")), options.getOrDefault("populate", "api"));
        }
        if (phases.contains("search-queries")) {
            benchmark.searchQueries(options.get("project"), Integer.parseInt(options.get("runs")));
        }
        if (phases.contains("mlflow-log-batch")) {
            for (int n : clients == 1 ? new int[] {1} : new int[] {1, clients}) {
                benchmark.mlflowLogBatch(n, Long.parseLong(options.get("mlflow-points")));
            }
        }
        if (phases.contains("mlflow-search")) {
            benchmark.mlflowSearch(Integer.parseInt(options.get("mlflow-runs")));
        }
        if (phases.contains("score")) {
            // --score-warmup: closed-loop requests before anything is timed, so that the JIT compilers of the three
            // JVMs are done (on 2 cores, 300 requests left them compiling through the timed phases)
            benchmark.score(clients, Integer.parseInt(options.getOrDefault("score-requests", "5000")),
                    Integer.parseInt(options.getOrDefault("score-rate", "500")),
                    Integer.parseInt(options.getOrDefault("score-warmup", "20000")),
                    options.getOrDefault("model-server", "compute-agents/model-server/target"));
        }
        if (phases.contains("replay")) {
            // --replay-rounds 2: the list again, the second round on a warm JVM, each replay 10 s after the last
            // one ended, so that no background catch-up (the run index after a runs replay) overlaps it
            int rounds = Integer.parseInt(options.getOrDefault("replay-rounds", "1"));
            for (int round = 1; round <= rounds; round++) {
                for (String projection : options.getOrDefault("replay-projection", "run-metrics").split(",")) {
                    if (rounds > 1) {
                        Thread.sleep(10_000);
                        System.out.printf(Locale.ROOT, "replay: round %d of %d%n", round, rounds);
                    }
                    benchmark.replay(projection.strip());
                }
            }
        }
        String agentJar = options.getOrDefault("agent-jar", "compute-agents/agent-core/target/cairn-agent.jar");
        if (phases.contains("schedule")) {
            benchmark.schedule(Integer.parseInt(options.getOrDefault("submissions", "50")), agentJar,
                    options.getOrDefault("poll-interval-ms", "250"), options.get("url"));
        }
        if (phases.contains("agent-metrics")) {
            benchmark.agentMetrics(Integer.parseInt(options.getOrDefault("metric-lines", "20000")),
                    Integer.parseInt(options.getOrDefault("metric-keys", "10")),
                    Integer.parseInt(options.getOrDefault("paced-lines", "400")), agentJar, options.get("url"));
        }
    }

    /** A {@code process} target, an ADMIN service account and one agent JVM leasing the target's runs. */
    private record BenchAgent(String project, String target, Process process) implements AutoCloseable {

        long cpuNanos() {
            return process.toHandle().info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            process.waitFor();
        }
    }

    private BenchAgent startAgent(String phase, String agentJar, String pollMs, String url) throws Exception {
        String project = id(post("/projects", "{\"name\":\"bench-" + phase + "-" + System.nanoTime() + "\"}"));
        String target = id(post("/compute/targets", "{\"name\":\"bench-" + System.nanoTime() + "\",\"kind\":\"process\"}"));
        String account = post("/orgs/default/service-accounts", "{\"name\":\"bench-" + (System.nanoTime() % 100000)
                + "\",\"role\":\"ADMIN\"}");
        java.nio.file.Path workDir = java.nio.file.Files.createTempDirectory("cairn-bench-agent-");
        Process agent = new ProcessBuilder("java", "-jar", agentJar, "--url=" + url, "--targets=" + target,
                "--client-id=" + field(account, "clientId"), "--client-secret=" + field(account, "clientSecret"),
                "--work-dir=" + workDir, "--poll-interval-ms=" + pollMs, "--name=bench")
                .redirectErrorStream(true).redirectOutput(workDir.resolve("agent.log").toFile()).start();
        return new BenchAgent(project, target, agent);
    }

    /** Submits a run of {@code command} to the agent's target and answers its execution once it finished. */
    private String runToEnd(BenchAgent agent, String command) throws Exception {
        String submitted = post("/compute/targets/" + agent.target() + "/runs", "{\"projectId\":\"" + agent.project()
                + "\",\"spec\":{\"entrypoint\":" + jsonString(command) + ",\"maxAttempts\":1}}");
        String runId = field(submitted, "runId");
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        String execution = get("/runs/" + runId + "/execution");
        while (!execution.contains("\"status\":\"FINISHED\"")) {
            if (System.nanoTime() > deadline || execution.contains("\"status\":\"FAILED\"")) {
                throw new IllegalStateException("Run " + runId + " did not finish: " + execution);
            }
            Thread.sleep(20);
            execution = get("/runs/" + runId + "/execution");
        }
        return execution;
    }

    /**
     * Agent overhead per metric batch: one agent (idle CPU measured first) executes {@code process} runs that write
     * metric lines to {@code $CAIRN_METRICS_FILE}, which the agent ships as metric batches. A burst run writes
     * {@code lines} lines of {@code keys} metrics at once (the agent coalesces them into 1000-point batches); reported:
     * the agent JVM's CPU time per batch and per point above its idle rate, and from the attempt's start to every
     * point readable. A paced run writes {@code paced} lines of 2 metrics, 20 a second, each carrying its write time
     * ({@code written_ms}); the batch's arrival time at the backend (the points' timestamp) minus it is the shipping
     * latency, reported as p50/p95, and the agent's CPU per line.
     */
    void agentMetrics(int lines, int keys, int paced, String agentJar, String url) throws Exception {
        try (BenchAgent agent = startAgent("agent-metrics", agentJar, "250", url)) {
            runToEnd(agent, "true");
            long idleStart = System.nanoTime();
            long idleCpu = agent.cpuNanos();
            Thread.sleep(5000);
            double idleCpuPerSecond = (agent.cpuNanos() - idleCpu) / ((System.nanoTime() - idleStart) / 1e9);

            String burst = "awk 'BEGIN { for (i = 0; i < " + lines + "; i++) { printf \"{\\\"step\\\": %d, \\\"metrics\\\": {\", i; "
                    + "for (k = 0; k < " + keys + "; k++) printf \"%s\\\"k%d\\\": %.6f\", (k ? \", \" : \"\"), k, i * 0.001; "
                    + "print \"}}\" } }' > \"$CAIRN_METRICS_FILE\"";
            long cpu = agent.cpuNanos();
            long wall = System.nanoTime();
            String execution = runToEnd(agent, burst);
            String runId = field(execution, "runId");
            String history = get("/runs/" + runId + "/metrics/k0?maxPoints=4");
            while (!history.contains("\"totalPoints\":" + lines + ",")) {
                Thread.sleep(20);
                history = get("/runs/" + runId + "/metrics/k0?maxPoints=4");
            }
            double seconds = (System.nanoTime() - wall) / 1e9;
            double cpuMs = (agent.cpuNanos() - cpu) / 1e6;
            double busyCpuMs = cpuMs - idleCpuPerSecond * seconds / 1e6;
            long points = (long) lines * keys;
            long batches = (points + 999) / 1000;
            long started = Long.parseLong(field(execution, "startTime"));
            long shipped = Long.parseLong(field(get("/runs/" + runId + "/metrics"), "timestamp"));
            System.out.printf(Locale.ROOT, "agent-metrics: idle agent %.1f ms CPU/s; burst of %d lines x %d metrics"
                    + " (%d points, %d batches): agent CPU %.2f ms per batch (%.2f above its idle rate), %.2f us per"
                    + " point; lease -> last batch stored %.2f s (%.0f points/s)%n", idleCpuPerSecond / 1e6, lines, keys,
                    points, batches, cpuMs / batches, busyCpuMs / batches, cpuMs * 1000 / points,
                    (shipped - started) / 1000.0, points / ((shipped - started) / 1000.0));

            String pacedScript = "i=0; while [ $i -lt " + paced + " ]; do printf '{\"step\": %d, \"metrics\": "
                    + "{\"written_ms\": %s, \"loss\": 0.5}}\\n' $i $(date +%s%3N) >> \"$CAIRN_METRICS_FILE\"; "
                    + "i=$((i+1)); sleep 0.05; done";
            cpu = agent.cpuNanos();
            wall = System.nanoTime();
            runId = field(runToEnd(agent, pacedScript), "runId");
            history = get("/runs/" + runId + "/metrics/written_ms?maxResults=" + Math.min(paced, 1000));
            seconds = (System.nanoTime() - wall) / 1e9;
            cpuMs = (agent.cpuNanos() - cpu) / 1e6;
            List<Long> latencies = new ArrayList<>();
            Matcher point = Pattern.compile("\"value\":([^,]+),\"step\":\\d+,\"timestamp\":(\\d+)").matcher(history);
            java.util.Set<Long> arrivals = new java.util.HashSet<>();
            while (point.find()) {
                long arrival = Long.parseLong(point.group(2));
                latencies.add(arrival - (long) Double.parseDouble(point.group(1)));
                arrivals.add(arrival);
            }
            System.out.printf(Locale.ROOT, "agent-metrics: %d lines paced at 20/s: written -> stored p50 %.0f ms, p95 %.0f ms,"
                    + " max %.0f ms in %d batches; agent CPU %.1f ms/s while shipping (idle %.1f ms/s)%n",
                    latencies.size(), percentile(latencies, 50), percentile(latencies, 95), percentile(latencies, 100),
                    arrivals.size(), cpuMs / seconds, idleCpuPerSecond / 1e6);
        }
    }

    /**
     * Scheduling latency: one idle agent (a separate JVM from {@code agentJar}, polling every {@code pollMs}) and
     * {@code submissions} runs of {@code true} submitted one at a time, each once the previous one finished. Submit →
     * RUNNING is the server's own times: the attempt's start (lease) minus the submission (event time).
     */
    void schedule(int submissions, String agentJar, String pollMs, String url) throws Exception {
        try (BenchAgent agent = startAgent("schedule", agentJar, pollMs, url)) {
            List<Long> latencies = new ArrayList<>();
            for (int i = -5; i < submissions; i++) {
                String execution = runToEnd(agent, "true");
                if (i >= 0) {
                    latencies.add(Long.parseLong(field(execution, "startTime"))
                            - Long.parseLong(field(execution, "submissionTime")));
                }
            }
            System.out.printf(Locale.ROOT, "schedule: %d submissions, one idle agent polling every %s ms: submit -> RUNNING"
                    + " p50 %.0f ms, p95 %.0f ms, max %.0f ms%n", submissions, pollMs, percentile(latencies, 50),
                    percentile(latencies, 95), percentile(latencies, 100));
        }
    }

    /**
     * Scoring through the backend: the tiny DL4J MLP of the model server's tests (written by {@code TinyMlpExport}
     * from {@code model-server-tests.jar}) uploaded, registered and deployed locally; then, after 300 warm-up
     * requests, single-row requests from {@code clients} clients as fast as they go, the same paced at {@code rate}
     * requests/s in total, and 100-row requests as fast as they go. Latency is measured at the client.
     */
    void score(int clients, int requests, int rate, int warmup, String modelServerTarget) throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("cairn-bench-model-");
        java.nio.file.Path target = java.nio.file.Path.of(modelServerTarget);
        String sep = java.io.File.pathSeparator;
        ProcessBuilder export = new ProcessBuilder("java", "-cp", target.resolve("model-server-tests.jar") + sep
                + target.resolve("model-server.jar") + sep + target.resolve("lib") + "/*",
                "io.cairn.modelserver.TinyMlpExport", dir.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("export.log").toFile());
        export.environment().put("OMP_NUM_THREADS", "1");
        if (export.start().waitFor() != 0) {
            throw new IllegalStateException("TinyMlpExport failed: " + java.nio.file.Files.readString(dir.resolve("export.log")));
        }
        String project = id(post("/projects", "{\"name\":\"bench-score-" + System.nanoTime() + "\"}"));
        String run = id(post("/runs", "{\"projectId\":\"" + project + "\"}"));
        send(HttpRequest.newBuilder(URI.create(api + "/runs/" + run + "/artifacts/model.zip"))
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofFile(dir.resolve("model.zip"))));
        String model = id(post("/models", "{\"name\":\"bench-mlp-" + System.nanoTime() + "\"}"));
        post("/models/" + model + "/versions", "{\"runId\":\"" + run + "\",\"artifactPath\":\"model.zip\","
                + "\"flavor\":\"dl4j\",\"signature\":" + java.nio.file.Files.readString(dir.resolve("signature.json")) + "}");
        String deployment = id(post("/deployments", "{\"modelId\":\"" + model + "\",\"version\":1}"));
        long started = System.nanoTime();
        String status = get("/deployments/" + deployment);
        while (!status.contains("\"status\":\"READY\",\"versions\"")) {
            if (status.contains("\"FAILED\"") || System.nanoTime() - started > Duration.ofMinutes(5).toNanos()) {
                throw new IllegalStateException("Deployment not ready: " + status);
            }
            Thread.sleep(200);
            status = get("/deployments/" + deployment);
        }
        System.out.printf(Locale.ROOT, "score: deployment ready %.1f s after creation%n", (System.nanoTime() - started) / 1e9);
        if (cairnPid > 0) {
            ProcessHandle.of(cairnPid).ifPresent(p -> scoreProcesses.put("Cairn", p));
        }
        ProcessHandle.allProcesses().filter(p -> p.info().commandLine()
                        .map(c -> c.contains("model-server.jar") && c.contains("-Dcairn.deployment=" + deployment))
                        .orElse(false))
                .findFirst().ifPresent(p -> scoreProcesses.put("model server", p));
        scoreProcesses.put("load generator", ProcessHandle.current());
        String row = "{\"sepal_length\":5.1,\"sepal_width\":3.5,\"petal_length\":1.4,\"petal_width\":0.2}";
        String one = "{\"rows\":[" + row + "]}";
        String hundred = "{\"rows\":[" + String.join(",", Collections.nCopies(100, row)) + "]}";
        String path = "/deployments/" + deployment + "/score";
        scoreLoad("warm-up", clients, warmup, one, path, 0);
        scoreLoad("1 row, closed loop", clients, requests, one, path, 0);
        scoreLoad("1 row, paced", clients, Math.max(requests, rate * 10), one, path, rate);
        scoreLoad("100 rows, closed loop", clients, Math.max(1, requests / 5), hundred, path, 0);
        System.out.println("score: backend telemetry " + get("/deployments/" + deployment + "/telemetry"));
    }

    /**
     * {@code total} requests from {@code clients} threads, paced to {@code rate} per second in total when rate > 0.
     * Each client thread holds one kept-alive {@link ScoreConnection}: the load generator shares the machine's two
     * cores with Cairn and the model server, so its own CPU time per request is time they do not get.
     */
    private void scoreLoad(String label, int clients, int total, String body, String path, int rate) throws Exception {
        URL url = URI.create(api + path).toURL();
        byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicLong next = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        Map<String, Long> cpuBefore = cpuNanos();
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            futures.add(pool.submit(() -> {
                try (ScoreConnection connection = new ScoreConnection(url, token, bytes)) {
                    for (long i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                        if (rate > 0) {
                            long due = start + i * 1_000_000_000L / rate;
                            long wait = due - System.nanoTime();
                            if (wait > 0) {
                                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                            }
                        }
                        long t0 = System.nanoTime();
                        int status = connection.post();
                        latencies.add(System.nanoTime() - t0);
                        if (status != 200) {
                            failures.incrementAndGet();
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "score: %-22s %d clients, %d requests (%d failed): %.0f requests/s, p50 %.2f ms, "
                        + "p95 %.2f ms, p99 %.2f ms, max %.1f ms%n", label, clients, total, failures.get(), total / seconds,
                percentile(latencies, 50) / 1e6, percentile(latencies, 95) / 1e6, percentile(latencies, 99) / 1e6,
                percentile(latencies, 100) / 1e6);
        Map<String, Long> cpuAfter = cpuNanos();
        if (!cpuAfter.isEmpty()) {
            List<String> perRequest = new ArrayList<>();
            cpuAfter.forEach((name, nanos) -> perRequest.add(String.format(Locale.ROOT, "%s %.2f ms", name,
                    (nanos - cpuBefore.getOrDefault(name, nanos)) / 1e6 / total)));
            System.out.println("score: " + " ".repeat(22) + " CPU time per request: " + String.join(", ", perRequest));
        }
    }

    /** Total CPU time so far of each process the score phase accounts for (Linux: from /proc). */
    private Map<String, Long> cpuNanos() {
        Map<String, Long> cpu = new java.util.LinkedHashMap<>();
        scoreProcesses.forEach((name, process) -> process.info().totalCpuDuration()
                .ifPresent(d -> cpu.put(name, d.toNanos())));
        return cpu;
    }

    /**
     * One kept-alive HTTP/1.1 connection that sends the same prepared POST again and again and reads each answer to
     * its end (by Content-Length or chunks). A fifth of the CPU time per request of a kept-alive
     * {@code HttpURLConnection}, which parses the URL, asks the proxy selector and builds its header maps on every
     * request; the load generator is not what is measured, so it should take as little of the two cores as it can.
     */
    static final class ScoreConnection implements AutoCloseable {
        private final String host;
        private final int port;
        private final byte[] request;
        private java.net.Socket socket;
        private java.io.InputStream in;
        private java.io.OutputStream out;

        ScoreConnection(URL url, String token, byte[] body) {
            this.host = url.getHost();
            this.port = url.getPort() < 0 ? url.getDefaultPort() : url.getPort();
            byte[] head = ("POST " + url.getFile() + " HTTP/1.1\r\nHost: " + host + ":" + port
                    + "\r\nAuthorization: Bearer " + token + "\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.length + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            this.request = java.util.Arrays.copyOf(head, head.length + body.length);
            System.arraycopy(body, 0, request, head.length, body.length);
        }

        /** Sends the request and returns the answer's status; the connection is reopened when the server closed it. */
        int post() throws java.io.IOException {
            if (socket == null) {
                socket = new java.net.Socket(host, port);
                socket.setTcpNoDelay(true);
                in = new java.io.BufferedInputStream(socket.getInputStream(), 16384);
                out = socket.getOutputStream();
            }
            out.write(request);
            out.flush();
            String statusLine = line();
            if (!statusLine.startsWith("HTTP/1.1 ") || statusLine.length() < 12) {
                throw new java.io.IOException("Not an HTTP/1.1 answer: " + statusLine);
            }
            int status = Integer.parseInt(statusLine.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            boolean close = false;
            for (String header = line(); !header.isEmpty(); header = line()) {
                String name = header.substring(0, Math.max(0, header.indexOf(':'))).trim().toLowerCase(Locale.ROOT);
                String value = header.substring(header.indexOf(':') + 1).trim();
                switch (name) {
                    case "content-length" -> length = Long.parseLong(value);
                    case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                    case "connection" -> close = value.equalsIgnoreCase("close");
                    default -> { }
                }
            }
            if (chunked) {
                for (long size = Long.parseLong(line().split(";")[0].trim(), 16); size > 0;
                     size = Long.parseLong(line().split(";")[0].trim(), 16)) {
                    skip(size);
                    line();
                }
                while (!line().isEmpty()) {
                    // trailers
                }
            } else if (length >= 0) {
                skip(length);
            } else {
                close = true;
            }
            if (close) {
                close();
            }
            return status;
        }

        private String line() throws java.io.IOException {
            StringBuilder line = new StringBuilder(64);
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new java.io.EOFException("The server closed the connection");
                }
                if (b != '\r') {
                    line.append((char) b);
                }
            }
            return line.toString();
        }

        private void skip(long bytes) throws java.io.IOException {
            for (long left = bytes; left > 0; ) {
                long skipped = in.skip(left);
                if (skipped <= 0) {
                    if (in.read() < 0) {
                        throw new java.io.EOFException("The answer ended early");
                    }
                    skipped = 1;
                }
                left -= skipped;
            }
        }

        @Override
        public void close() throws java.io.IOException {
            if (socket != null) {
                socket.close();
                socket = null;
            }
        }
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"?([^\",}]+)").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("No " + name + " in " + json);
        }
        return m.group(1);
    }

    // ---------------------------------------------------------------- phases

    void ingest(int clients, long totalPoints, String label) throws Exception {
        String project = id(post("/projects", "{\"name\":\"bench-ingest-" + System.nanoTime() + "\"}"));
        List<String> runs = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            runs.add(id(post("/runs", "{\"projectId\":\"" + project + "\"}")));
        }
        long batches = totalPoints / 1000;
        AtomicLong next = new AtomicLong();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        Map<Long, Long> cpuBefore = processCpuNanos();
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            String run = runs.get(c);
            futures.add(pool.submit(() -> {
                long step = 0;
                for (long b = next.getAndIncrement(); b < batches; b = next.getAndIncrement()) {
                    String body = batch(step, 10, 100);
                    step += 100;
                    long t0 = System.nanoTime();
                    String response = post("/runs/" + run + "/metrics", body);
                    latencies.add(System.nanoTime() - t0);
                    if (!response.contains("\"accepted\":1000")) {
                        throw new IllegalStateException("Unexpected answer: " + response);
                    }
                }
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        long durableNanos = System.nanoTime() - start;
        long readableNanos = awaitProjection("run-metrics") - start;
        Map<Long, Long> cpuAfter = processCpuNanos();
        pool.shutdown();
        long points = batches * 1000;
        System.out.printf(Locale.ROOT, "%s: %,d points in %,d batches of 1000 by %d clients%n", label, points, batches, clients);
        System.out.printf(Locale.ROOT, "%s: durable throughput %,.0f points/s (%.1f s)%n", label,
                points / (durableNanos / 1e9), durableNanos / 1e9);
        System.out.printf(Locale.ROOT, "%s: request latency p50 %.1f ms, p99 %.1f ms%n", label,
                percentile(latencies, 50) / 1e6, percentile(latencies, 99) / 1e6);
        System.out.printf(Locale.ROOT, "%s: all points readable %.2f s after the last batch was durable "
                + "(readable throughput %,.0f points/s)%n", label, (readableNanos - durableNanos) / 1e9,
                points / (readableNanos / 1e9));
        System.out.printf(Locale.ROOT, "%s: CPU time per 1000 points until readable (%.1f s): %s%n", label,
                readableNanos / 1e9, cpuByServer(cpuBefore, cpuAfter, batches));
        String sample = get("/runs/" + runs.get(0) + "/metrics/k0?maxPoints=4");
        System.out.println(label + ": check, key k0 of run 1: "
                + sample.replaceAll(".*\"totalPoints\":(\\d+).*", "$1") + " points stored");
    }

    /** CPU time so far of every process of this machine that this user may see, by pid (Linux: from /proc). */
    private static Map<Long, Long> processCpuNanos() {
        Map<Long, Long> cpu = new HashMap<>();
        ProcessHandle.allProcesses().forEach(p -> p.info().totalCpuDuration()
                .ifPresent(d -> cpu.put(p.pid(), d.toNanos())));
        return cpu;
    }

    /**
     * The CPU time of Cairn, the servers it uses and this load generator between two snapshots, per {@code units}:
     * on one small machine, where each of them takes its share of the same cores. A process that ended in between
     * is missed.
     */
    private String cpuByServer(Map<Long, Long> before, Map<Long, Long> after, long units) {
        Map<String, Long> byServer = new java.util.LinkedHashMap<>();
        ProcessHandle.allProcesses().forEach(p -> {
            String server = server(p);
            Long end = after.get(p.pid());
            if (server != null && end != null) {
                byServer.merge(server, end - before.getOrDefault(p.pid(), 0L), Long::sum);
            }
        });
        List<String> parts = new ArrayList<>();
        byServer.forEach((server, nanos) -> parts.add(String.format(Locale.ROOT, "%s %.2f ms", server,
                nanos / 1e6 / units)));
        long total = byServer.values().stream().mapToLong(Long::longValue).sum();
        return String.join(", ", parts) + String.format(Locale.ROOT, " (all %.2f ms)", total / 1e6 / units);
    }

    private String server(ProcessHandle process) {
        if (process.pid() == cairnPid) {
            return "Cairn";
        }
        if (process.pid() == ProcessHandle.current().pid()) {
            return "load generator";
        }
        String command = process.info().command().orElse("");
        String line = process.info().commandLine().orElse(command);
        if (command.endsWith("/postgres")) {
            return "PostgreSQL";
        }
        if (line.contains("CassandraDaemon")) {
            return "Cassandra";
        }
        if (line.contains("kafka.Kafka")) {
            return "Kafka";
        }
        if (line.contains("org.elasticsearch")) {
            return "Elasticsearch";
        }
        return null;
    }

    void history(int points) throws Exception {
        String project = id(post("/projects", "{\"name\":\"bench-history-" + System.nanoTime() + "\"}"));
        String run = id(post("/runs", "{\"projectId\":\"" + project + "\"}"));
        for (int step = 0; step < points; step += 1000) {
            post("/runs/" + run + "/metrics", batch(step, 1, Math.min(1000, points - step)));
        }
        awaitProjection("run-metrics");
        List<Long> latencies = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            long t0 = System.nanoTime();
            String series = get("/runs/" + run + "/metrics/k0?maxPoints=1000");
            long elapsed = System.nanoTime() - t0;
            if (i >= 10) {
                latencies.add(elapsed);
            }
            if (!series.contains("\"totalPoints\":" + points)) {
                throw new IllegalStateException("Series incomplete: " + series.substring(0, 200));
            }
        }
        System.out.printf(Locale.ROOT, "history: %,d-point series downsampled to 1,000: p50 %.1f ms, p95 %.1f ms (50 requests after 10 warm-up)%n",
                points, percentile(latencies, 50) / 1e6, percentile(latencies, 95) / 1e6);
    }

    /**
     * Creates {@code runs} runs (3 params, 2 tags, 2 metrics each) in a new project from {@code clients} clients,
     * then times the searches. {@code populate} {@code api}: Cairn's API, three requests per run (create with tags,
     * params, metrics); {@code mlflow}: MLflow's API, two (runs/create with the tags, runs/log-batch with the
     * params and metrics).
     */
    void search(int clients, int runs, String populate) throws Exception {
        String project = id(post("/projects", "{\"name\":\"bench-search-" + System.nanoTime() + "\"}"));
        boolean mlflow = "mlflow".equals(populate);
        AtomicLong next = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            futures.add(pool.submit(() -> {
                for (long i = next.getAndIncrement(); i < runs; i = next.getAndIncrement()) {
                    if (mlflow) {
                        populateThroughMlflow(project, i);
                        continue;
                    }
                    String team = "team-" + (i % 20);
                    String run = id(post("/runs", "{\"projectId\":\"" + project + "\",\"name\":\"run-" + i
                            + "\",\"tags\":{\"team\":\"" + team + "\",\"owner\":\"user-" + (i % 50) + "\"}}"));
                    post("/runs/" + run + "/params", "{\"params\":{\"lr\":\"" + (new String[] {"0.1", "0.01", "0.001"})[(int) (i % 3)]
                            + "\",\"batch\":\"" + (32 << (i % 4)) + "\",\"optimizer\":\"" + (i % 2 == 0 ? "adam" : "sgd")
                            + "\"}}");
                    double acc = (i * 7919 % 10_000) / 10_000.0;
                    post("/runs/" + run + "/metrics", "{\"points\":[{\"key\":\"acc\",\"value\":" + acc
                            + ",\"step\":10},{\"key\":\"loss\",\"value\":" + (1 - acc) + ",\"step\":10}]}");
                }
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        pool.shutdown();
        awaitProjection("run-metrics");
        awaitProjection("runs");
        System.out.printf(Locale.ROOT, "search: population of %,d runs (3 params, 2 tags, 2 metrics each) created in %.1f s"
                + " through the %s API by %d clients in project %s%n", runs, (System.nanoTime() - start) / 1e9,
                mlflow ? "MLflow" : "Cairn", clients, project);
        searchQueries(project, runs);
    }

    /** Run {@code i} of the search population in two MLflow requests (the experiment is the project). */
    private void populateThroughMlflow(String project, long i) throws Exception {
        String created = mlflowPost("/runs/create", "{\"experiment_id\":\"" + project + "\",\"run_name\":\"run-" + i
                + "\",\"tags\":[{\"key\":\"team\",\"value\":\"team-" + (i % 20) + "\"},{\"key\":\"owner\",\"value\":"
                + "\"user-" + (i % 50) + "\"}]}");
        String run = created.replaceAll("(?s).*\"run_id\":\"([^\"]+)\".*", "$1");
        double acc = (i * 7919 % 10_000) / 10_000.0;
        long now = System.currentTimeMillis();
        mlflowPost("/runs/log-batch", "{\"run_id\":\"" + run + "\",\"params\":[{\"key\":\"lr\",\"value\":\""
                + (new String[] {"0.1", "0.01", "0.001"})[(int) (i % 3)] + "\"},{\"key\":\"batch\",\"value\":\""
                + (32 << (i % 4)) + "\"},{\"key\":\"optimizer\",\"value\":\"" + (i % 2 == 0 ? "adam" : "sgd")
                + "\"}],\"metrics\":[{\"key\":\"acc\",\"value\":" + acc + ",\"timestamp\":" + now
                + ",\"step\":10},{\"key\":\"loss\",\"value\":" + (1 - acc) + ",\"timestamp\":" + now + ",\"step\":10}]}");
    }

    /**
     * Times five kinds of search over the runs of {@code project}.
     */
    void searchQueries(String project, int runs) throws Exception {
        // Each request differs in its values and page size, so neither a result cache nor a filter cache can
        // answer it from an earlier one.
        Map<String, java.util.function.IntFunction<String>> queries = new java.util.LinkedHashMap<>();
        queries.put("metric > x, order by metric", i -> "\"filter\":\"metrics.acc > 0." + (900 + i)
                + "\",\"orderBy\":[\"metrics.acc DESC\"]");
        queries.put("metric and param and tag", i -> "\"filter\":\"metrics.acc > 0." + (500 + i)
                + " and params.lr = '0.01' and tags.team = 'team-" + (i % 20) + "'\"");
        queries.put("tag LIKE, order by start", i -> "\"filter\":\"tags.owner LIKE 'user-" + (i % 5) + "%'\"");
        queries.put("no filter, order by param", i -> "\"orderBy\":[\"params.batch " + (i % 2 == 0 ? "ASC" : "DESC")
                + "\"]");
        queries.put("status, order by metric asc", i -> "\"filter\":\"attributes.status = 'RUNNING' and metrics.loss > 0."
                + (100 + i) + "\",\"orderBy\":[\"metrics.loss ASC\"]");
        timeQueries("search", runs, queries, i -> "{\"projectIds\":[\"" + project + "\"],",
                ",\"maxResults\":", body -> post("/runs/search", body));
    }

    /** MLflow clients logging: {@code runs/log-batch} with 1000 metrics (10 keys × 100 steps) per request. */
    void mlflowLogBatch(int clients, long totalPoints) throws Exception {
        String experiment = mlflowPost("/experiments/create", "{\"name\":\"bench-mlflow-" + System.nanoTime() + "\"}")
                .replaceAll(".*\"experiment_id\":\"([^\"]+)\".*", "$1");
        List<String> runs = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            runs.add(mlflowPost("/runs/create", "{\"experiment_id\":\"" + experiment + "\"}")
                    .replaceAll("(?s).*\"run_id\":\"([^\"]+)\".*", "$1"));
        }
        long batches = totalPoints / 1000;
        AtomicLong next = new AtomicLong();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        Map<Long, Long> cpuBefore = processCpuNanos();
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            String run = runs.get(c);
            futures.add(pool.submit(() -> {
                long step = 0;
                for (long b = next.getAndIncrement(); b < batches; b = next.getAndIncrement()) {
                    String body = mlflowBatch(run, step, 10, 100);
                    step += 100;
                    long t0 = System.nanoTime();
                    mlflowPost("/runs/log-batch", body);
                    latencies.add(System.nanoTime() - t0);
                }
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        long durableNanos = System.nanoTime() - start;
        pool.shutdown();
        long points = batches * 1000;
        System.out.printf(Locale.ROOT, "mlflow-log-batch: %d client(s), %,d points in %,d requests: %,.0f points/s "
                        + "(%.1f s); request latency p50 %.1f ms, p99 %.1f ms%n", clients, points, batches,
                points / (durableNanos / 1e9), durableNanos / 1e9, percentile(latencies, 50) / 1e6,
                percentile(latencies, 99) / 1e6);
    }

    /** MLflow's {@code runs/search} over {@code runs} runs of one experiment (2 params, 1 tag, 2 metrics each). */
    void mlflowSearch(int runs) throws Exception {
        String experiment = mlflowPost("/experiments/create", "{\"name\":\"bench-mlflow-search-" + System.nanoTime()
                + "\"}").replaceAll(".*\"experiment_id\":\"([^\"]+)\".*", "$1");
        long now = System.currentTimeMillis();
        for (int i = 0; i < runs; i++) {
            String run = mlflowPost("/runs/create", "{\"experiment_id\":\"" + experiment + "\"}")
                    .replaceAll("(?s).*\"run_id\":\"([^\"]+)\".*", "$1");
            mlflowPost("/runs/log-batch", "{\"run_id\":\"" + run + "\",\"metrics\":[{\"key\":\"acc\",\"value\":"
                    + VALUES[i % VALUES.length] + ",\"timestamp\":" + now + "},{\"key\":\"loss\",\"value\":"
                    + VALUES[(i * 7) % VALUES.length] + ",\"timestamp\":" + now + "}],\"params\":[{\"key\":\"model\","
                    + "\"value\":\"m" + (i % 5) + "\"},{\"key\":\"lr\",\"value\":\"" + (i % 10) + "\"}],"
                    + "\"tags\":[{\"key\":\"team\",\"value\":\"t" + (i % 3) + "\"}]}");
        }
        Map<String, java.util.function.IntFunction<String>> queries = new java.util.LinkedHashMap<>();
        queries.put("newest first", i -> "\"filter\":\"\"");
        queries.put("metric > x, by metric", i -> "\"filter\":\"metrics.acc > 0." + (100 + i)
                + "\",\"order_by\":[\"metrics.acc DESC\"]");
        queries.put("param and tag", i -> "\"filter\":\"params.model = 'm" + (i % 5) + "' and tags.team = 't1'\"");
        timeQueries("mlflow-search", runs, queries, i -> "{\"experiment_ids\":[\"" + experiment + "\"],",
                ",\"max_results\":", body -> mlflowPost("/runs/search", body));
    }

    /**
     * Rebuilds {@code projection} from the whole event log (what an operator's replay does) and reports the
     * speed as the log's length over the time until the projection is back at the head.
     */
    void replay(String projection) throws Exception {
        long start = System.nanoTime();
        String started = post("/admin/projections/" + projection + "/replay", "");
        Map<String, Long> values = fields(started);
        long deadline = start + Duration.ofMinutes(30).toNanos();
        String status = started;
        while (status.contains("\"replaying\":true") || values.get("position") < values.get("head")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Replay of " + projection + " unfinished after 30 minutes: " + status);
            }
            Thread.sleep(20);
            status = get("/admin/projections/" + projection);
            values = fields(status);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "replay: %s rebuilt from %,d events in %.1f s: %,.0f events/s%n", projection,
                values.get("head"), seconds, values.get("head") / seconds);
    }

    // ---------------------------------------------------------------- helpers

    /** The projection's overall {@code position} and {@code head} (the first of each; segments follow them). */
    private static Map<String, Long> fields(String status) {
        Matcher m = FIELD.matcher(status);
        Map<String, Long> values = new HashMap<>();
        while (m.find()) {
            values.putIfAbsent(m.group(1), Long.parseLong(m.group(2)));
        }
        return values;
    }

    interface Poster {
        String post(String body) throws Exception;
    }

    /**
     * 30 searches per query kind, each with its own page size 70-99 (no two requests alike); the first 5 are
     * warm-up. Prints p50/p95 per kind and over all.
     */
    private static void timeQueries(String phase, int runs, Map<String, java.util.function.IntFunction<String>> queries,
                                    java.util.function.IntFunction<String> head, String pageSizeField, Poster search)
            throws Exception {
        List<Long> all = new ArrayList<>();
        for (Map.Entry<String, java.util.function.IntFunction<String>> query : queries.entrySet()) {
            List<Long> latencies = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                String body = head.apply(i) + query.getValue().apply(i) + pageSizeField + (70 + i) + "}";
                long t0 = System.nanoTime();
                String result = search.post(body);
                long elapsed = System.nanoTime() - t0;
                if (i >= 5) {
                    latencies.add(elapsed);
                }
                if (!result.startsWith("{\"runs\":[")) {
                    throw new IllegalStateException("Search failed: " + result);
                }
            }
            all.addAll(latencies);
            System.out.printf(Locale.ROOT, "%s: %-30s p50 %6.1f ms, p95 %6.1f ms%n", phase, query.getKey(),
                    percentile(latencies, 50) / 1e6, percentile(latencies, 95) / 1e6);
        }
        System.out.printf(Locale.ROOT, "%s: all queries over %,d runs (pages of 75-99): p50 %.1f ms, p95 %.1f ms%n",
                phase, runs, percentile(all, 50) / 1e6, percentile(all, 95) / 1e6);
    }

    /** Values formatted once, so the load generator spends its CPU on requests, not on printing doubles. */
    private static final String[] VALUES = new String[4096];

    static {
        for (int i = 0; i < VALUES.length; i++) {
            VALUES[i] = Double.toString(Math.sin(i * 0.01) * (1 + i % 7));
        }
    }

    /** keys × steps points: keys k0..k(n-1), steps from {@code fromStep}. */
    private static String batch(long fromStep, int keys, int steps) {
        return points(new StringBuilder(keys * steps * 70).append("{\"points\":["), fromStep, keys, steps, false)
                .append("]}").toString();
    }

    /** MLflow's log-batch body: the same points as metrics, int64 fields as JSON strings (as protobuf writes them). */
    private static String mlflowBatch(String run, long fromStep, int keys, int steps) {
        StringBuilder body = new StringBuilder(keys * steps * 74).append("{\"run_id\":\"").append(run)
                .append("\",\"metrics\":[");
        return points(body, fromStep, keys, steps, true).append("]}").toString();
    }

    private static StringBuilder points(StringBuilder body, long fromStep, int keys, int steps, boolean quoteInt64) {
        String quote = quoteInt64 ? "\"" : "";
        long now = System.currentTimeMillis();
        boolean first = true;
        for (int s = 0; s < steps; s++) {
            long step = fromStep + s;
            for (int k = 0; k < keys; k++) {
                if (!first) {
                    body.append(',');
                }
                first = false;
                body.append("{\"key\":\"k").append(k).append("\",\"value\":").append(VALUES[(int) ((step * 31 + k) % VALUES.length)])
                        .append(",\"step\":").append(quote).append(step).append(quote).append(",\"timestamp\":")
                        .append(quote).append(now).append(quote).append('}');
            }
        }
        return body;
    }

    /** Waits until the projection has processed the whole log; returns System.nanoTime() at that moment. */
    private long awaitProjection(String name) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (System.nanoTime() < deadline) {
            Map<String, Long> values = fields(get("/admin/projections/" + name));
            if (values.get("position") >= values.get("head")) {
                return System.nanoTime();
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("Projection " + name + " did not catch up within 10 minutes");
    }

    private static double percentile(List<Long> values, int percentile) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static String jsonString(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String id(String json) {
        Matcher m = ID.matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("No id in " + json);
        }
        return m.group(1);
    }

    private String post(String path, String body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(api + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private String mlflowPost(String path, String body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(mlflow + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private String get(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(api + path)).GET());
    }

    private String send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = http.send(request.header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(response.statusCode() + " " + response.body());
        }
        return response.body();
    }
}
