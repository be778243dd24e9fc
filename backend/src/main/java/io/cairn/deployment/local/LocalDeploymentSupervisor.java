package io.cairn.deployment.local;

import io.cairn.artifact.ArtifactStore;
import io.cairn.common.CairnProperties;
import io.cairn.common.process.ChildProcesses;
import io.cairn.deployment.command.Deployment;
import io.cairn.deployment.query.DeploymentReadModel;
import io.cairn.deployment.query.DeploymentView;
import io.cairn.deployment.query.DeploymentView.Served;
import io.cairn.deployment.serving.DeploymentRuntime;
import io.cairn.registry.api.ModelFlavor;
import io.cairn.registry.query.ModelReadModel;
import io.cairn.registry.query.ModelView;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the model servers of {@code local} deployments as child JVMs of the backend: one process per served
 * version of every live deployment with at least one replica (the local target does not multiply processes;
 * {@code replicas} above 1 are recorded for the Kubernetes target). Every {@code poll-interval} it compares what
 * runs with the {@code deployments} read model, starts and stops processes, and watches their health.
 *
 * <p>A model server reads its artifact from a copy of the backend's own artifact store blob (under
 * {@code <data-dir>/deployments/}), with the flavor and signature of the registry, and binds a free port on
 * 127.0.0.1: it needs no credential and is reachable only through the backend's score endpoint. Children are
 * stopped when their deployment goes, when the application stops, and (by force) when the JVM exits.
 */
@Component
public class LocalDeploymentSupervisor implements DeploymentRuntime {

    public record Key(String tenantId, String deploymentId, int version) {
    }

    /** What the supervisor observes of one served version. */
    public record Observed(String status, String reason, int restarts) {
    }

    /** The flags {@code compute-agents/model-server/bin/model-server} passes: Spark needs them on Java 17. */
    private static final List<String> OPENS = List.of("--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED", "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED", "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
            "--add-opens=java.base/sun.security.action=ALL-UNNAMED", "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
            "-Djdk.reflect.useDirectMethodHandle=false", "-Dio.netty.tryReflectionSetAccessible=true");
    public static final String BUILD_HINT = "build it with: mvn -B -ntp -f compute-agents/model-server/pom.xml "
            + "-DskipTests package";

    private static final Logger log = LoggerFactory.getLogger(LocalDeploymentSupervisor.class);

    private final LocalDeploymentProperties properties;
    private final DeploymentReadModel deployments;
    private final ModelReadModel models;
    private final ArtifactStore artifacts;
    private final JsonMapper json;
    private final Clock clock;
    private final Path root;
    private final Map<Key, ModelServerProcess> servers = new ConcurrentHashMap<>();
    /** One scoring URI per loopback port, so that a score does not parse one (ports are few and reused). */
    private final Map<Integer, URI> scoreUris = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1)).build();
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "cairn-deployment-supervisor");
        thread.setDaemon(true);
        return thread;
    });

    public LocalDeploymentSupervisor(LocalDeploymentProperties properties, CairnProperties cairn,
                                     DeploymentReadModel deployments, ModelReadModel models, ArtifactStore artifacts,
                                     JsonMapper json, Clock clock) {
        this.properties = properties;
        this.deployments = deployments;
        this.models = models;
        this.artifacts = artifacts;
        this.json = json;
        this.clock = clock;
        this.root = cairn.dataDir().resolve("deployments");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> servers.values().forEach(ModelServerProcess::kill),
                "cairn-deployment-children"));
    }

    @Override
    public String target() {
        return Deployment.LOCAL;
    }

    /**
     * Local deployments are accepted even where {@code enabled} is false: with several backends, one of them
     * supervises the model servers of all.
     */
    @Override
    public boolean acceptsDeployments() {
        return true;
    }

    @Override
    public String refusal() {
        return "";
    }

    @EventListener(ApplicationReadyEvent.class)
    void begin() {
        if (!properties.enabled()) {
            log.info("Local deployments are not supervised by this instance (cairn.deployments.local.enabled=false)");
            return;
        }
        killOrphans();
        long interval = properties.pollInterval().toMillis();
        loop.scheduleWithFixedDelay(this::safeTick, 0, interval, TimeUnit.MILLISECONDS);
    }

    @Override
    public void nudge() {
        if (properties.enabled()) {
            loop.execute(this::safeTick);
        }
    }

    /** The scoring URL of the ready model server of a served version on 127.0.0.1, or null. */
    @Override
    public URI scoreUri(String tenantId, DeploymentView deployment, int version) {
        ModelServerProcess server = servers.get(new Key(tenantId, deployment.id(), version));
        int port = server == null ? -1 : server.readyPort();
        return port < 0 ? null : scoreUris.computeIfAbsent(port, p -> URI.create("http://127.0.0.1:" + p + "/v1/score"));
    }

    @Override
    public DeploymentView observe(String tenantId, DeploymentView deployment) {
        List<Served> versions = new ArrayList<>();
        for (Served served : deployment.versions()) {
            Observed observed = observed(tenantId, deployment, served.version());
            versions.add(served.withStatus(observed.status(), observed.reason(), observed.restarts()));
        }
        String status;
        if (deployment.replicas() == 0) {
            status = "STOPPED";
        } else if (versions.stream().anyMatch(v -> "FAILED".equals(v.status()))) {
            status = "FAILED";
        } else if (versions.stream().allMatch(v -> "READY".equals(v.status()))) {
            status = "READY";
        } else if (versions.stream().anyMatch(v -> "STARTING".equals(v.status()))) {
            status = "STARTING";
        } else {
            status = "PENDING";
        }
        return deployment.withVersions(status, List.copyOf(versions));
    }

    private Observed observed(String tenantId, DeploymentView deployment, int version) {
        if (deployment.replicas() == 0) {
            return new Observed("STOPPED", "Scaled to 0 replicas", 0);
        }
        if (!properties.enabled()) {
            return new Observed("PENDING", "This backend does not run local deployments "
                    + "(cairn.deployments.local.enabled=false)", 0);
        }
        ModelServerProcess server = servers.get(new Key(tenantId, deployment.id(), version));
        if (server == null) {
            return new Observed("PENDING", null, 0);
        }
        return new Observed(server.status().name(), server.reason(), server.restarts());
    }

    private void safeTick() {
        try {
            tick();
        } catch (RuntimeException e) {
            log.warn("Deployment supervision failed this round; retrying at the next", e);
        }
    }

    private synchronized void tick() {
        Map<Key, DeploymentReadModel.Row> wanted = new HashMap<>();
        for (DeploymentReadModel.Row row : deployments.allOn(Deployment.LOCAL)) {
            if (row.view().replicas() > 0) {
                for (Served served : row.view().versions()) {
                    wanted.put(new Key(row.tenantId(), row.view().id(), served.version()), row);
                }
            }
        }
        for (Key running : List.copyOf(servers.keySet())) {
            if (!wanted.containsKey(running)) {
                servers.remove(running).stop();
            }
        }
        for (Map.Entry<Key, DeploymentReadModel.Row> entry : wanted.entrySet()) {
            servers.computeIfAbsent(entry.getKey(), key -> newServer(key, entry.getValue().view()));
        }
        var now = clock.instant();
        for (ModelServerProcess server : servers.values()) {
            server.check(now, properties.startTimeout(), properties.maxBackoff());
        }
    }

    private ModelServerProcess newServer(Key key, DeploymentView deployment) {
        Path workDir = root.resolve(key.tenantId()).resolve(key.deploymentId()).resolve("v" + key.version());
        String name = key.deploymentId() + " v" + key.version();
        return new ModelServerProcess(name, workDir.resolve("model-server.log"),
                port -> command(key, deployment, workDir, port),
                Map.of("OMP_NUM_THREADS", String.valueOf(properties.nativeThreads())), LocalDeploymentSupervisor::freePort,
                http);
    }

    /** The model server's command line, once its artifact and signature are in place. */
    private List<String> command(Key key, DeploymentView deployment, Path workDir, int port) {
        Path home = modelServerHome();
        Path jar = home.resolve("target").resolve("model-server.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("The model-server jar is missing at " + jar.toAbsolutePath() + "; "
                    + BUILD_HINT + " (or set cairn.deployments.local.model-server-home)");
        }
        ModelView.Version version = models.version(key.tenantId(), deployment.modelId(), key.version());
        if (ModelFlavor.GENERIC.label().equals(version.flavor()) || version.signature() == null) {
            throw new IllegalStateException("Version " + key.version() + " cannot be served: it needs the flavor dl4j "
                    + "or spark-ml and a signature");
        }
        try {
            Files.createDirectories(workDir);
            Path model = copyArtifact(key.tenantId(), version.artifactSha256());
            Path signature = workDir.resolve("signature.json");
            Files.writeString(signature, json.writeValueAsString(version.signature()));
            List<String> command = new ArrayList<>();
            command.add(properties.java() != null ? properties.java().toString() : ChildProcesses.java());
            command.addAll(OPENS);
            command.addAll(properties.jvmOptions());
            command.add("-Dcairn.deployment=" + key.deploymentId());
            command.addAll(List.of("-jar", jar.toAbsolutePath().toString(),
                    "--model-path", model.toString(), "--flavor", version.flavor(),
                    "--signature", signature.toString(), "--host", "127.0.0.1", "--port", String.valueOf(port),
                    "--work-dir", workDir.resolve("work").toString()));
            return command;
        } catch (IOException e) {
            throw new IllegalStateException("The artifact " + version.artifactSha256() + " of version "
                    + key.version() + " could not be read from the artifact store: " + e.getMessage());
        }
    }

    /** The blob as a file the model server reads (copied once per tenant and digest). */
    private Path copyArtifact(String tenantId, String sha256) throws IOException {
        Path target = root.resolve(tenantId).resolve("artifacts").resolve(sha256);
        if (Files.isRegularFile(target)) {
            return target;
        }
        Files.createDirectories(target.getParent());
        Path temp = Files.createTempFile(target.getParent(), "copy-", ".part");
        try (InputStream in = artifacts.open(tenantId, sha256)) {
            Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
        return target;
    }

    /** The configured home, or {@code compute-agents/model-server} below the working directory or its parent. */
    Path modelServerHome() {
        if (properties.modelServerHome() != null) {
            return properties.modelServerHome();
        }
        Path here = Path.of("compute-agents", "model-server");
        Path parent = Path.of("..", "compute-agents", "model-server");
        return Files.isDirectory(here) || !Files.isDirectory(parent) ? here : parent;
    }

    /** Model servers left by a backend that was killed: their pid files are in the work directories. */
    private void killOrphans() {
        ChildProcesses.killOrphans(root, 4, "model-server.pid", "model-server.jar");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("No free port on 127.0.0.1", e);
        }
    }

    @PreDestroy
    void stopAll() {
        loop.shutdownNow();
        servers.values().forEach(ModelServerProcess::stop);
        servers.clear();
    }
}
