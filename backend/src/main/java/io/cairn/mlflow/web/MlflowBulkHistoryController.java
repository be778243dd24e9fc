package io.cairn.mlflow.web;

import io.cairn.common.messaging.ProjectionBarrier;
import io.cairn.project.api.ProjectRole;
import io.cairn.run.api.MetricPoint;
import io.cairn.run.query.metric.MetricStore;
import io.cairn.run.web.RunAccess;
import io.cairn.tenancy.CairnPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * One metric key over several runs, as MLflow's UI asks for it to draw comparison charts:
 * {@code metrics/get-history-bulk} (every point, up to 25,000 in all) and {@code metrics/get-history-bulk-interval}
 * (the points at up to {@code max_results} steps sampled evenly from the steps the runs logged in a range, plus
 * each run's first and last step in it). Each run must be readable by the caller; an unknown one, or one of
 * another organization, is RESOURCE_DOES_NOT_EXIST.
 */
@RestController
@RequestMapping({"/api/2.0/mlflow", "/ajax-api/2.0/mlflow"})
public class MlflowBulkHistoryController {

    static final int MAX_RUNS = 100;
    static final int MAX_RESULTS = 25_000;
    static final int MAX_RESULTS_PER_RUN = 2_500;
    /** Distinct steps the interval sampling keeps in memory; MLflow's UI asks for far fewer points. */
    static final int MAX_DISTINCT_STEPS = 1_000_000;
    private static final int PAGE = 25_000;
    private static final String METRICS_PROJECTION = "run-metrics";
    private static final Comparator<MetricPoint> LOGGED = Comparator.comparingLong(MetricPoint::timestamp)
            .thenComparingLong(MetricPoint::step).thenComparingDouble(MetricPoint::value);

    private final MetricStore metrics;
    private final RunAccess access;
    private final ProjectionBarrier projections;

    MlflowBulkHistoryController(MetricStore metrics, RunAccess access, ProjectionBarrier projections) {
        this.metrics = metrics;
        this.access = access;
        this.projections = projections;
    }

    @GetMapping("/metrics/get-history-bulk")
    Map<String, Object> bulk(HttpServletRequest http) {
        WireRequest request = WireRequest.ofQuery(http.getParameterMap());
        List<String> runIds = runIds(request);
        String key = request.requireString("metric_key");
        int max = Math.min(Paging.size(request.optInt("max_results"), MAX_RESULTS, Integer.MAX_VALUE), MAX_RESULTS);
        CairnPrincipal caller = readable(runIds);
        List<Map<String, Object>> found = new ArrayList<>();
        for (String runId : runIds.stream().sorted().toList()) {
            List<MetricPoint> points = new ArrayList<>();
            each(caller, runId, key, points::add, max - found.size());
            points.sort(LOGGED);
            points.forEach(point -> found.add(withRun(point, runId)));
            if (found.size() >= max) {
                break;
            }
        }
        return Map.of("metrics", found.subList(0, Math.min(max, found.size())));
    }

    @GetMapping("/metrics/get-history-bulk-interval")
    Map<String, Object> interval(HttpServletRequest http) {
        WireRequest request = WireRequest.ofQuery(http.getParameterMap());
        List<String> runIds = runIds(request);
        String key = request.requireString("metric_key");
        int perRun = Paging.size(request.optInt("max_results"), MAX_RESULTS_PER_RUN, MAX_RESULTS_PER_RUN);
        Long start = request.optLong("start_step");
        Long end = request.optLong("end_step");
        if ((start == null) != (end == null)) {
            throw MlflowException.invalid("If either start step or end step are specified, both must be specified.");
        }
        if (start != null && start > end) {
            throw MlflowException.invalid("end_step must be greater than start_step. Found start_step=" + start
                    + " and end_step=" + end + ".");
        }
        CairnPrincipal caller = readable(runIds);

        TreeSet<Long> allSteps = new TreeSet<>();
        TreeSet<Long> firstAndLast = new TreeSet<>();
        for (String runId : runIds) {
            TreeSet<Long> steps = new TreeSet<>();
            each(caller, runId, key, point -> steps.add(point.step()), Integer.MAX_VALUE);
            if (!steps.isEmpty()) {
                firstAndLast.add(steps.first());
                firstAndLast.add(steps.last());
            }
            allSteps.addAll(steps);
            if (allSteps.size() > MAX_DISTINCT_STEPS) {
                throw MlflowException.invalid("The runs logged more than " + MAX_DISTINCT_STEPS + " distinct steps of '"
                        + key + "'; narrow the range with start_step and end_step or ask for fewer runs");
            }
        }
        long from = start == null ? 0 : start;
        long to = end == null ? (allSteps.isEmpty() ? 0 : allSteps.last()) : end;
        TreeSet<Long> sampled = sample(allSteps.subSet(from, true, to, true), perRun);
        sampled.addAll(firstAndLast.subSet(from, true, to, true));

        List<Map<String, Object>> found = new ArrayList<>();
        for (String runId : runIds) {
            List<MetricPoint> points = new ArrayList<>();
            each(caller, runId, key, point -> {
                if (sampled.contains(point.step()) && points.size() < MAX_RESULTS) {
                    points.add(point);
                }
            }, Integer.MAX_VALUE);
            points.sort(Comparator.comparingLong(MetricPoint::step).thenComparing(LOGGED));
            points.forEach(point -> found.add(withRun(point, runId)));
        }
        return Map.of("metrics", found);
    }

    /** Up to {@code max} steps spread evenly over {@code steps} (sorted), always with the last one. */
    static TreeSet<Long> sample(NavigableSet<Long> steps, int max) {
        if (steps.size() <= max) {
            return new TreeSet<>(steps);
        }
        List<Long> ordered = new ArrayList<>(steps);
        double interval = (double) ordered.size() / max;
        TreeSet<Long> sampled = new TreeSet<>();
        for (int i = 0; i < max; i++) {
            sampled.add(ordered.get((int) (i * interval)));
        }
        sampled.add(ordered.get(ordered.size() - 1));
        return sampled;
    }

    private static List<String> runIds(WireRequest request) {
        List<String> runIds = request.strings("run_ids");
        if (runIds.isEmpty()) {
            throw MlflowException.invalid("run_ids must name at least one run");
        }
        if (runIds.size() > MAX_RUNS) {
            throw MlflowException.invalid("GetMetricHistoryBulkInterval request must specify at most " + MAX_RUNS
                    + " run_ids. Received " + runIds.size() + " run_ids.");
        }
        return runIds.stream().distinct().toList();
    }

    /** Checks every run before reading any, and waits until their logged batches are readable. */
    private CairnPrincipal readable(List<String> runIds) {
        CairnPrincipal caller = null;
        for (String runId : runIds) {
            caller = access.caller(runId, ProjectRole.VIEWER);
        }
        for (String runId : runIds) {
            projections.await(METRICS_PROJECTION, runId);
        }
        return caller;
    }

    /** Feeds the run's points of {@code key} in logged order to {@code sink}, stopping after {@code limit}. */
    private void each(CairnPrincipal caller, String runId, String key, Consumer<MetricPoint> sink, int limit) {
        String token = null;
        int seen = 0;
        do {
            MetricStore.HistoryPage page = metrics.history(caller.tenantId(), runId, key, token, PAGE);
            for (MetricPoint point : page.points()) {
                if (seen++ >= limit) {
                    return;
                }
                sink.accept(point);
            }
            token = page.nextPageToken();
        } while (token != null);
    }

    private static Map<String, Object> withRun(MetricPoint point, String runId) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("key", point.key());
        view.put("value", point.value());
        view.put("timestamp", point.timestamp());
        view.put("step", point.step());
        view.put("run_id", runId);
        return view;
    }
}
