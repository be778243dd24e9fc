package io.cairn.search.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.common.error.InvalidInputException;
import io.cairn.search.query.SearchQuery.Field;
import io.cairn.search.query.SearchQuery.Filter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SearchQueryTest {

    private static SearchQuery parse(String q) {
        return SearchQuery.parse(q, "org", null);
    }

    @Test
    void wordsPhrasesAndFiltersAreSeparated() {
        SearchQuery query = parse("  resnet \"image net\" kind:Run status:finished tag.team:\"ml ops\" param.lr:0.1 id:x ");

        assertThat(query.words()).containsExactly("resnet");
        assertThat(query.phrases()).containsExactly("image net");
        assertThat(query.filters()).containsExactly(new Filter(Field.KIND, null, "run"),
                new Filter(Field.STATUS, null, "FINISHED"), new Filter(Field.TAG, "team", "ml ops"),
                new Filter(Field.PARAM, "lr", "0.1"), new Filter(Field.ID, null, "x"));
        assertThat(query.text()).containsExactly("resnet", "image net");
    }

    @Test
    void quotesEscapeAndValuesMayHoldColons() {
        SearchQuery query = parse("tag.uri:\"s3://bucket/a\\\"b\" project:p-1");

        assertThat(query.filters()).containsExactly(new Filter(Field.TAG, "uri", "s3://bucket/a\"b"),
                new Filter(Field.PROJECT, null, "p-1"));
    }

    @Test
    void keysWithColonsOrSpacesAreQuoted() {
        SearchQuery query = parse("param.\"optimizer:lr\":0.01 TAG.\"eval set\":\"hold out\"");

        assertThat(query.filters()).containsExactly(new Filter(Field.PARAM, "optimizer:lr", "0.01"),
                new Filter(Field.TAG, "eval set", "hold out"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "colour:red", ":x", "kind:", "kind:widget", "\"open", "\"\"", "tag.:x",
            "s3://bucket", "param.\"a:b\"", "param.\"a:b\" x", "tag.\"a:b\":", "tag.\"open:x"})
    void invalidQueriesNameTheFieldQ(String q) {
        assertThatThrownBy(() -> parse(q)).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.field()).isEqualTo("q"));
    }

    @Test
    void tooLongOrTooManyTermsIsRejected() {
        assertThatThrownBy(() -> parse("x".repeat(SearchQuery.MAX_LENGTH + 1))).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> parse("a ".repeat(SearchQuery.MAX_TERMS + 1))).isInstanceOf(InvalidInputException.class);
    }
}
