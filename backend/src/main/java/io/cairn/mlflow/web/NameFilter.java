package io.cairn.mlflow.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of MLflow's experiment and registered-model search grammar Cairn answers: comparisons joined by
 * {@code AND}, each {@code [attributes.]name} or {@code tags.<key>} (key plain, in backticks or double quotes) with
 * {@code = != LIKE ILIKE} and a quoted string. A resource lacking the tag never matches.
 */
final class NameFilter {

    private static final Pattern AND = Pattern.compile("\\s+(?i:and)\\s+");
    private static final Pattern COMPARISON = Pattern.compile(
            "\\s*(?:(?i:attributes?)\\.)?(name|(?i:tags?)\\.(?:`([^`]+)`|\"([^\"]+)\"|([\\w./\\- ]+?)))\\s*"
                    + "(=|!=|(?i:like)|(?i:ilike))\\s*(?:'((?:[^']|'')*)'|\"((?:[^\"]|\"\")*)\")\\s*");

    private NameFilter() {
    }

    static <T> Predicate<T> parse(String filter, Function<T, String> name, Function<T, Map<String, String>> tags) {
        List<Predicate<T>> conditions = new ArrayList<>();
        if (filter != null && !filter.isBlank()) {
            for (String clause : AND.split(filter.strip())) {
                conditions.add(condition(clause, name, tags));
            }
        }
        return item -> conditions.stream().allMatch(c -> c.test(item));
    }

    private static <T> Predicate<T> condition(String clause, Function<T, String> name,
                                              Function<T, Map<String, String>> tags) {
        Matcher m = COMPARISON.matcher(clause);
        if (!m.matches()) {
            throw MlflowException.invalid("Invalid filter '" + clause + "': expected name or tags.<key> compared with "
                    + "=, !=, LIKE or ILIKE to a quoted string");
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
            return item -> test.test(name.apply(item));
        }
        return item -> {
            String tag = tags.apply(item).get(tagKey);
            return tag != null && test.test(tag);
        };
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
        Pattern compiled = Pattern.compile(regex.toString(),
                ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
        return v -> compiled.matcher(v).matches();
    }
}
