package io.cairn.mlflow.web;

import io.cairn.common.messaging.Commands;
import io.cairn.common.messaging.ProjectionBarrier;
import io.cairn.project.api.ProjectRole;
import io.cairn.run.api.MetricPoint;
import io.cairn.run.api.RunCommand.CreateRunCommand;
import io.cairn.run.api.RunCommand.DeleteRunCommand;
import io.cairn.run.api.RunCommand.DeleteRunTagCommand;
import io.cairn.run.api.RunCommand.FinishRunCommand;
import io.cairn.run.api.RunCommand.LogMetricsCommand;
import io.cairn.run.api.RunCommand.LogParamsCommand;
import io.cairn.run.api.RunCommand.RenameRunCommand;
import io.cairn.run.api.RunCommand.RestoreRunCommand;
import io.cairn.run.api.RunCommand.SetRunTagsCommand;
import io.cairn.run.api.RunCommand.StartRunCommand;
import io.cairn.run.api.RunStatus;
import io.cairn.run.query.RunReadModel;
import io.cairn.run.query.RunSearch;
import io.cairn.run.query.RunView;
import io.cairn.run.query.metric.MetricStore;
import io.cairn.run.web.RunAccess;
import io.cairn.tenancy.AccessPolicy;
import io.cairn.tenancy.AccessPolicy.Action;
import io.cairn.tenancy.CairnPrincipal;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * MLflow's runs and metrics API over Cairn's run commands and read models. Roles are those of the run's project
 * (reading VIEWER, writing EDITOR); a run the caller cannot see, or of another organization, does not exist.
 * Params, tags, renames, deletes and restores answer once the {@code runs} projection shows them; metric batches
 * once they are durable, and reads of a run ({@code runs/get}, {@code metrics/get-history}) first wait (bounded)
 * for the {@code run-metrics} projection, so a client reads back what it logged.
 */
@RestController
@RequestMapping({"/api/2.0/mlflow", "/ajax-api/2.0/mlflow"})
public class MlflowRunController {

    static final String RESOURCE = "Run";
    private static final String PROJECTION = "runs";
    private static final String METRICS_PROJECTION = "run-metrics";
    private static final int MAX_SEARCH_RESULTS = 50_000;
    private static final int MAX_EXPERIMENTS_PER_SEARCH = 100;
    private static final int MAX_HISTORY_PAGE = 25_000;

    private final Commands commands;
    private final RunReadModel runs;
    private final RunSearch search;
    private final MetricStore metrics;
    private final AccessPolicy policy;
    private final RunAccess access;
    private final ProjectionBarrier projections;
    private final DefaultExperiment defaultExperiment;
    private final MlflowDatasets datasets;
    private final Counter pointsIngested;
    private final Counter batchesIngested;

    MlflowRunController(Commands commands, RunReadModel runs, RunSearch search, MetricStore metrics, AccessPolicy policy,
                        RunAccess access, ProjectionBarrier projections, DefaultExperiment defaultExperiment,
                        MlflowDatasets datasets, MeterRegistry registry) {
        this.commands = commands;
        this.runs = runs;
        this.search = search;
        this.metrics = metrics;
        this.policy = policy;
        this.access = access;
        this.projections = projections;
        this.defaultExperiment = defaultExperiment;
        this.datasets = datasets;
        this.pointsIngested = Counter.builder("cairn.metrics.points.ingested")
                .description("Metric points durably logged").register(registry);
        this.batchesIngested = Counter.builder("cairn.metrics.batches.ingested")
                .description("Metric batches durably logged").register(registry);
    }

    @PostMapping("/runs/create")
    Map<String, Object> create(@RequestBody JsonNode body) {
        WireRequest request = WireRequest.of(body);
        String experimentId = request.requireString("experiment_id");
        Long startTime = request.optLong("start_time");
        Map<String, String> tags = MlflowTags.toMap(request.objects("tags"));
        String name = request.optString("run_name");
        if (name == null || name.isBlank()) {
            name = tags.get(MlflowViews.RUN_NAME_TAG);
        } else {
            tags.putIfAbsent(MlflowViews.RUN_NAME_TAG, name);
        }
        String projectId = DefaultExperiment.ID.equals(experimentId)
                ? defaultExperiment.resolveOrCreate(policy.caller(Action.WRITE), experimentId) : experimentId;
        CairnPrincipal caller = policy.callerOnProject(projectId, ProjectRole.EDITOR);
        String id = UUID.randomUUID().toString().replace("-", "");
        commands.sendAndProject(new CreateRunCommand(id, caller.tenantId(), projectId, name, tags, null, null,
                startTime, false), RESOURCE, id, PROJECTION);
        return Map.of("run", view(caller, runs.get(caller.tenantId(), id)));
    }

    @GetMapping("/runs/get")
    Map<String, Object> get(HttpServletRequest http) {
        String runId = WireRequest.ofQuery(http.getParameterMap()).requireString("run_id", "run_uuid");
        CairnPrincipal caller = access.caller(runId, ProjectRole.VIEWER);
        projections.await(METRICS_PROJECTION, runId);
        return Map.of("run", view(caller, runs.get(caller.tenantId(), runId)));
    }

    /**
     * Ends a run (FINISHED, FAILED, KILLED), starts a scheduled one (RUNNING) and renames it; the status it already
     * has changes nothing.
     */
    @PostMapping("/runs/update")
    Map<String, Object> update(@RequestBody JsonNode body) {
        WireRequest request = WireRequest.of(body);
        String runId = request.requireString("run_id", "run_uuid");
        String status = request.optString("status");
        Long endTime = request.optLong("end_time");
        String name = request.optString("run_name");
        CairnPrincipal caller = access.caller(runId, ProjectRole.EDITOR);
        if (name != null && !name.isEmpty()) {
            send(new RenameRunCommand(runId, caller.tenantId(), name), runId);
        }
        if (status != null) {
            RunStatus target = status(status);
            RunStatus current = runs.get(caller.tenantId(), runId).status();
            if (target == current) {
                return Map.of("run_info", MlflowViews.info(runs.get(caller.tenantId(), runId)));
            }
            if (target == RunStatus.RUNNING && current == RunStatus.QUEUED) {
                send(new StartRunCommand(runId, caller.tenantId(), null), runId);
            } else if (target.isTerminal()) {
                send(new FinishRunCommand(runId, caller.tenantId(), target, endTime), runId);
            } else {
                throw MlflowException.invalid("Run '" + runId + "' is " + MlflowViews.status(current)
                        + " and cannot become " + status);
            }
        }
        return Map.of("run_info", MlflowViews.info(runs.get(caller.tenantId(), runId)));
    }

    @PostMapping("/runs/delete")
    Map<String, Object> delete(@RequestBody JsonNode body) {
        String runId = WireRequest.of(body).requireString("run_id", "run_uuid");
        send(new DeleteRunCommand(runId, access.caller(runId, ProjectRole.EDITOR).tenantId()), runId);
        return Map.of();
    }

    @PostMapping("/runs/restore")
    Map<String, Object> restore(@RequestBody JsonNode body) {
        String runId = WireRequest.of(body).requireString("run_id", "run_uuid");
        send(new RestoreRunCommand(runId, access.caller(runId, ProjectRole.EDITOR).tenantId()), runId);
        return Map.of();
    }

    @PostMapping("/runs/log-metric")
    Map<String, Object> logMetric(@RequestBody JsonNode body) {
        WireRequest request = WireRequest.of(body);
        String runId = request.requireString("run_id", "run_uuid");
        MetricPoint point = LogBatch.point(request);
        logPoints(runId, access.caller(runId, ProjectRole.EDITOR), List.of(point));
        return Map.of();
    }

    @PostMapping("/runs/log-parameter")
    Map<String, Object> logParam(@RequestBody JsonNode body) {
        WireRequest request = WireRequest.of(body);
        String runId = request.requireString("run_id", "run_uuid");
        Map<String, String> params = LogBatch.params(List.of(request));
        CairnPrincipal caller = access.caller(runId, ProjectRole.EDITOR);
        send(new LogParamsCommand(runId, caller.tenantId(), params), runId);
        return Map.of();
    }

    @PostMapping("/runs/set-tag")
    Map<String, Object> setTag(@RequestBody JsonNode body) {
        WireRequest request = WireRequest.of(body);
        String runId = request.requireString("run_id", "run_uuid");
        Map<String, String> tags = LogBatch.tags(List.of(request));
        setTags(runId, access.caller(runId, ProjectRole.EDITOR), tags);
        return Map.of();
    }

    @PostMapping("/runs/delete-tag")
    Map<String, Object> deleteTag(@RequestBody JsonNode body) {
        WireRequest request = WireRequest.of(body);
        String runId = request.requireString("run_id", "run_uuid");
        String key = request.requireString("key");
        send(new DeleteRunTagCommand(runId, access.caller(runId, ProjectRole.EDITOR).tenantId(), key), runId);
        return Map.of();
    }

    /**
     * Params, tags and metrics in one request, within MLflow's limits (checked before anything is written):
     * params first, then tags, then the metric batch.
     */
    @PostMapping("/runs/log-batch")
    Map<String, Object> logBatch(@RequestBody JsonNode body, HttpServletRequest http) {
        LogBatch.requireBodySize(http.getContentLengthLong());
        WireRequest request = WireRequest.of(body);
        String runId = request.requireString("run_id", "run_uuid");
        LogBatch.Parsed batch = LogBatch.parse(request);
        CairnPrincipal caller = access.caller(runId, ProjectRole.EDITOR);
        if (!batch.params().isEmpty()) {
            send(new LogParamsCommand(runId, caller.tenantId(), batch.params()), runId);
        }
        if (!batch.tags().isEmpty()) {
            setTags(runId, caller, batch.tags());
        }
        if (!batch.metrics().isEmpty()) {
            logPoints(runId, caller, batch.metrics());
        }
        return Map.of();
    }

    @PostMapping("/runs/search")
    Map<String, Object> search(@RequestBody JsonNode body) {
        WireRequest request = WireRequest.of(body);
        List<String> experimentIds = request.strings("experiment_ids");
        if (experimentIds.isEmpty()) {
            throw MlflowException.invalid("experiment_ids must name at least one experiment");
        }
        if (experimentIds.size() > MAX_EXPERIMENTS_PER_SEARCH) {
            throw MlflowException.invalid("At most " + MAX_EXPERIMENTS_PER_SEARCH + " experiments per search");
        }
        String filter = RunQuery.filter(request.optString("filter"), ViewType.of(request.optString("run_view_type")));
        List<String> orderBy = RunQuery.orderBy(request.strings("order_by"));
        int size = Paging.size(request.optInt("max_results"), 1000, MAX_SEARCH_RESULTS);
        long offset = Paging.offset(request.optString("page_token"));
        CairnPrincipal caller = policy.caller(Action.READ);
        List<String> projectIds = experimentIds.stream()
                .flatMap(id -> defaultExperiment.existing(caller, id).stream()).distinct().toList();
        policy.requireVisible(caller, projectIds);
        List<RunView> page = projectIds.isEmpty() ? List.of()
                : search.search(caller.tenantId(), projectIds, filter, orderBy, size + 1, offset);
        List<MlflowViews.Run> found = new ArrayList<>();
        page.stream().limit(size).forEach(run -> found.add(view(caller, run)));
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("runs", found);
        if (page.size() > size) {
            response.put("next_page_token", Paging.token(offset + size));
        }
        return response;
    }

    /** One key's points in logged order, a page at a time (by default all of them up to 25,000). */
    @GetMapping("/metrics/get-history")
    Map<String, Object> history(HttpServletRequest http) {
        WireRequest request = WireRequest.ofQuery(http.getParameterMap());
        String runId = request.requireString("run_id", "run_uuid");
        String key = request.requireString("metric_key");
        int size = Paging.size(request.optInt("max_results"), MAX_HISTORY_PAGE, MAX_HISTORY_PAGE);
        String token = request.optString("page_token");
        CairnPrincipal caller = access.caller(runId, ProjectRole.VIEWER);
        projections.await(METRICS_PROJECTION, runId);
        MetricStore.HistoryPage page = metrics.history(caller.tenantId(), runId, key,
                token == null || token.isEmpty() ? null : token, size);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("metrics", page.points().stream().map(MlflowViews::metric).toList());
        if (page.nextPageToken() != null) {
            response.put("next_page_token", page.nextPageToken());
        }
        return response;
    }

    private void setTags(String runId, CairnPrincipal caller, Map<String, String> tags) {
        String name = tags.get(MlflowViews.RUN_NAME_TAG);
        if (name != null && !name.isBlank()) {
            send(new RenameRunCommand(runId, caller.tenantId(), name), runId);
        }
        send(new SetRunTagsCommand(runId, caller.tenantId(), tags), runId);
    }

    private void logPoints(String runId, CairnPrincipal caller, List<MetricPoint> points) {
        boolean recorded = commands.send(new LogMetricsCommand(runId, caller.tenantId(), points, null), RESOURCE, runId);
        if (recorded) {
            pointsIngested.increment(points.size());
            batchesIngested.increment();
        }
    }

    private void send(Object command, String runId) {
        commands.sendAndProject(command, RESOURCE, runId, PROJECTION);
    }

    private static RunStatus status(String value) {
        String upper = value.toUpperCase(Locale.ROOT);
        if (upper.equals("SCHEDULED")) {
            return RunStatus.QUEUED;
        }
        for (RunStatus status : RunStatus.values()) {
            if (status != RunStatus.QUEUED && status.name().equals(upper)) {
                return status;
            }
        }
        throw MlflowException.invalid("Invalid value '" + value + "' for parameter 'status': expected RUNNING, "
                + "SCHEDULED, FINISHED, FAILED or KILLED");
    }

    private MlflowViews.Run view(CairnPrincipal caller, RunView run) {
        return MlflowViews.run(run, input -> datasets.view(caller.tenantId(), input));
    }
}
