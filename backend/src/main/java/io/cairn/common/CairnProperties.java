package io.cairn.common;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings shared by every context.
 *
 * @param dataDir          where the embedded profile keeps its database, artifacts and bootstrap token
 * @param maxArtifactSize  largest single artifact accepted by {@code PUT /runs/{id}/artifacts/{path}}
 * @param readYourWrites   how long a write request waits for its projection before answering, so that a
 *                         client can read what it just wrote; metric batches never wait
 * @param readCacheTtl     how long a backend keeps in memory what every call of a hot path reads (a bearer token's
 *                         row, a deployment, a project role): a change made by this backend drops those copies at
 *                         once, one made by another instance (cluster profile) is seen within this time; 0 turns
 *                         the copies off
 */
@ConfigurationProperties("cairn")
public record CairnProperties(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue("5GB") DataSize maxArtifactSize,
        @DefaultValue("10s") Duration readYourWrites,
        @DefaultValue("1s") Duration readCacheTtl) {
}
