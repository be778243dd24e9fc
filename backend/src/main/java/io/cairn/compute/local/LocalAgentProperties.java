package io.cairn.compute.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the local agent: the compute agent JVMs the backend starts beside itself (see docs/compute.md, "The
 * local agent"). {@code application.yml} enables it ({@code CAIRN_LOCAL_AGENT_ENABLED=false} disables it); the
 * cluster profile does not.
 *
 * @param enabled         whether this backend starts the local agent
 * @param dl4jJar         the agent with the process and dl4j executors ({@code target/lib/} beside it); relative
 *                        to the working directory
 * @param sparkJar        the agent with the spark executor ({@code target/lib/} beside it)
 * @param url             the backend as the agent reaches it; unset, {@code http://localhost:<the server's port>}, as
 *                        the README and the samples name it (the agent sends its token only to URLs under it)
 * @param java            the {@code java} executable; unset, the backend's own
 * @param jvmOptions      JVM options of each agent JVM (training runs in JVMs of their own, sized by the run spec)
 * @param sparkMaster     the {@code sparkMaster} of the {@code local-spark} target when the setup creates it
 * @param maxParallel     runs each agent JVM executes at once
 * @param leaseTtlSeconds the agents' lease TTL
 * @param maxBackoff      the longest wait before restarting an agent JVM that exited
 */
@ConfigurationProperties("cairn.local-agent")
public record LocalAgentProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("compute-agents/agent-dl4j/target/cairn-agent-dl4j.jar") Path dl4jJar,
        @DefaultValue("compute-agents/agent-spark/target/cairn-agent-spark.jar") Path sparkJar,
        String url,
        Path java,
        @DefaultValue("-Xmx128m") List<String> jvmOptions,
        @DefaultValue("local[*]") String sparkMaster,
        @DefaultValue("1") int maxParallel,
        @DefaultValue("30") int leaseTtlSeconds,
        @DefaultValue("60s") Duration maxBackoff) {
}
