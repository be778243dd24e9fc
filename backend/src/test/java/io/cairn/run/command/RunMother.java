package io.cairn.run.command;

import io.cairn.common.error.NotFoundException;
import io.cairn.run.api.EnvironmentSpec;
import io.cairn.run.api.MetricPoint;
import io.cairn.run.api.RunCommand.CreateRunCommand;
import io.cairn.run.api.RunCommand.LeaseRunCommand;
import io.cairn.run.api.RunCommand.SubmitRunCommand;
import io.cairn.run.api.RunEvent.RunAttemptStartedEvent;
import io.cairn.run.api.RunEvent.RunSubmittedEvent;
import io.cairn.run.api.RunSpec;
import io.cairn.run.api.RunEvent.RunCreatedEvent;
import io.cairn.run.api.RunStatus;
import io.cairn.run.api.SourceArchiveGuard;
import io.cairn.run.api.SourceSnapshot;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Test data for the run context. */
public final class RunMother {

    public static final String TENANT = "acme";
    public static final String OTHER_TENANT = "globex";
    public static final String RUN_ID = "r-1";
    public static final String PROJECT_ID = "p-1";
    public static final long NOW = 1_790_000_000_000L;
    public static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);

    public static final SourceSnapshot SOURCE = new SourceSnapshot("https://git.example.com/ml/churn.git",
            "4f2a9c1d", false, null);
    public static final EnvironmentSpec ENVIRONMENT = new EnvironmentSpec("jdk-17", null, List.of("dl4j==1.0.0-M2.1"),
            Map.of("OMP_NUM_THREADS", "2"), new EnvironmentSpec.Resources(2.0, 4096L, 0));

    /** The one source archive {@link #storedArchives} holds in {@link #TENANT}. */
    public static final String ARCHIVE = "b".repeat(64);
    public static final SourceSnapshot ARCHIVED_SOURCE = new SourceSnapshot(null, null, null, "sha256:" + ARCHIVE);

    public static final String TARGET_ID = "t-1";
    public static final String AGENT = "agent-1";
    public static final String OTHER_AGENT = "agent-2";
    public static final long LEASE_MILLIS = 30_000;
    public static final EnvironmentSpec SUBMITTED_ENVIRONMENT = new EnvironmentSpec(null, null, null,
            Map.of("GREETING", "hi"), new EnvironmentSpec.Resources(1.0, 512L, 0));

    private RunMother() {
    }

    /** A source archive store holding {@link #ARCHIVE} in {@link #TENANT}, and nothing else. */
    public static SourceArchiveGuard storedArchives() {
        return (tenantId, digest, field) -> {
            if (!TENANT.equals(tenantId) || !digest.endsWith(ARCHIVE)) {
                throw new NotFoundException("Source archive", digest, field);
            }
        };
    }

    /** A {@code process} spec as a client sends it (kind left to the target), with {@code maxAttempts}. */
    public static RunSpec spec(Integer maxAttempts) {
        return new RunSpec(null, "echo hi", Map.of("lr", "0.1"), SUBMITTED_ENVIRONMENT, null, maxAttempts, 60L);
    }

    /** The spec as the run records it. */
    public static RunSpec recordedSpec(Integer maxAttempts) {
        return new RunSpec("process", "echo hi", Map.of("lr", "0.1"), SUBMITTED_ENVIRONMENT, List.of(), maxAttempts, 60L);
    }

    public static SubmitRunCommand submit(Integer maxAttempts) {
        return new SubmitRunCommand(RUN_ID, TENANT, PROJECT_ID, "queued", Map.of(), TARGET_ID, spec(maxAttempts), null);
    }

    public static SubmitRunCommand submit(RunSpec spec) {
        return new SubmitRunCommand(RUN_ID, TENANT, PROJECT_ID, "queued", Map.of(), TARGET_ID, spec, null);
    }

    public static SubmitRunCommand submit(SourceSnapshot source) {
        return new SubmitRunCommand(RUN_ID, TENANT, PROJECT_ID, "queued", Map.of(), TARGET_ID, spec(1), source);
    }

    public static RunCreatedEvent submittedRunCreated() {
        return new RunCreatedEvent(RUN_ID, TENANT, PROJECT_ID, "queued", Map.of(), null, SUBMITTED_ENVIRONMENT,
                RunStatus.QUEUED, NOW);
    }

    public static RunSubmittedEvent submitted(int maxAttempts) {
        return new RunSubmittedEvent(RUN_ID, TENANT, PROJECT_ID, TARGET_ID, recordedSpec(maxAttempts), maxAttempts);
    }

    public static LeaseRunCommand lease(String agentId) {
        return new LeaseRunCommand(RUN_ID, TENANT, agentId, LEASE_MILLIS);
    }

    public static RunAttemptStartedEvent attemptStarted(int attempt, String agentId) {
        return new RunAttemptStartedEvent(RUN_ID, TENANT, attempt, agentId, NOW + LEASE_MILLIS, NOW);
    }

    public static CreateRunCommand create() {
        return new CreateRunCommand(RUN_ID, TENANT, PROJECT_ID, "baseline", Map.of("team", "risk"), SOURCE, ENVIRONMENT,
                null, false);
    }

    public static CreateRunCommand createQueued() {
        return new CreateRunCommand(RUN_ID, TENANT, PROJECT_ID, "baseline", Map.of("team", "risk"), SOURCE, ENVIRONMENT,
                null, true);
    }

    public static RunCreatedEvent created() {
        return created(RunStatus.RUNNING);
    }

    public static RunCreatedEvent created(RunStatus status) {
        return new RunCreatedEvent(RUN_ID, TENANT, PROJECT_ID, "baseline", Map.of("team", "risk"), SOURCE, ENVIRONMENT,
                status, NOW);
    }

    /** {@code count} points of key "loss" at steps 0..count-1. */
    public static List<MetricPoint> points(int count) {
        List<MetricPoint> points = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            points.add(new MetricPoint("loss", 1.0 / (i + 1), i, NOW + i));
        }
        return points;
    }
}
