package io.cairn.run.web;

import io.cairn.common.error.InvalidInputException;
import io.cairn.common.messaging.Commands;
import io.cairn.common.messaging.ProjectionBarrier;
import io.cairn.project.api.ProjectRole;
import io.cairn.run.api.BatchFingerprint;
import io.cairn.run.api.MetricPoint;
import io.cairn.run.api.RunCommand.LogMetricsCommand;
import io.cairn.run.query.RunReadModel;
import io.cairn.run.query.RunView;
import io.cairn.run.query.metric.MetricStore;
import io.cairn.tenancy.CairnPrincipal;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Metric ingestion and history. A batch is durable (in the event log) when the POST answers; it becomes
 * readable through GET once the {@code run-metrics} projection has applied it, typically milliseconds later.
 */
@RestController
@RequestMapping("/api/v1/runs/{runId}/metrics")
public class MetricController {

    private static final int MAX_HISTORY_PAGE = 25_000;
    private static final int DEFAULT_HISTORY_PAGE = 10_000;
    private static final int MAX_DOWNSAMPLED_POINTS = 100_000;

    /** On metric reads: {@code true} while logged batches of the run are not yet in the metric store. */
    static final String PROJECTION_BEHIND_HEADER = "Cairn-Projection-Behind";
    private static final String METRICS_PROJECTION = "run-metrics";

    private final Commands commands;
    private final RunReadModel runs;
    private final MetricStore metrics;
    private final RunAccess access;
    private final Clock clock;
    private final Counter pointsIngested;
    private final Counter batchesIngested;
    private final ProjectionBarrier projections;

    MetricController(Commands commands, RunReadModel runs, MetricStore metrics, RunAccess access, Clock clock,
                     MeterRegistry registry, ProjectionBarrier projections) {
        this.commands = commands;
        this.runs = runs;
        this.projections = projections;
        this.metrics = metrics;
        this.access = access;
        this.clock = clock;
        this.pointsIngested = Counter.builder("cairn.metrics.points.ingested")
                .description("Metric points durably logged").register(registry);
        this.batchesIngested = Counter.builder("cairn.metrics.batches.ingested")
                .description("Metric batches durably logged").register(registry);
    }

    public record PointRequest(String key, Object value, Long step, Long timestamp) {
    }

    public record LogMetricsRequest(List<PointRequest> points) {
    }

    public record LogMetricsResponse(int accepted, boolean duplicate) {
    }

    /** Without a key: the latest value of every key of the run. */
    public record LatestMetrics(String runId, Map<String, RunView.LatestMetric> metrics) {
    }

    public record MetricHistory(String key, List<MetricPoint> points, String nextPageToken, Long totalPoints,
                                Boolean downsampled) {
    }

    @PostMapping
    LogMetricsResponse log(@PathVariable String runId, @RequestBody LogMetricsRequest request,
                           @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        CairnPrincipal caller = access.caller(runId, ProjectRole.EDITOR);
        List<MetricPoint> points = toPoints(request.points());
        boolean recorded = commands.send(new LogMetricsCommand(runId, caller.tenantId(), points, idempotencyKey,
                        idempotencyKey == null ? null : fingerprintAsSent(request.points(), points)),
                RunController.RESOURCE, runId);
        if (recorded) {
            pointsIngested.increment(points.size());
            batchesIngested.increment();
        }
        return new LogMetricsResponse(points.size(), !recorded);
    }

    /**
     * The history of one key (keys may contain '/'): pages of points in logged order, or with
     * {@code maxPoints} the whole series ordered by step and downsampled to at most that many points.
     * Without a key, the latest value of every key.
     */
    @GetMapping("/{*key}")
    Object history(@PathVariable String runId, @PathVariable String key,
                   @RequestParam(required = false) Integer maxPoints,
                   @RequestParam(required = false) Integer maxResults,
                   @RequestParam(required = false) String pageToken, HttpServletResponse response) {
        CairnPrincipal caller = access.caller(runId, ProjectRole.VIEWER);
        // Metric batches are answered before they are projected: tell readers whether they see all of them.
        response.setHeader(PROJECTION_BEHIND_HEADER,
                String.valueOf(!projections.caughtUp(METRICS_PROJECTION, runId)));
        String metricKey = key.startsWith("/") ? key.substring(1) : key;
        if (metricKey.isEmpty()) {
            return new LatestMetrics(runId, runs.get(caller.tenantId(), runId).metrics());
        }
        if (maxPoints != null) {
            if (maxPoints < 4 || maxPoints > MAX_DOWNSAMPLED_POINTS) {
                throw new InvalidInputException("maxPoints", "maxPoints must be between 4 and " + MAX_DOWNSAMPLED_POINTS);
            }
            if (pageToken != null) {
                throw new InvalidInputException("pageToken", "A downsampled series is not paged; drop pageToken");
            }
            MetricStore.Series series = metrics.downsampled(caller.tenantId(), runId, metricKey, maxPoints);
            return new MetricHistory(metricKey, series.points(), null, series.totalPoints(), series.downsampled());
        }
        int size = maxResults == null ? DEFAULT_HISTORY_PAGE : maxResults;
        if (size < 1 || size > MAX_HISTORY_PAGE) {
            throw new InvalidInputException("maxResults", "maxResults must be between 1 and " + MAX_HISTORY_PAGE);
        }
        MetricStore.HistoryPage page = metrics.history(caller.tenantId(), runId, metricKey, pageToken, size);
        return new MetricHistory(metricKey, page.points(), page.nextPageToken(), null, null);
    }

    private List<MetricPoint> toPoints(List<PointRequest> requested) {
        if (requested == null) {
            throw new InvalidInputException("points", "points is required");
        }
        long now = clock.millis();
        List<MetricPoint> points = new ArrayList<>(requested.size());
        for (int i = 0; i < requested.size(); i++) {
            PointRequest point = requested.get(i);
            if (point == null) {
                throw new InvalidInputException("points[" + i + "]", "A point must not be null");
            }
            points.add(new MetricPoint(point.key(), value(point.value(), "points[" + i + "].value"),
                    point.step() == null ? 0 : point.step(), point.timestamp() == null ? now : point.timestamp()));
        }
        return points;
    }

    /**
     * The batch as the client sent it: a timestamp it left out (which Cairn sets to the time of arrival) counts as
     * absent, so resending the same request under its {@code Idempotency-Key} is recognised as a retry.
     */
    private static String fingerprintAsSent(List<PointRequest> requested, List<MetricPoint> points) {
        List<MetricPoint> asSent = new ArrayList<>(points.size());
        for (int i = 0; i < points.size(); i++) {
            MetricPoint point = points.get(i);
            asSent.add(requested.get(i).timestamp() != null ? point
                    : new MetricPoint(point.key(), point.value(), point.step(), Long.MIN_VALUE));
        }
        return BatchFingerprint.of(asSent);
    }

    /** Numbers must be finite; NaN and infinities only as the explicit strings "NaN", "Infinity", "-Infinity". */
    static double value(Object raw, String field) {
        if (raw instanceof Number number) {
            double value = number.doubleValue();
            if (!Double.isFinite(value)) {
                throw new InvalidInputException(field, "Value " + raw + " is outside the range of a double");
            }
            return value;
        }
        if (raw instanceof String text) {
            switch (text) {
                case "NaN":
                    return Double.NaN;
                case "Infinity":
                case "+Infinity":
                    return Double.POSITIVE_INFINITY;
                case "-Infinity":
                    return Double.NEGATIVE_INFINITY;
                default:
                    break;
            }
        }
        if (raw == null) {
            throw new InvalidInputException(field, "value is required");
        }
        throw new InvalidInputException(field, "value must be a finite number or one of \"NaN\", \"Infinity\", "
                + "\"-Infinity\"; got " + (raw instanceof String ? "\"" + raw + "\"" : raw.toString()));
    }
}
