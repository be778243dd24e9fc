package io.cairn.deployment.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the supervisor of {@code local} deployments.
 *
 * @param enabled          whether this backend starts model servers for local deployments (one backend only:
 *                         see docs/architecture.md)
 * @param modelServerHome  the model-server module: {@code target/model-server.jar} and {@code target/lib/} below
 *                         it; unset, {@code compute-agents/model-server} below the working directory or its parent
 * @param java             the {@code java} executable for model servers; unset, the backend's own
 * @param jvmOptions       JVM options of each model server (heap)
 * @param nativeThreads    {@code OMP_NUM_THREADS} of each model server: threads of one native (ND4J) operation.
 *                         One by default: a server scores many small requests at once, and OpenMP's extra threads
 *                         only spin on a small machine; raise it for deployments that score few, large batches
 * @param startTimeout     how long a model server may take to become ready before it counts as failed
 * @param pollInterval     how often the supervisor compares what runs with what should, and checks health
 * @param maxBackoff       the longest wait before restarting a model server that crashed after it was ready
 */
@ConfigurationProperties("cairn.deployments.local")
public record LocalDeploymentProperties(
        @DefaultValue("true") boolean enabled,
        Path modelServerHome,
        Path java,
        @DefaultValue("-Xmx512m") List<String> jvmOptions,
        @DefaultValue("1") int nativeThreads,
        @DefaultValue("180s") Duration startTimeout,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("60s") Duration maxBackoff) {
}
