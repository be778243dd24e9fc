package io.cairn.search.query;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * Highlights for search results, the same whatever the engine: each field of a document in which a word of
 * the query occurs (after the standard analyzer, so case-insensitive), as a snippet of at most
 * {@value #SNIPPET_LENGTH} characters, HTML-escaped, with every matching word wrapped in
 * {@code <em>}…{@code </em>}.
 */
public final class Highlighter {

    public static final int SNIPPET_LENGTH = 160;
    public static final int MAX_HIGHLIGHTS = 5;
    private static final int CONTEXT_BEFORE = 40;

    private final Analyzer analyzer = new StandardAnalyzer();

    /** One field with matches: {@code name}, {@code description}, {@code id}, {@code tag.<key>}, {@code param.<key>}, {@code metric.<key>}. */
    public record Highlight(String field, String snippet) {
    }

    public List<Highlight> highlight(SearchDocument document, List<String> queryText) {
        Set<String> words = new HashSet<>();
        for (String text : queryText) {
            tokens(text, (term, start, end) -> words.add(term));
        }
        if (words.isEmpty()) {
            return List.of();
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("name", document.name());
        fields.put("description", document.description());
        fields.put("id", document.id());
        document.tags().forEach((key, value) -> fields.put("tag." + key, key + "=" + value));
        document.params().forEach((key, value) -> fields.put("param." + key, key + "=" + value));
        document.metrics().keySet().forEach(key -> fields.put("metric." + key, key));
        List<Highlight> highlights = new ArrayList<>();
        for (Map.Entry<String, String> field : fields.entrySet()) {
            String snippet = snippet(field.getValue(), words);
            if (snippet != null) {
                highlights.add(new Highlight(field.getKey(), snippet));
                if (highlights.size() == MAX_HIGHLIGHTS) {
                    break;
                }
            }
        }
        return highlights;
    }

    private String snippet(String text, Set<String> words) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        List<int[]> matches = new ArrayList<>();
        tokens(text, (term, start, end) -> {
            if (words.contains(term)) {
                matches.add(new int[] {start, end});
            }
        });
        if (matches.isEmpty()) {
            return null;
        }
        int from = text.length() <= SNIPPET_LENGTH ? 0 : Math.max(0, matches.get(0)[0] - CONTEXT_BEFORE);
        int to = Math.min(text.length(), from + SNIPPET_LENGTH);
        StringBuilder snippet = new StringBuilder(from > 0 ? "…" : "");
        int at = from;
        for (int[] match : matches) {
            if (match[0] < at || match[1] > to) {
                continue;
            }
            escape(snippet, text, at, match[0]);
            snippet.append("<em>");
            escape(snippet, text, match[0], match[1]);
            snippet.append("</em>");
            at = match[1];
        }
        escape(snippet, text, at, to);
        if (to < text.length()) {
            snippet.append('…');
        }
        return snippet.toString();
    }

    private static void escape(StringBuilder out, String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
    }

    private interface TokenSink {
        void accept(String term, int start, int end);
    }

    private void tokens(String text, TokenSink sink) {
        try (TokenStream stream = analyzer.tokenStream("text", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                sink.accept(term.toString(), offset.startOffset(), offset.endOffset());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
