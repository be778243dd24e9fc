package io.cairn.search.query;

import io.cairn.run.query.RunView.LatestMetric;
import io.cairn.search.api.SearchKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One searchable resource as the search index holds it: a project, a run, a dataset or a model of one
 * organization. Every index stores it whole (as JSON) beside the fields it searches, so a search answers
 * from the index alone and the search projection updates a document by reading it back.
 *
 * @param projectId  the project a project or run belongs to (a project's own id); null for the
 *                   organization-wide kinds (datasets, models)
 * @param status     a run's status; {@code ACTIVE}/{@code ARCHIVED} for projects, {@code ACTIVE}/{@code
 *                   DEPRECATED} for datasets; null for models
 * @param metrics    a run's latest metric values by key
 * @param updateTime epoch millis of the last change
 */
public record SearchDocument(String tenantId, SearchKind kind, String id, String projectId, String name,
                             String description, String status, Map<String, String> tags,
                             Map<String, String> params, Map<String, LatestMetric> metrics, long updateTime) {

    /** Separates key and value in the indexed {@code tag} and {@code param} terms. */
    public static final char KEY_VALUE_SEPARATOR = '\u001f';

    public SearchDocument {
        tags = tags == null ? Map.of() : new TreeMap<>(tags);
        params = params == null ? Map.of() : new TreeMap<>(params);
        metrics = metrics == null ? Map.of() : new TreeMap<>(metrics);
    }

    public static SearchDocument of(String tenantId, SearchKind kind, String id, String projectId, String name,
                                    String description, String status, Map<String, String> tags, long time) {
        return new SearchDocument(tenantId, kind, id, projectId, name, description, status, tags, Map.of(), Map.of(),
                time);
    }

    /** The document's id within its organization: {@code <kind>:<id>}. */
    public String key() {
        return key(kind, id);
    }

    public static String key(SearchKind kind, String id) {
        return kind.wireName() + ":" + id;
    }

    /** The text searched by free words: name, description, id, tag and param keys and values, metric keys. */
    public String text() {
        List<String> parts = new ArrayList<>();
        parts.add(id);
        add(parts, name);
        add(parts, description);
        tags.forEach((key, value) -> {
            parts.add(key);
            add(parts, value);
        });
        params.forEach((key, value) -> {
            parts.add(key);
            add(parts, value);
        });
        parts.addAll(metrics.keySet());
        return String.join("\n", parts);
    }

    /** The exact {@code key<US>value} terms of tags, matched by {@code tag.<key>:<value>}. */
    public List<String> tagTerms() {
        return terms(tags);
    }

    /** The exact {@code key<US>value} terms of params, matched by {@code param.<key>:<value>}. */
    public List<String> paramTerms() {
        return terms(params);
    }

    public static String term(String key, String value) {
        return key + KEY_VALUE_SEPARATOR + value;
    }

    public SearchDocument withName(String newName, long time) {
        return new SearchDocument(tenantId, kind, id, projectId, newName, description, status, tags, params, metrics,
                time);
    }

    public SearchDocument withDescription(String newDescription, long time) {
        return new SearchDocument(tenantId, kind, id, projectId, name, newDescription, status, tags, params, metrics,
                time);
    }

    public SearchDocument withStatus(String newStatus, long time) {
        return new SearchDocument(tenantId, kind, id, projectId, name, description, newStatus, tags, params, metrics,
                time);
    }

    public SearchDocument withTags(Map<String, String> newTags, long time) {
        return new SearchDocument(tenantId, kind, id, projectId, name, description, status, newTags, params, metrics,
                time);
    }

    public SearchDocument withParams(Map<String, String> newParams, long time) {
        return new SearchDocument(tenantId, kind, id, projectId, name, description, status, tags, newParams, metrics,
                time);
    }

    public SearchDocument withMetrics(Map<String, LatestMetric> newMetrics, long time) {
        return new SearchDocument(tenantId, kind, id, projectId, name, description, status, tags, params, newMetrics,
                time);
    }

    private static void add(List<String> parts, String text) {
        if (text != null && !text.isBlank()) {
            parts.add(text);
        }
    }

    private static List<String> terms(Map<String, String> entries) {
        return entries.entrySet().stream().map(e -> term(e.getKey(), e.getValue())).toList();
    }
}
