package io.cairn.search.query;

import static io.cairn.search.query.SearchDocumentMother.dataset;
import static io.cairn.search.query.SearchDocumentMother.model;
import static io.cairn.search.query.SearchDocumentMother.project;
import static io.cairn.search.query.SearchDocumentMother.run;
import static io.cairn.search.query.SearchDocumentMother.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.search.api.SearchKind;
import io.cairn.search.query.SearchIndex.Key;
import io.cairn.search.query.SearchIndex.Write;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What every {@link SearchIndex} engine must do, run against each (Lucene always, Elasticsearch with
 * {@code -Dcairn.test.elasticsearch}). Every test works in an organization of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class SearchIndexContract {

    protected SearchIndex index;

    protected abstract SearchIndex create() throws Exception;

    protected abstract void close() throws Exception;

    @BeforeAll
    void open() throws Exception {
        index = create();
    }

    @AfterAll
    void shutDown() throws Exception {
        close();
    }

    private List<String> ids(String tenant, String q) {
        return ids(tenant, null, q);
    }

    private List<String> ids(String tenant, Set<String> visible, String q) {
        return index.search(SearchQuery.parse(q, tenant, visible), 0, 100).stream().map(SearchDocument::id).toList();
    }

    private void putAll(SearchDocument... documents) {
        index.write(Arrays.stream(documents).map(Write::put).toList(), true);
    }

    @Test
    void wordsMatchNamesCaseInsensitivelyAndAllMustMatch() {
        String tenant = tenant();
        SearchDocument resnet = project(tenant, "ResNet baseline");
        SearchDocument bert = project(tenant, "bert baseline");
        putAll(resnet, bert);

        assertThat(ids(tenant, "resnet")).containsExactly(resnet.id());
        assertThat(ids(tenant, "BASELINE")).containsExactlyInAnyOrder(resnet.id(), bert.id());
        assertThat(ids(tenant, "resnet baseline")).containsExactly(resnet.id());
        assertThat(ids(tenant, "resnet bert")).isEmpty();
    }

    @Test
    void descriptionsTagsParamsMetricKeysAndIdsAreFullText() {
        String tenant = tenant();
        SearchDocument project = project(tenant, "alpha");
        SearchDocument run = run(tenant, project.id(), "first", "FINISHED");
        putAll(project, run);

        assertThat(ids(tenant, "about")).containsExactly(project.id());
        assertThat(ids(tenant, "vision")).containsExactly(project.id());
        assertThat(ids(tenant, "adam")).containsExactly(run.id());
        assertThat(ids(tenant, "optimizer")).containsExactly(run.id());
        assertThat(ids(tenant, "accuracy")).containsExactly(run.id());
        assertThat(ids(tenant, "\"" + run.id() + "\"")).containsExactly(run.id());
    }

    @Test
    void phrasesMatchWordsInOrder() {
        String tenant = tenant();
        SearchDocument one = project(tenant, "fast image classifier");
        SearchDocument two = project(tenant, "classifier image fast");
        putAll(one, two);

        assertThat(ids(tenant, "\"image classifier\"")).containsExactly(one.id());
        assertThat(ids(tenant, "image classifier")).containsExactlyInAnyOrder(one.id(), two.id());
    }

    @Test
    void fieldFiltersMatchExactly() {
        String tenant = tenant();
        SearchDocument project = project(tenant, "filters");
        SearchDocument other = project(tenant, "other");
        SearchDocument finished = run(tenant, project.id(), "finished run", "FINISHED");
        SearchDocument failed = run(tenant, project.id(), "failed run", "FAILED");
        SearchDocument elsewhere = run(tenant, other.id(), "elsewhere run", "FINISHED")
                .withTags(Map.of("framework", "spark ml"), 5_000);
        SearchDocument data = dataset(tenant, "cats");
        SearchDocument registered = model(tenant, "classifier");
        putAll(project, other, finished, failed, elsewhere, data, registered);

        assertThat(ids(tenant, "kind:run")).containsExactlyInAnyOrder(finished.id(), failed.id(), elsewhere.id());
        assertThat(ids(tenant, "kind:dataset")).containsExactly(data.id());
        assertThat(ids(tenant, "kind:MODEL")).containsExactly(registered.id());
        assertThat(ids(tenant, "kind:run status:finished")).containsExactlyInAnyOrder(finished.id(), elsewhere.id());
        assertThat(ids(tenant, "kind:run project:" + project.id())).containsExactlyInAnyOrder(finished.id(), failed.id());
        assertThat(ids(tenant, "project:" + project.id())).containsExactlyInAnyOrder(project.id(), finished.id(),
                failed.id());
        assertThat(ids(tenant, "tag.framework:dl4j")).containsExactlyInAnyOrder(finished.id(), failed.id());
        assertThat(ids(tenant, "tag.framework:\"spark ml\"")).containsExactly(elsewhere.id());
        assertThat(ids(tenant, "tag.framework:spark")).isEmpty();
        assertThat(ids(tenant, "tag.framework:DL4J")).isEmpty();
        assertThat(ids(tenant, "param.lr:0.01 run failed")).containsExactly(failed.id());
        assertThat(ids(tenant, "id:" + data.id())).containsExactly(data.id());
    }

    @Test
    void organizationsNeverSeeEachOther() {
        String mine = tenant();
        String theirs = tenant();
        SearchDocument own = project(mine, "shared words");
        SearchDocument foreign = project(theirs, "shared words");
        putAll(own, foreign);

        assertThat(ids(mine, "shared")).containsExactly(own.id());
        assertThat(ids(theirs, "shared")).containsExactly(foreign.id());
        assertThat(ids(mine, "id:" + foreign.id())).isEmpty();
        assertThat(index.find(mine, SearchKind.PROJECT, foreign.id())).isEmpty();
    }

    @Test
    void visibleProjectsLimitProjectsAndRunsButNotDatasetsOrModels() {
        String tenant = tenant();
        SearchDocument seen = project(tenant, "topic seen");
        SearchDocument hidden = project(tenant, "topic hidden");
        SearchDocument seenRun = run(tenant, seen.id(), "topic run", "RUNNING");
        SearchDocument hiddenRun = run(tenant, hidden.id(), "topic run", "RUNNING");
        SearchDocument data = dataset(tenant, "topic data");
        SearchDocument registered = model(tenant, "topic model");
        putAll(seen, hidden, seenRun, hiddenRun, data, registered);

        assertThat(ids(tenant, Set.of(seen.id()), "topic"))
                .containsExactlyInAnyOrder(seen.id(), seenRun.id(), data.id(), registered.id());
        assertThat(ids(tenant, Set.of(), "topic")).containsExactlyInAnyOrder(data.id(), registered.id());
        assertThat(ids(tenant, null, "topic")).hasSize(6);
    }

    @Test
    void pagesAreStableDisjointAndComplete() {
        String tenant = tenant();
        List<SearchDocument> documents = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            documents.add(project(tenant, "paged " + i));
        }
        putAll(documents.toArray(SearchDocument[]::new));

        SearchQuery query = SearchQuery.parse("paged", tenant, null);
        Set<String> seen = new HashSet<>();
        List<String> order = new ArrayList<>();
        for (long offset = 0; offset < 30; offset += 10) {
            List<SearchDocument> page = index.search(query, offset, 10);
            assertThat(page).hasSizeLessThanOrEqualTo(10);
            page.forEach(d -> {
                assertThat(seen.add(d.id())).as("seen twice: " + d.id()).isTrue();
                order.add(d.id());
            });
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(documents.stream().map(SearchDocument::id).toList());
        assertThat(index.search(query, 0, 23).stream().map(SearchDocument::id).toList()).isEqualTo(order);
        assertThat(index.search(query, 23, 10)).isEmpty();
    }

    @Test
    void writesReplaceAndRemoveAndFindReadsManyAtOnce() {
        String tenant = tenant();
        SearchDocument original = model(tenant, "before");
        SearchDocument other = project(tenant, "other");
        putAll(original, other);
        SearchDocument renamed = original.withName("after", 9_000);
        putAll(renamed);

        assertThat(ids(tenant, "before")).isEmpty();
        assertThat(ids(tenant, "after")).containsExactly(original.id());
        SearchDocument found = index.search(SearchQuery.parse("after", tenant, null), 0, 1).get(0);
        assertThat(found).isEqualTo(renamed);
        Key missing = new Key(tenant, SearchKind.RUN, "missing");
        assertThat(index.find(List.of(Key.of(original), Key.of(other), missing)))
                .isEqualTo(Map.of(Key.of(original), renamed, Key.of(other), other));

        index.write(List.of(Write.delete(Key.of(original)), Write.delete(missing)), true);
        assertThat(index.find(tenant, SearchKind.MODEL, original.id())).isEmpty();
        assertThat(ids(tenant, "after")).isEmpty();
        assertThat(ids(tenant, "other")).containsExactly(other.id());
    }

    @Test
    void writesThatNeedNotBeSearchableAtOnceAreDurableAndFindable() {
        String tenant = tenant();
        SearchDocument replayed = project(tenant, "replayed");
        index.write(List.of(Write.put(replayed)), false);

        assertThat(index.find(tenant, SearchKind.PROJECT, replayed.id())).contains(replayed);
    }

    @Test
    void documentsRoundTripWhole() {
        String tenant = tenant();
        SearchDocument project = project(tenant, "whole");
        SearchDocument run = run(tenant, project.id(), "whole run", "FINISHED");
        putAll(project, run);

        assertThat(index.find(tenant, SearchKind.RUN, run.id())).contains(run);
        assertThat(index.search(SearchQuery.parse("kind:run whole", tenant, null), 0, 10)).containsExactly(run);
    }
}
