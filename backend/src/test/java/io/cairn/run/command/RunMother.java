package io.cairn.run.command;

import io.cairn.run.api.EnvironmentSpec;
import io.cairn.run.api.MetricPoint;
import io.cairn.run.api.RunCommand.CreateRunCommand;
import io.cairn.run.api.RunEvent.RunCreatedEvent;
import io.cairn.run.api.RunStatus;
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

    private RunMother() {
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
