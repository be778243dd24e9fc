package io.cairn.search.query;

import io.cairn.run.query.RunView.LatestMetric;
import io.cairn.search.api.SearchKind;
import java.util.Map;
import java.util.UUID;

/** Search documents for tests: each factory gives a new id; tenants are passed in so tests stay apart. */
public final class SearchDocumentMother {

    private SearchDocumentMother() {
    }

    public static String tenant() {
        return "org-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static SearchDocument project(String tenant, String name) {
        String id = UUID.randomUUID().toString();
        return SearchDocument.of(tenant, SearchKind.PROJECT, id, id, name, "A project about " + name, "ACTIVE",
                Map.of("team", "vision"), 1_000);
    }

    public static SearchDocument run(String tenant, String projectId, String name, String status) {
        return new SearchDocument(tenant, SearchKind.RUN, UUID.randomUUID().toString(), projectId, name, null, status,
                Map.of("framework", "dl4j"), Map.of("lr", "0.01", "optimizer", "adam"),
                Map.of("accuracy", new LatestMetric(0.93, 10, 2_000)), 2_000);
    }

    public static SearchDocument dataset(String tenant, String name) {
        return SearchDocument.of(tenant, SearchKind.DATASET, UUID.randomUUID().toString(), null, name,
                "Images of " + name, "ACTIVE", Map.of(), 3_000);
    }

    public static SearchDocument model(String tenant, String name) {
        return SearchDocument.of(tenant, SearchKind.MODEL, UUID.randomUUID().toString(), null, name, null, null,
                Map.of("owner", "ml-team"), 4_000);
    }
}
