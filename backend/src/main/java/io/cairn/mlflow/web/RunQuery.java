package io.cairn.mlflow.web;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * MLflow's run-search input for Cairn's run search, which already parses MLflow's filter grammar
 * ({@code metrics.x}, {@code params.x}, {@code tags.x}, {@code attributes.x} and their synonyms). What differs: the
 * run view type becomes a condition on {@code attributes.lifecycle_stage}, and an order-by entry without prefix
 * ({@code start_time DESC}) names an attribute, as in MLflow.
 */
final class RunQuery {

    private static final Pattern PREFIXED = Pattern.compile(
            "\\s*(?i:metrics?|params?|tags?|attributes?|attr|run)\\..*", Pattern.DOTALL);

    private RunQuery() {
    }

    static String filter(String filter, ViewType viewType) {
        String condition = viewType.runCondition();
        if (filter == null || filter.isBlank()) {
            return condition;
        }
        // the grammar is a conjunction, so one more "and" term cannot change how the client's filter parses
        return condition == null ? filter : filter + " and " + condition;
    }

    static List<String> orderBy(List<String> orderBy) {
        List<String> translated = new ArrayList<>(orderBy.size());
        for (String entry : orderBy) {
            translated.add(entry == null || entry.isBlank() || PREFIXED.matcher(entry).matches()
                    ? entry : "attributes." + entry.strip());
        }
        return translated;
    }
}
