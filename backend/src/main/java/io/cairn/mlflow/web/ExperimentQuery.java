package io.cairn.mlflow.web;

import io.cairn.project.query.ProjectView;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An experiment search: a {@link NameFilter}; order by {@code name}, {@code experiment_id}, {@code creation_time}
 * or {@code last_update_time}, ASC or DESC (default creation time, newest first). Experiments are matched in
 * memory over at most {@value #MAX_SCANNED} projects.
 */
final class ExperimentQuery {

    static final int MAX_SCANNED = 10_000;

    private static final Pattern ORDER = Pattern.compile(
            "\\s*(?:(?i:attributes?)\\.)?(name|experiment_id|creation_time|last_update_time)(?:\\s+((?i:asc|desc)))?\\s*");

    private final Predicate<ProjectView> filter;
    private final Comparator<ProjectView> order;

    private ExperimentQuery(Predicate<ProjectView> filter, Comparator<ProjectView> order) {
        this.filter = filter;
        this.order = order;
    }

    static ExperimentQuery parse(String filter, List<String> orderBy) {
        Comparator<ProjectView> order = null;
        for (String entry : orderBy) {
            Comparator<ProjectView> next = ordering(entry);
            order = order == null ? next : order.thenComparing(next);
        }
        Comparator<ProjectView> newestFirst = Comparator.comparingLong(ProjectView::creationTime).reversed();
        order = order == null ? newestFirst : order;
        return new ExperimentQuery(NameFilter.parse(filter, ProjectView::name, ProjectView::tags),
                order.thenComparing(ProjectView::id));
    }

    boolean matches(ProjectView project) {
        return filter.test(project);
    }

    Comparator<ProjectView> order() {
        return order;
    }

    private static Comparator<ProjectView> ordering(String entry) {
        Matcher m = ORDER.matcher(entry == null ? "" : entry);
        if (!m.matches()) {
            throw MlflowException.invalid("Invalid order_by entry '" + entry + "': expected name, experiment_id, "
                    + "creation_time or last_update_time, optionally followed by ASC or DESC");
        }
        Comparator<ProjectView> comparator = switch (m.group(1)) {
            case "name" -> Comparator.comparing(ProjectView::name);
            case "experiment_id" -> Comparator.comparing(ProjectView::id);
            case "creation_time" -> Comparator.comparingLong(ProjectView::creationTime);
            default -> Comparator.comparingLong(ProjectView::lastUpdateTime);
        };
        return m.group(2) != null && m.group(2).equalsIgnoreCase("desc") ? comparator.reversed() : comparator;
    }
}
