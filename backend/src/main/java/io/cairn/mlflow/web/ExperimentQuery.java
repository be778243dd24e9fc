package io.cairn.mlflow.web;

import io.cairn.project.query.ProjectView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of MLflow's experiment-search grammar Cairn answers: comparisons joined by {@code AND}, each
 * {@code [attributes.]name} or {@code tags.<key>} with {@code = != LIKE ILIKE} and a quoted string; order by
 * {@code name}, {@code experiment_id}, {@code creation_time} or {@code last_update_time}, ASC or DESC (default
 * creation time, newest first). Experiments are matched in memory over at most {@value #MAX_SCANNED} projects.
 */
final class ExperimentQuery {

    static final int MAX_SCANNED = 10_000;

    private static final Pattern AND = Pattern.compile("\\s+(?i:and)\\s+");
    private static final Pattern COMPARISON = Pattern.compile(
            "\\s*(?:(?i:attributes?)\\.)?(name|(?i:tags?)\\.(?:`([^`]+)`|\"([^\"]+)\"|([\\w./\\- ]+?)))\\s*"
                    + "(=|!=|(?i:like)|(?i:ilike))\\s*(?:'((?:[^']|'')*)'|\"((?:[^\"]|\"\")*)\")\\s*");
    private static final Pattern ORDER = Pattern.compile(
            "\\s*(?:(?i:attributes?)\\.)?(name|experiment_id|creation_time|last_update_time)(?:\\s+((?i:asc|desc)))?\\s*");

    private final List<Predicate<ProjectView>> conditions;
    private final Comparator<ProjectView> order;

    private ExperimentQuery(List<Predicate<ProjectView>> conditions, Comparator<ProjectView> order) {
        this.conditions = conditions;
        this.order = order;
    }

    static ExperimentQuery parse(String filter, List<String> orderBy) {
        List<Predicate<ProjectView>> conditions = new ArrayList<>();
        if (filter != null && !filter.isBlank()) {
            for (String clause : AND.split(filter.strip())) {
                conditions.add(condition(clause));
            }
        }
        Comparator<ProjectView> order = null;
        for (String entry : orderBy) {
            Comparator<ProjectView> next = ordering(entry);
            order = order == null ? next : order.thenComparing(next);
        }
        Comparator<ProjectView> newestFirst = Comparator.comparingLong(ProjectView::creationTime).reversed();
        order = order == null ? newestFirst : order;
        return new ExperimentQuery(conditions, order.thenComparing(ProjectView::id));
    }

    boolean matches(ProjectView project) {
        return conditions.stream().allMatch(c -> c.test(project));
    }

    Comparator<ProjectView> order() {
        return order;
    }

    private static Predicate<ProjectView> condition(String clause) {
        Matcher m = COMPARISON.matcher(clause);
        if (!m.matches()) {
            throw MlflowException.invalid("Invalid experiment filter '" + clause + "': expected "
                    + "name or tags.<key> compared with =, !=, LIKE or ILIKE to a quoted string");
        }
        String tagKey = m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3) : m.group(4);
        String operator = m.group(5).toUpperCase(Locale.ROOT);
        String value = m.group(6) != null ? m.group(6).replace("''", "'") : m.group(7).replace("\"\"", "\"");
        Predicate<String> test = switch (operator) {
            case "=" -> value::equals;
            case "!=" -> v -> !value.equals(v);
            case "LIKE" -> like(value, false);
            default -> like(value, true);
        };
        if (tagKey == null) {
            return p -> test.test(p.name());
        }
        return p -> p.tags().containsKey(tagKey) && test.test(p.tags().get(tagKey));
    }

    private static Predicate<String> like(String pattern, boolean ignoreCase) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            if (c == '%') {
                regex.append(".*");
            } else if (c == '_') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        Pattern compiled = Pattern.compile(regex.toString(), ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE
                : 0);
        return v -> compiled.matcher(v).matches();
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
