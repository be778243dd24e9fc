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
import io.cairn.search.query.SearchIndex.Key;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

/**
 * Feeds the {@link SearchIndex} from project, run, dataset and model events: one document per resource,
 * read back from the index and rewritten on every change, so the projection needs no other read model and
 * a replay rebuilds the index from the event log alone. A batch of events folds its changes per document
 * ({@link SearchChanges}) and writes them once, before the processor stores its token: one read of the
 * documents it updates, one write. A crash or an unreachable search server makes the processor retry the
 * batch (every handler sets state, so applying an event twice is harmless) and never skips an event.
 */
@Component
@ProcessingGroup(SearchProjection.PROCESSING_GROUP)
public class SearchProjection {

    public static final String PROCESSING_GROUP = "search";
    static final String ACTIVE = "ACTIVE";
    private static final String CHANGES_RESOURCE = SearchProjection.class.getName() + ".changes";

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

    /** Keeps the value at the highest step, then the latest timestamp, per key (as the run read model does). */
    @EventHandler
    void on(MetricsLoggedEvent event, @Timestamp Instant time) {
        Map<String, LatestMetric> latest = new HashMap<>();
        for (int i = 0; i < event.size(); i++) {
            MetricPoint point = event.point(i);
            keepNewer(latest, point.key(), new LatestMetric(point.value(), point.step(), point.timestamp()));
        }
        update(event.tenantId(), SearchKind.RUN, event.runId(), d -> {
            Map<String, LatestMetric> merged = new HashMap<>(d.metrics());
            latest.forEach((key, metric) -> keepNewer(merged, key, metric));
            return d.withMetrics(merged, Math.max(d.updateTime(), millis(time)));
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
        change(changes -> changes.delete(new Key(event.tenantId(), SearchKind.MODEL, event.modelId())));
    }

    @ResetHandler
    void reset() {
        index.clear();
    }

    private void put(SearchDocument document) {
        change(changes -> changes.put(document));
    }

    private void update(String tenantId, SearchKind kind, String id, UnaryOperator<SearchDocument> update) {
        change(changes -> changes.update(new Key(tenantId, kind, id), update));
    }

    /**
     * Adds to the changes of the current batch of events, written when it commits (at once outside a unit
     * of work). The writes of a batch of replayed events only need not be searchable at once.
     */
    private void change(Consumer<SearchChanges> change) {
        if (!CurrentUnitOfWork.isStarted()) {
            SearchChanges now = new SearchChanges();
            change.accept(now);
            now.writeTo(index, true);
            return;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        Batch batch = unitOfWork.getOrComputeResource(CHANGES_RESOURCE, key -> {
            Batch created = new Batch();
            unitOfWork.onPrepareCommit(u -> created.changes.writeTo(index, created.live));
            return created;
        });
        batch.live |= !ReplayToken.isReplay(unitOfWork.getMessage());
        change.accept(batch.changes);
    }

    /** A batch's changes, and whether any of them comes from an event that is not replayed. */
    private static final class Batch {

        final SearchChanges changes = new SearchChanges();
        boolean live;
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
