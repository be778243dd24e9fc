package io.cairn.compute.local;

import io.cairn.common.CairnProperties;
import io.cairn.common.process.ChildProcesses;
import io.cairn.compute.api.TargetSettings;
import io.cairn.compute.local.LocalAgentSetup.Credentials;
import io.cairn.compute.local.LocalAgentSetup.Target;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Starts the local agent beside the backend and keeps it running: two agent JVMs, child processes of the backend
 * started from the built jars (DL4J and Spark never are on the backend's class path) —
 * <ul>
 *   <li>{@code dl4j}: {@code cairn-agent-dl4j.jar} (executors {@code process} and {@code dl4j}) leasing from the
 *       targets {@code local} and {@code local-dl4j};</li>
 *   <li>{@code spark}: {@code cairn-agent-spark.jar} with {@code --kinds=spark}, leasing from {@code local-spark}.</li>
 * </ul>
 * Two JVMs, not one: each agent trains in a child JVM whose class path is its own, and DL4J's and Spark's libraries
 * (Jackson, Netty, commons-*, SLF4J bindings in different versions) do not share one class path safely.
 *
 * <p>After the application is ready, the setup ({@link LocalAgentSetup}) makes sure of the targets and the service
 * account; then each agent whose jar is built starts, with its work directory and log under
 * {@code <data-dir>/local-agent/}. An agent that exits is restarted after a back-off that doubles up to
 * {@code max-backoff}; the agents stop with the backend (and are killed with its JVM; one left by a killed backend is
 * stopped at the next start).
 */
@Component
public class LocalAgentSupervisor {

    /** One agent JVM of the local agent. */
    record AgentSpec(String name, Path jar, List<Target> targets, String kinds, String buildModule) {
    }

    static final Target PROCESS = new Target("local", "process");
    static final Target DL4J = new Target("local-dl4j", "dl4j");
    static final Target SPARK = new Target("local-spark", "spark");

    private static final Logger log = LoggerFactory.getLogger(LocalAgentSupervisor.class);

    private final LocalAgentProperties properties;
    private final LocalAgentSetup setup;
    private final Environment environment;
    private final Path home;
    private final List<Supervised> agents = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "cairn-local-agent");
        thread.setDaemon(true);
        return thread;
    });

    public LocalAgentSupervisor(LocalAgentProperties properties, LocalAgentSetup setup, Environment environment,
                                CairnProperties cairn) {
        this.properties = properties;
        this.setup = setup;
        this.environment = environment;
        this.home = home(cairn);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> agents.forEach(agent -> ChildProcesses.kill(agent.process)),
                "cairn-local-agent-children"));
    }

    /** {@code <data-dir>/local-agent}: the agents' work directories, logs, pid files and the client secret. */
    static Path home(CairnProperties cairn) {
        return cairn.dataDir().toAbsolutePath().normalize().resolve("local-agent");
    }

    @EventListener(ApplicationReadyEvent.class)
    void begin() {
        if (!properties.enabled()) {
            log.info("No local agent (cairn.local-agent.enabled=false)");
            return;
        }
        loop.execute(this::startAgents);
    }

    /** The agent JVMs of the local agent, by name. */
    List<AgentSpec> specs() {
        return List.of(
                new AgentSpec("dl4j", properties.dl4jJar(), List.of(PROCESS, DL4J), null, "compute-agents/agent-dl4j"),
                new AgentSpec("spark", properties.sparkJar(), List.of(SPARK), "spark", "compute-agents/agent-spark"));
    }

    private void startAgents() {
        try {
            List<AgentSpec> runnable = new ArrayList<>();
            for (AgentSpec spec : specs()) {
                Path jar = spec.jar().toAbsolutePath().normalize();
                if (Files.isRegularFile(jar) && Files.isDirectory(jar.resolveSibling("lib"))) {
                    runnable.add(spec);
                } else {
                    log.warn("The local agent's {} executors do not run: {} (with lib/ beside it) is missing; build it with "
                                    + "`mvn -B -ntp -pl {} -am -DskipTests package` (the root build does), set "
                                    + "cairn.local-agent.{}-jar, or disable the local agent with CAIRN_LOCAL_AGENT_ENABLED=false",
                            spec.name(), jar, spec.buildModule(), spec.name());
                }
            }
            if (runnable.isEmpty()) {
                return;
            }
            Credentials credentials = setup.credentials();
            for (AgentSpec spec : runnable) {
                List<String> targetIds = new ArrayList<>();
                for (Target target : spec.targets()) {
                    setup.target(target, settings(target)).ifPresent(targetIds::add);
                }
                if (targetIds.isEmpty()) {
                    continue;
                }
                ChildProcesses.killOrphans(home, 1, spec.name() + ".pid", spec.jar().getFileName().toString());
                agents.add(new Supervised(spec, command(spec, targetIds, credentials)));
            }
            long interval = 1000;
            loop.scheduleWithFixedDelay(this::check, 0, interval, TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            log.warn("The local agent could not be set up; runs on its targets stay queued until an agent leases them", e);
        }
    }

    private TargetSettings settings(Target target) {
        return target.kind().equals(SPARK.kind()) ? new TargetSettings(properties.sparkMaster(), null, null, null)
                : TargetSettings.none();
    }

    List<String> command(AgentSpec spec, List<String> targetIds, Credentials credentials) {
        List<String> command = new ArrayList<>();
        command.add(properties.java() != null ? properties.java().toString() : ChildProcesses.java());
        command.addAll(properties.jvmOptions());
        command.addAll(List.of("-jar", spec.jar().toAbsolutePath().normalize().toString(),
                "--url=" + url(),
                "--targets=" + String.join(",", targetIds),
                "--client-id=" + credentials.clientId(),
                "--client-secret-file=" + credentials.secretFile(),
                "--work-dir=" + home.resolve(spec.name()),
                "--name=local-" + spec.name(),
                "--lease-ttl-seconds=" + properties.leaseTtlSeconds(),
                "--max-parallel=" + properties.maxParallel()));
        if (spec.kinds() != null) {
            command.add("--kinds=" + spec.kinds());
        }
        return command;
    }

    private String url() {
        if (properties.url() != null && !properties.url().isBlank()) {
            return properties.url();
        }
        return "http://localhost:" + environment.getProperty("local.server.port", "8080");
    }

    private void check() {
        Instant now = Instant.now();
        for (Supervised agent : agents) {
            try {
                agent.check(now);
            } catch (RuntimeException e) {
                log.warn("Supervising the local agent '{}' failed this round", agent.spec.name(), e);
            }
        }
    }

    /** One agent JVM and its restarts; changed by the loop's thread only. */
    private final class Supervised {

        private final AgentSpec spec;
        private final List<String> command;
        private volatile Process process;
        private Instant startedAt;
        private Instant nextStartAt = Instant.EPOCH;
        private Duration backoff = Duration.ZERO;

        Supervised(AgentSpec spec, List<String> command) {
            this.spec = spec;
            this.command = command;
        }

        void check(Instant now) {
            Process current = process;
            if (current != null && current.isAlive()) {
                if (Duration.between(startedAt, now).compareTo(properties.maxBackoff()) > 0) {
                    backoff = Duration.ZERO;
                }
                return;
            }
            if (current != null) {
                process = null;
                backoff = ChildProcesses.nextBackoff(backoff, properties.maxBackoff());
                nextStartAt = now.plus(backoff);
                log.warn("The local agent '{}' exited with code {}; restarting it in {} s (its log: {})", spec.name(),
                        current.exitValue(), backoff.toSeconds(), logFile());
                return;
            }
            if (now.isBefore(nextStartAt)) {
                return;
            }
            try {
                ProcessBuilder builder = new ProcessBuilder(command);
                // the backend's own CAIRN_* settings are not the agent's (CAIRN_URL, CAIRN_TOKEN_FILE, …)
                builder.environment().keySet().removeIf(name -> name.startsWith("CAIRN_"));
                process = ChildProcesses.start(builder, logFile(), home.resolve(spec.name() + ".pid"));
                startedAt = now;
                log.info("Started the local agent '{}' (pid {}); its log: {}", spec.name(), process.pid(), logFile());
            } catch (IOException e) {
                backoff = ChildProcesses.nextBackoff(backoff, properties.maxBackoff());
                nextStartAt = now.plus(backoff);
                log.warn("The local agent '{}' could not be started: {}", spec.name(), e.getMessage());
            }
        }

        Path logFile() {
            return home.resolve(spec.name() + ".log");
        }

        void stop() {
            if (ChildProcesses.stop(process)) {
                log.info("Stopped the local agent '{}'", spec.name());
            }
        }
    }

    /** The pid of a running agent JVM, for tests. */
    Optional<Long> pid(String name) {
        return agents.stream().filter(agent -> agent.spec.name().equals(name)).map(agent -> agent.process)
                .filter(process -> process != null && process.isAlive()).map(Process::pid).findFirst();
    }

    @PreDestroy
    void stopAll() {
        loop.shutdownNow();
        try {
            loop.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        agents.forEach(Supervised::stop);
        agents.clear();
    }
}
