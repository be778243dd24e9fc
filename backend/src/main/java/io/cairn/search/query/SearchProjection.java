package io.cairn.search.query;

import io.cairn.dataset.api.DatasetEvent.DatasetDeprecatedEvent;
import io.cairn.dataset.api.DatasetEvent.DatasetRegisteredEvent;
import io.cairn.dataset.api.DatasetEvent.DatasetVersionAddedEvent;
import io.cairn.project.api.ProjectEvent.ProjectArchivedEvent;
import io.cairn.project.api.ProjectEvent.ProjectCreatedEvent;
import io.cairn.project.api.ProjectEvent.ProjectDescribedEvent;
import io.cairn.project.api.ProjectEvent.ProjectRenamedEvent;
import io.cairn.project.api.ProjectEvent.ProjectRestoredEvent;
import io.cairn.project.api.ProjectEvent.ProjectTaggedEvent;
import io.cairn.project.api.ProjectEvent.ProjectUntaggedEvent;
import io.cairn.registry.api.RegisteredModelEvent.RegisteredModelCreatedEvent;
import io.cairn.registry.api.RegisteredModelEvent.RegisteredModelDeletedEvent;
import io.cairn.registry.api.RegisteredModelEvent.RegisteredModelDescribedEvent;
import io.cairn.registry.api.RegisteredModelEvent.RegisteredModelRenamedEvent;
import io.cairn.registry.api.RegisteredModelEvent.RegisteredModelTaggedEvent;
import io.cairn.registry.api.RegisteredModelEvent.RegisteredModelUntaggedEvent;
import io.cairn.run.api.MetricPoint;
import io.cairn.run.api.RunEvent.MetricsLoggedEvent;
import io.cairn.run.api.RunEvent.ParamsLoggedEvent;
import io.cairn.run.api.RunEvent.RunCreatedEvent;
import io.cairn.run.api.RunEvent.RunFinishedEvent;
import io.cairn.run.api.RunEvent.RunStartedEvent;
import io.cairn.run.api.RunEvent.RunTagDeletedEvent;
import io.cairn.run.api.RunEvent.RunTaggedEvent;
import io.cairn.run.api.RunStatus;
import io.cairn.run.query.RunView.LatestMetric;
import io.cairn.search.api.SearchKind;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

/**
 * Feeds the {@link SearchIndex} from project, run, dataset and model events: one document per resource,
 * read back from the index and rewritten on every change, so the projection needs no other read model and
 * a replay rebuilds the index from the event log alone. Writes are flushed once per batch of events, before
 * the processor stores its token: a crash or an unreachable search server makes the processor retry the
 * batch (every handler sets state, so applying an event twice is harmless) and never skips an event.
 */
@Component
@ProcessingGroup(SearchProjection.PROCESSING_GROUP)
public class SearchProjection {

    public static final String PROCESSING_GROUP = "search";
    static final String ACTIVE = "ACTIVE";
    private static final String FLUSH_RESOURCE = SearchProjection.class.getName() + ".flush";
    private static final String METRICS_RESOURCE = SearchProjection.class.getName() + ".metrics";

    private final SearchIndex index;

    public SearchProjection(SearchIndex index) {
        this.index = index;
    }

    @EventHandler
    void on(ProjectCreatedEvent event, @Timestamp Instant time) {
        put(SearchDocument.of(event.tenantId(), SearchKind.PROJECT, event.projectId(), event.projectId(), event.name(),
                event.description(), ACTIVE, event.tags(), time.toEpochMilli()));
    }

    @EventHandler
    void on(ProjectRenamedEvent event, @Timestamp Instant time) {
        update(event.tenantId(), SearchKind.PROJECT, event.projectId(), d -> d.withName(event.name(), millis(time)));
    }

    @EventHandler
    void on(ProjectDescribedEvent event, @Timestamp Instant time) {
        update(event.tenantId(), SearchKind.PROJECT, event.projectId(),
                d -> d.withDescription(event.description(), millis(time)));
    }

    @EventHandler
    void on(ProjectTaggedEvent event, @Timestamp Instant time) {
        update(event.tenantId(), SearchKind.PROJECT, event.projectId(),
                d -> d.withTags(merged(d.tags(), event.tags()), millis(time)));
    }

    @EventHandler
    void on(ProjectUntaggedEvent event, @Timestamp Instant time) {
        update(event.tenantId(), SearchKind.PROJECT, event.projectId(),
                d -> d.withTags(without(d.tags(), event.keys()), millis(time)));
    }

    @EventHandler
    void on(ProjectArchivedEvent event, @Timestamp Instant time) {
        update(event.tenantId(), SearchKind.PROJECT, event.projectId(), d -> d.withStatus("ARCHIVED", millis(time)));
    }

    @EventHandler
    void on(ProjectRestoredEvent event, @Timestamp Instant time) {
        update(event.tenantId(), SearchKind.PROJECT, event.projectId(), d -> d.withStatus(ACTIVE, millis(time)));
    }

    @EventHandler
    void on(RunCreatedEvent event, @Timestamp Instant time) {
        put(SearchDocument.of(event.tenantId(), SearchKind.RUN, event.runId(), event.projectId(), event.name(), null,
                event.status().name(), event.tags(), time.toEpochMilli()));
    }

    @EventHandler
    void on(RunStartedEvent event, @Timestamp Instant time) {
        update(event.tenantId(), SearchKind.RUN, event.runId(),
                d -> d.withStatus(RunStatus.RUNNING.name(), millis(time)));
    }

    @EventHandler
    void on(RunFinishedEvent event, @Timestamp Instant time) {
        update(event.tenantId(), SearchKind.RUN, event.runId(), d -> d.withStatus(event.status().name(), millis(time)));
    }

    @EventHandler
    void on(ParamsLoggedEvent event, @Timestamp Instant time) {
        update(event.tenantId(), SearchKind.RUN, event.runId(),
                d -> d.withParams(merged(d.params(), event.params()), millis(time)));
    }

    @EventHandler
    void on(RunTaggedEvent event, @Timestamp Instant time) {
        update(event.tenantId(), SearchKind.RUN, event.runId(),
                d -> d.withTags(merged(d.tags(), event.tags()), millis(time)));
    }

    @EventHandler
    void on(RunTagDeletedEvent event, @Timestamp Instant time) {
        update(event.tenantId(), SearchKind.RUN, event.runId(),
                d -> d.withTags(without(d.tags(), Set.of(event.key())), millis(time)));
    }

    /**
     * Keeps the value at the highest step, then the latest timestamp, per key (as the run read model does). Metric
     * batches are the busiest events, so a batch of events updates each run's document once, when it commits,
     * with the latest values of all its metric batches (outside a unit of work: at once).
     */
    @EventHandler
    void on(MetricsLoggedEvent event, @Timestamp Instant time) {
        Map<String, LatestMetric> latest = new HashMap<>();
        for (int i = 0; i < event.size(); i++) {
            MetricPoint point = event.point(i);
            keepNewer(latest, point.key(), new LatestMetric(point.value(), point.step(), point.timestamp()));
        }
        if (!CurrentUnitOfWork.isStarted()) {
            applyMetrics(new RunKey(event.tenantId(), event.runId()), new PendingMetrics(latest, millis(time)));
            index.flush();
            return;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        Map<RunKey, PendingMetrics> pending = unitOfWork.getOrComputeResource(METRICS_RESOURCE, key -> {
            Map<RunKey, PendingMetrics> runs = new LinkedHashMap<>();
            unitOfWork.onPrepareCommit(u -> {
                runs.forEach(this::applyMetrics);
                index.flush();
            });
            return runs;
        });
        pending.merge(new RunKey(event.tenantId(), event.runId()), new PendingMetrics(latest, millis(time)),
                PendingMetrics::plus);
    }

    private record RunKey(String tenantId, String runId) {
    }

    /** The latest values of one run's metrics over some metric batches, and the time of the last batch. */
    private record PendingMetrics(Map<String, LatestMetric> latest, long time) {

        PendingMetrics plus(PendingMetrics later) {
            Map<String, LatestMetric> merged = new HashMap<>(latest);
            later.latest().forEach((key, metric) -> keepNewer(merged, key, metric));
            return new PendingMetrics(merged, Math.max(time, later.time()));
        }
    }

    private void applyMetrics(RunKey run, PendingMetrics pending) {
        index.find(run.tenantId(), SearchKind.RUN, run.runId()).ifPresent(document -> {
            Map<String, LatestMetric> merged = new HashMap<>(document.metrics());
            pending.latest().forEach((key, metric) -> keepNewer(merged, key, metric));
            index.put(document.withMetrics(merged, Math.max(document.updateTime(), pending.time())));
        });
    }

    private static void keepNewer(Map<String, LatestMetric> latest, String key, LatestMetric candidate) {
        LatestMetric current = latest.get(key);
        if (current == null || candidate.step() > current.step()
                || candidate.step() == current.step() && candidate.timestamp() >= current.timestamp()) {
            latest.put(key, candidate);
        }
    }

    @EventHandler
    void on(DatasetRegisteredEvent event, @Timestamp Instant time) {
        put(SearchDocument.of(event.tenantId(), SearchKind.DATASET, event.datasetId(), null, event.name(),
                event.description(), ACTIVE, Map.of(), time.toEpochMilli()));
    }

    @EventHandler
    void on(DatasetVersionAddedEvent event, @Timestamp Instant time) {
        update(event.tenantId(), SearchKind.DATASET, event.datasetId(), d -> d.withStatus(d.status(), millis(time)));
    }

    @EventHandler
    void on(DatasetDeprecatedEvent event, @Timestamp Instant time) {
        update(event.tenantId(), SearchKind.DATASET, event.datasetId(), d -> d.withStatus("DEPRECATED", millis(time)));
    }

    @EventHandler
    void on(RegisteredModelCreatedEvent event, @Timestamp Instant time) {
        put(SearchDocument.of(event.tenantId(), SearchKind.MODEL, event.modelId(), null, event.name(),
                event.description(), null, event.tags(), time.toEpochMilli()));
    }

    @EventHandler
    void on(RegisteredModelRenamedEvent event, @Timestamp Instant time) {
        update(event.tenantId(), SearchKind.MODEL, event.modelId(), d -> d.withName(event.name(), millis(time)));
    }

    @EventHandler
    void on(RegisteredModelDescribedEvent event, @Timestamp Instant time) {
        update(event.tenantId(), SearchKind.MODEL, event.modelId(),
                d -> d.withDescription(event.description(), millis(time)));
    }

    @EventHandler
    void on(RegisteredModelTaggedEvent event, @Timestamp Instant time) {
        update(event.tenantId(), SearchKind.MODEL, event.modelId(),
                d -> d.withTags(merged(d.tags(), event.tags()), millis(time)));
    }

    @EventHandler
    void on(RegisteredModelUntaggedEvent event, @Timestamp Instant time) {
        update(event.tenantId(), SearchKind.MODEL, event.modelId(),
                d -> d.withTags(without(d.tags(), Set.of(event.key())), millis(time)));
    }

    @EventHandler
    void on(RegisteredModelDeletedEvent event) {
        index.delete(event.tenantId(), SearchKind.MODEL, event.modelId());
        flushWithBatch();
    }

    @ResetHandler
    void reset() {
        index.clear();
    }

    private void put(SearchDocument document) {
        index.put(document);
        flushWithBatch();
    }

    private void update(String tenantId, SearchKind kind, String id, UnaryOperator<SearchDocument> change) {
        index.find(tenantId, kind, id).ifPresent(document -> put(change.apply(document)));
    }

    /** Flushes the index once, when the batch of events commits (at once outside a unit of work). */
    private void flushWithBatch() {
        if (!CurrentUnitOfWork.isStarted()) {
            index.flush();
            return;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        unitOfWork.getOrComputeResource(FLUSH_RESOURCE, key -> {
            unitOfWork.onPrepareCommit(u -> index.flush());
            return Boolean.TRUE;
        });
    }

    private static long millis(Instant time) {
        return time.toEpochMilli();
    }

    private static Map<String, String> merged(Map<String, String> current, Map<String, String> changes) {
        Map<String, String> merged = new HashMap<>(current);
        if (changes != null) {
            merged.putAll(changes);
        }
        return merged;
    }

    private static Map<String, String> without(Map<String, String> current, Set<String> keys) {
        Map<String, String> remaining = new HashMap<>(current);
        remaining.keySet().removeAll(keys);
        return remaining;
    }
}
