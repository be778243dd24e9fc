package io.cairn.search.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.dataset.api.DatasetEvent.DatasetDeprecatedEvent;
import io.cairn.dataset.api.DatasetEvent.DatasetRegisteredEvent;
import io.cairn.project.api.ProjectEvent.ProjectArchivedEvent;
import io.cairn.project.api.ProjectEvent.ProjectCreatedEvent;
import io.cairn.project.api.ProjectEvent.ProjectRenamedEvent;
import io.cairn.project.api.ProjectEvent.ProjectTaggedEvent;
import io.cairn.project.api.ProjectEvent.ProjectUntaggedEvent;
import io.cairn.registry.api.RegisteredModelEvent.RegisteredModelCreatedEvent;
import io.cairn.registry.api.RegisteredModelEvent.RegisteredModelDeletedEvent;
import io.cairn.registry.api.RegisteredModelEvent.RegisteredModelDescribedEvent;
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
import io.cairn.search.query.lucene.LuceneSearchIndex;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The search projection's handlers, called directly, over an embedded index. */
class SearchProjectionTest {

    private static final String ORG = "org";
    private static final Instant T1 = Instant.ofEpochMilli(1_000);
    private static final Instant T2 = Instant.ofEpochMilli(2_000);

    private LuceneSearchIndex index;
    private SearchProjection projection;

    @BeforeEach
    void open() throws Exception {
        index = new LuceneSearchIndex(Files.createTempDirectory("cairn-search-projection-"), JsonMapper.builder().build());
        projection = new SearchProjection(index);
    }

    @AfterEach
    void close() throws Exception {
        index.close();
    }

    private SearchDocument document(SearchKind kind, String id) {
        return index.find(ORG, kind, id).orElseThrow();
    }

    @Test
    void projectEventsKeepNameTagsAndStatus() {
        projection.on(new ProjectCreatedEvent("p1", ORG, "vision", "cats", Map.of("team", "a", "tier", "1")), T1);
        projection.on(new ProjectRenamedEvent("p1", ORG, "vision v2"), T2);
        projection.on(new ProjectTaggedEvent("p1", ORG, Map.of("team", "b")), T2);
        projection.on(new ProjectUntaggedEvent("p1", ORG, Set.of("tier")), T2);
        projection.on(new ProjectArchivedEvent("p1", ORG), T2);

        SearchDocument project = document(SearchKind.PROJECT, "p1");
        assertThat(project.projectId()).isEqualTo("p1");
        assertThat(project.name()).isEqualTo("vision v2");
        assertThat(project.description()).isEqualTo("cats");
        assertThat(project.tags()).isEqualTo(Map.of("team", "b"));
        assertThat(project.status()).isEqualTo("ARCHIVED");
        assertThat(project.updateTime()).isEqualTo(T2.toEpochMilli());
    }

    @Test
    void runEventsKeepStatusParamsTagsAndTheLatestMetricPerKey() {
        projection.on(new RunCreatedEvent("r1", ORG, "p1", "baseline", Map.of("a", "1"), null, null, RunStatus.QUEUED,
                1_000), T1);
        assertThat(document(SearchKind.RUN, "r1").status()).isEqualTo("QUEUED");
        projection.on(new RunStartedEvent("r1", ORG, 1_500), T1);
        assertThat(document(SearchKind.RUN, "r1").status()).isEqualTo("RUNNING");
        projection.on(new ParamsLoggedEvent("r1", ORG, Map.of("lr", "0.1")), T1);
        projection.on(new RunTaggedEvent("r1", ORG, Map.of("b", "2")), T1);
        projection.on(new RunTagDeletedEvent("r1", ORG, "a"), T1);
        projection.on(MetricsLoggedEvent.of("r1", ORG, List.of(new MetricPoint("acc", 0.5, 2, 10),
                new MetricPoint("acc", 0.9, 1, 20), new MetricPoint("loss", 1.0, 0, 5))), T1);
        projection.on(MetricsLoggedEvent.of("r1", ORG, List.of(new MetricPoint("acc", 0.6, 2, 30))), T1);
        projection.on(new RunFinishedEvent("r1", ORG, RunStatus.FINISHED, 3_000), T2);

        SearchDocument run = document(SearchKind.RUN, "r1");
        assertThat(run.projectId()).isEqualTo("p1");
        assertThat(run.status()).isEqualTo("FINISHED");
        assertThat(run.params()).isEqualTo(Map.of("lr", "0.1"));
        assertThat(run.tags()).isEqualTo(Map.of("b", "2"));
        assertThat(run.metrics()).isEqualTo(Map.of("acc", new LatestMetric(0.6, 2, 30),
                "loss", new LatestMetric(1.0, 0, 5)));
    }

    @Test
    void datasetsAndModelsAreOrganizationWideAndADeletedModelLeavesTheIndex() {
        projection.on(new DatasetRegisteredEvent("d1", ORG, "images", "cats"), T1);
        projection.on(new DatasetDeprecatedEvent("d1", ORG, "old"), T2);
        projection.on(new RegisteredModelCreatedEvent("m1", ORG, "detector", null, Map.of(), List.of()), T1);
        projection.on(new RegisteredModelDescribedEvent("m1", ORG, "finds cats"), T2);

        assertThat(document(SearchKind.DATASET, "d1").status()).isEqualTo("DEPRECATED");
        assertThat(document(SearchKind.DATASET, "d1").projectId()).isNull();
        assertThat(document(SearchKind.MODEL, "m1").description()).isEqualTo("finds cats");
        assertThat(index.search(SearchQuery.parse("cats", ORG, Set.of()), 0, 10)).hasSize(2);

        projection.on(new RegisteredModelDeletedEvent("m1", ORG));
        assertThat(index.find(ORG, SearchKind.MODEL, "m1")).isEmpty();
        assertThat(index.search(SearchQuery.parse("kind:model", ORG, null), 0, 10)).isEmpty();
    }

    @Test
    void eventsOfUnknownResourcesAreIgnoredAndResetEmptiesTheIndex() {
        projection.on(new RunStartedEvent("missing", ORG, 1), T1);
        assertThat(index.find(ORG, SearchKind.RUN, "missing")).isEmpty();

        projection.on(new ProjectCreatedEvent("p2", ORG, "kept", null, Map.of()), T1);
        assertThat(index.search(SearchQuery.parse("kept", ORG, null), 0, 10)).hasSize(1);
        projection.reset();
        assertThat(index.search(SearchQuery.parse("kept", ORG, null), 0, 10)).isEmpty();
    }

    @Test
    void aBatchReadsTheDocumentsItUpdatesOnceAndWritesOnceWhenItCommits() {
        projection.on(new RunCreatedEvent("r1", ORG, "p1", "one", Map.of(), null, null, RunStatus.QUEUED, 1), T1);
        projection.on(new RunCreatedEvent("r2", ORG, "p1", "two", Map.of(), null, null, RunStatus.QUEUED, 1), T1);
        CountingIndex counting = new CountingIndex(index);
        SearchProjection batched = new SearchProjection(counting);

        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("batch"));
        batched.on(new RunStartedEvent("r1", ORG, 2), T2);
        batched.on(new ParamsLoggedEvent("r1", ORG, Map.of("lr", "0.1")), T2);
        batched.on(MetricsLoggedEvent.of("r2", ORG, List.of(new MetricPoint("acc", 0.5, 1, 10))), T2);
        batched.on(new RunCreatedEvent("r3", ORG, "p1", "three", Map.of(), null, null, RunStatus.QUEUED, 1), T2);
        batched.on(new RunStartedEvent("r3", ORG, 2), T2);
        batched.on(new RunStartedEvent("unknown", ORG, 2), T2);
        assertThat(counting.finds).isEmpty();
        assertThat(document(SearchKind.RUN, "r1").status()).isEqualTo("QUEUED");
        batch.commit();

        assertThat(counting.finds).containsExactly(Set.of(new Key(ORG, SearchKind.RUN, "r1"),
                new Key(ORG, SearchKind.RUN, "r2"), new Key(ORG, SearchKind.RUN, "unknown")));
        assertThat(counting.writes).isEqualTo(1);
        assertThat(document(SearchKind.RUN, "r1").status()).isEqualTo("RUNNING");
        assertThat(document(SearchKind.RUN, "r1").params()).isEqualTo(Map.of("lr", "0.1"));
        assertThat(document(SearchKind.RUN, "r2").metrics()).containsKey("acc");
        assertThat(document(SearchKind.RUN, "r3").status()).isEqualTo("RUNNING");
        assertThat(index.find(ORG, SearchKind.RUN, "unknown")).isEmpty();
    }

    /** Segments process batches side by side: a batch that rolls back takes none of another's writes along. */
    @Test
    void batchesOfTwoSegmentsKeepTheirWritesApart() throws Exception {
        UnitOfWork<?> failing = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("segment 0"));
        projection.on(new ProjectCreatedEvent("lost", ORG, "rolled back", null, Map.of()), T1);

        Thread other = new Thread(() -> {
            UnitOfWork<?> committing = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("segment 1"));
            projection.on(new ProjectCreatedEvent("kept", ORG, "committed", null, Map.of()), T1);
            committing.commit();
        });
        other.start();
        other.join();
        failing.rollback();

        assertThat(index.find(ORG, SearchKind.PROJECT, "kept")).isPresent();
        assertThat(index.find(ORG, SearchKind.PROJECT, "lost")).isEmpty();
    }

    /** The index, counting what the projection asks of it. */
    private static final class CountingIndex implements SearchIndex {

        private final SearchIndex index;
        final List<Set<Key>> finds = new ArrayList<>();
        int writes;

        CountingIndex(SearchIndex index) {
            this.index = index;
        }

        @Override
        public Map<Key, SearchDocument> find(Collection<Key> keys) {
            finds.add(Set.copyOf(keys));
            return index.find(keys);
        }

        @Override
        public void write(List<Write> batch, boolean searchable) {
            writes++;
            index.write(batch, searchable);
        }

        @Override
        public void clear() {
            index.clear();
        }

        @Override
        public List<SearchDocument> search(SearchQuery query, long offset, int limit) {
            return index.search(query, offset, limit);
        }
    }
}
