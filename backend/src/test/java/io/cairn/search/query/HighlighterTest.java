package io.cairn.search.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.search.query.Highlighter.Highlight;
import java.util.List;
import org.junit.jupiter.api.Test;

class HighlighterTest {

    private final Highlighter highlighter = new Highlighter();

    @Test
    void marksEveryMatchingWordCaseInsensitivelyPerField() {
        SearchDocument run = SearchDocumentMother.run("org", "p", "ResNet <baseline> resnet", "FINISHED");

        List<Highlight> highlights = highlighter.highlight(run, List.of("resnet", "ADAM"));

        assertThat(highlights).containsExactly(
                new Highlight("name", "<em>ResNet</em> &lt;baseline&gt; <em>resnet</em>"),
                new Highlight("param.optimizer", "optimizer=<em>adam</em>"));
    }

    @Test
    void longTextIsCutAroundTheFirstMatch() {
        String description = "word ".repeat(100) + "needle " + "tail ".repeat(100);
        SearchDocument project = SearchDocumentMother.project("org", "p").withDescription(description, 1);

        String snippet = highlighter.highlight(project, List.of("needle")).get(0).snippet();

        assertThat(snippet).startsWith("…").endsWith("…").contains("<em>needle</em>");
        assertThat(snippet.replace("<em>", "").replace("</em>", "")).hasSizeLessThanOrEqualTo(Highlighter.SNIPPET_LENGTH + 2);
    }

    @Test
    void filtersAloneHighlightNothing() {
        assertThat(highlighter.highlight(SearchDocumentMother.model("org", "m"), List.of())).isEmpty();
    }
}
