package io.cairn.search.query;

import io.cairn.common.error.InvalidInputException;
import io.cairn.search.api.SearchKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A parsed global search ({@code GET /api/v1/search?q=}) scoped to one organization and to what the caller
 * may see. Grammar (terms separated by white space, all of them must match):
 * <pre>
 *   q      := term ( ' '+ term )*
 *   term   := word | '"' phrase '"' | field ':' value
 *   field  := kind | project | status | id | tag.&lt;key&gt; | param.&lt;key&gt;   (a key with ':' or spaces in quotes)
 *   value  := bare-word | '"' quoted text '"'          (\" and \\ escape inside quotes)
 * </pre>
 * Words and phrases are matched as full text (standard analyzer: case-insensitive, split on word
 * boundaries) against names, descriptions, ids, tag and param keys and values and metric keys. Field filters
 * match exactly: {@code kind} one of project, run, dataset, model; {@code status} case-insensitive;
 * tag and param values case-sensitive.
 *
 * @param visibleProjects the projects whose projects and runs the caller sees; null when it sees all
 */
public record SearchQuery(String tenantId, Set<String> visibleProjects, List<String> words, List<String> phrases,
                          List<Filter> filters) {

    public static final int MAX_LENGTH = 1000;
    public static final int MAX_TERMS = 32;
    private static final String FIELD = "q";

    public enum Field {
        KIND, PROJECT, STATUS, ID, TAG, PARAM
    }

    /** An exact filter; {@code key} is the tag or param key, null for the other fields. */
    public record Filter(Field field, String key, String value) {
    }

    public SearchQuery {
        words = List.copyOf(words);
        phrases = List.copyOf(phrases);
        filters = List.copyOf(filters);
        visibleProjects = visibleProjects == null ? null : Set.copyOf(visibleProjects);
    }

    /**
     * Parses {@code q}.
     *
     * @throws InvalidInputException (field {@code q}) when {@code q} is empty, too long or not in the grammar
     */
    public static SearchQuery parse(String q, String tenantId, Set<String> visibleProjects) {
        if (q == null || q.isBlank()) {
            throw invalid("q must hold at least one word, phrase or field filter");
        }
        if (q.length() > MAX_LENGTH) {
            throw invalid("q is longer than " + MAX_LENGTH + " characters");
        }
        List<String> words = new ArrayList<>();
        List<String> phrases = new ArrayList<>();
        List<Filter> filters = new ArrayList<>();
        Cursor cursor = new Cursor(q);
        while (cursor.skipSpaces()) {
            if (words.size() + phrases.size() + filters.size() == MAX_TERMS) {
                throw invalid("q holds more than " + MAX_TERMS + " terms");
            }
            if (cursor.peek() == '"') {
                phrases.add(cursor.quoted());
                continue;
            }
            int start = cursor.position;
            String head = cursor.until(":\"");
            if (!cursor.atEnd() && cursor.peek() == '"' && namesKey(head)) {
                head = head + cursor.quoted();
                if (cursor.atEnd() || cursor.peek() != ':') {
                    throw invalid("Missing ':' and a value after '" + head + "'");
                }
            }
            if (cursor.atEnd() || Character.isWhitespace(cursor.peek()) || cursor.peek() == '"') {
                words.add(head + cursor.bare());
                continue;
            }
            cursor.position++;
            if (head.isEmpty()) {
                throw invalid("Missing field name before ':' at position " + (start + 1));
            }
            if (cursor.atEnd() || Character.isWhitespace(cursor.peek())) {
                throw invalid("Missing value after '" + head + ":'");
            }
            String value = cursor.peek() == '"' ? cursor.quoted() : cursor.bare();
            filters.add(filter(head, value));
        }
        return new SearchQuery(tenantId, visibleProjects, words, phrases, filters);
    }

    /** {@code tag.} or {@code param.}, followed by a quoted key (one that holds ':' or a space). */
    private static boolean namesKey(String head) {
        String lower = head.toLowerCase(Locale.ROOT);
        return lower.equals("tag.") || lower.equals("param.");
    }

    /** The words of every word and phrase, for highlighting. */
    public List<String> text() {
        List<String> text = new ArrayList<>(words);
        text.addAll(phrases);
        return text;
    }

    private static Filter filter(String field, String value) {
        String lower = field.toLowerCase(Locale.ROOT);
        switch (lower) {
            case "kind" -> {
                SearchKind kind = SearchKind.ofWireName(value).orElseThrow(() ->
                        invalid("Unknown kind '" + value + "'; kinds are project, run, dataset, model"));
                return new Filter(Field.KIND, null, kind.wireName());
            }
            case "project" -> {
                return new Filter(Field.PROJECT, null, value);
            }
            case "status" -> {
                return new Filter(Field.STATUS, null, value.toUpperCase(Locale.ROOT));
            }
            case "id" -> {
                return new Filter(Field.ID, null, value);
            }
            default -> {
                if (lower.startsWith("tag.") && field.length() > 4) {
                    return new Filter(Field.TAG, field.substring(4), value);
                }
                if (lower.startsWith("param.") && field.length() > 6) {
                    return new Filter(Field.PARAM, field.substring(6), value);
                }
                throw invalid("Unknown field '" + field + "'; fields are kind, project, status, id, tag.<key>,"
                        + " param.<key> (quote a value that holds ':')");
            }
        }
    }

    private static InvalidInputException invalid(String message) {
        return new InvalidInputException(FIELD, message);
    }

    private static final class Cursor {

        private final String text;
        private int position;

        Cursor(String text) {
            this.text = text;
        }

        boolean atEnd() {
            return position >= text.length();
        }

        char peek() {
            return text.charAt(position);
        }

        /** Skips white space; whether a term follows. */
        boolean skipSpaces() {
            while (!atEnd() && Character.isWhitespace(peek())) {
                position++;
            }
            return !atEnd();
        }

        /** Characters up to white space, the end or one of {@code stops} (not consumed). */
        String until(String stops) {
            int start = position;
            while (!atEnd() && !Character.isWhitespace(peek()) && stops.indexOf(peek()) < 0) {
                position++;
            }
            return text.substring(start, position);
        }

        /** Characters up to white space or the end. */
        String bare() {
            return until("");
        }

        /** A quoted string starting at the cursor, without its quotes. */
        String quoted() {
            int start = position;
            position++;
            StringBuilder value = new StringBuilder();
            while (!atEnd()) {
                char c = text.charAt(position++);
                if (c == '"') {
                    if (value.toString().isBlank()) {
                        throw invalid("Empty quotes at position " + (start + 1));
                    }
                    return value.toString();
                }
                if (c == '\\' && !atEnd()) {
                    c = text.charAt(position++);
                }
                value.append(c);
            }
            throw invalid("Unterminated quote starting at position " + (start + 1));
        }
    }
}
