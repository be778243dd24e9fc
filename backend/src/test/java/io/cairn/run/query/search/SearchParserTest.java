package io.cairn.run.query.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.cairn.common.error.InvalidInputException;
import io.cairn.run.query.search.SearchField.Keyed;
import io.cairn.run.query.search.SearchField.RunAttribute;
import io.cairn.run.query.search.Value.Millis;
import io.cairn.run.query.search.Value.Real;
import io.cairn.run.query.search.Value.Text;
import io.cairn.run.query.search.Value.TextList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SearchParserTest {

    private static final Keyed ACC = new Keyed(KeyedEntity.METRIC, "acc");
    private static final Keyed LR = new Keyed(KeyedEntity.PARAM, "lr");
    private static final Keyed TEAM = new Keyed(KeyedEntity.TAG, "team");

    private static Comparison single(String filter) {
        List<Comparison> comparisons = SearchParser.parseFilter(filter);
        assertThat(comparisons).hasSize(1);
        return comparisons.get(0);
    }

    private static InvalidInputException filterError(String filter) {
        InvalidInputException error =
                catchThrowableOfType(InvalidInputException.class, () -> SearchParser.parseFilter(filter));
        assertThat(error).as("error for <%s>", filter).isNotNull();
        assertThat(error.field()).isEqualTo("filter");
        return error;
    }

    @Test
    void nullOrBlankFilterMatchesEverything() {
        assertThat(SearchParser.parseFilter(null)).isEmpty();
        assertThat(SearchParser.parseFilter("")).isEmpty();
        assertThat(SearchParser.parseFilter("  \t\n")).isEmpty();
    }

    @Nested
    class Metrics {

        @ParameterizedTest
        @CsvSource({"=, EQ", "!=, NE", ">, GT", ">=, GE", "<, LT", "<=, LE"})
        void everyNumericOperator(String symbol, Operator operator) {
            assertThat(single("metrics.acc " + symbol + " 0.9")).isEqualTo(new Comparison(ACC, operator, new Real(0.9)));
        }

        @Test
        void operatorsNeedNoSurroundingSpace() {
            assertThat(single("metrics.acc>=0.9")).isEqualTo(new Comparison(ACC, Operator.GE, new Real(0.9)));
            assertThat(single("metrics.acc<-1")).isEqualTo(new Comparison(ACC, Operator.LT, new Real(-1)));
        }

        @ParameterizedTest
        @CsvSource({"1, 1", "0.5, 0.5", "-3, -3", "+3, 3", "-.5, -0.5", ".25, 0.25", "1e-3, 0.001", "2.5E+2, 250",
                "-1.5e2, -150", "7., 7"})
        void numberForms(String literal, double expected) {
            assertThat(single("metrics.loss < " + literal).value()).isEqualTo(new Real(expected));
        }

        @Test
        void operatorsOtherThanNumericAreRefused() {
            assertThat(filterError("metrics.acc LIKE '%9'")).hasMessage(
                    "Invalid filter at position 13: operator LIKE is not allowed for metrics (use =, !=, >, >=, <, <=)");
            assertThat(filterError("metrics.acc IN ('1')")).hasMessage(
                    "Invalid filter at position 13: operator IN is not allowed for metrics (use =, !=, >, >=, <, <=)");
        }

        @Test
        void stringValueIsRefused() {
            assertThat(filterError("metrics.acc > 'high'")).hasMessage(
                    "Invalid filter at position 15: metrics.acc is compared with a number, not a string like 'high'");
        }

        @Test
        void numberOutOfRangeIsRefused() {
            assertThat(filterError("metrics.acc > 1e999"))
                    .hasMessage("Invalid filter at position 15: number 1e999 is out of range");
            assertThat(filterError("metrics.acc > 1e99999999999"))
                    .hasMessage("Invalid filter at position 15: number 1e99999999999 is out of range");
            assertThat(filterError("attributes.start_time > 1e99999"))
                    .hasMessageContaining("is compared with a whole number of milliseconds since the epoch, not 1e99999");
        }
    }

    @Nested
    class ParamsAndTags {

        @ParameterizedTest
        @CsvSource({"=, EQ", "!=, NE", "LIKE, LIKE", "ILIKE, ILIKE"})
        void everyScalarStringOperator(String symbol, Operator operator) {
            assertThat(single("params.lr " + symbol + " '0.01'")).isEqualTo(new Comparison(LR, operator, new Text("0.01")));
            assertThat(single("tags.team " + symbol + " \"vision\""))
                    .isEqualTo(new Comparison(TEAM, operator, new Text("vision")));
        }

        @Test
        void inAndNotIn() {
            assertThat(single("params.lr IN ('0.1', '0.01')"))
                    .isEqualTo(new Comparison(LR, Operator.IN, new TextList(List.of("0.1", "0.01"))));
            assertThat(single("tags.team not in (\"a\",'b')"))
                    .isEqualTo(new Comparison(TEAM, Operator.NOT_IN, new TextList(List.of("a", "b"))));
            assertThat(single("params.lr in ('x')"))
                    .isEqualTo(new Comparison(LR, Operator.IN, new TextList(List.of("x"))));
        }

        @ParameterizedTest
        @ValueSource(strings = {"like", "LIKE", "Like", "lIkE"})
        void keywordsIgnoreCase(String like) {
            assertThat(single("tags.team " + like + " 'v%'").operator()).isEqualTo(Operator.LIKE);
            assertThat(single("tags.team i" + like + " 'v%'").operator()).isEqualTo(Operator.ILIKE);
        }

        @Test
        void numericOperatorsAreRefused() {
            assertThat(filterError("params.lr > '0.1'")).hasMessage(
                    "Invalid filter at position 11: operator > is not allowed for params"
                            + " (use =, !=, LIKE, ILIKE, IN, NOT IN)");
            assertThat(filterError("tags.team <= 'x'")).hasMessage(
                    "Invalid filter at position 11: operator <= is not allowed for tags"
                            + " (use =, !=, LIKE, ILIKE, IN, NOT IN)");
        }

        @Test
        void numberValueIsRefusedWithAHint() {
            assertThat(filterError("params.lr = 0.01")).hasMessage(
                    "Invalid filter at position 13: params.lr is compared with a quoted string, not a number"
                            + " (write '0.01')");
        }

        @Test
        void malformedLists() {
            assertThat(filterError("params.lr IN '0.1'")).hasMessage("Invalid filter at position 14: expected a"
                    + " parenthesised list such as ('a', 'b') after IN but found '0.1'");
            assertThat(filterError("params.lr IN ()"))
                    .hasMessage("Invalid filter at position 15: the list after IN must not be empty");
            assertThat(filterError("params.lr NOT IN ('a' 'b')")).hasMessage(
                    "Invalid filter at position 23: expected ',' or ')' in the list after NOT IN but found 'b'");
            assertThat(filterError("params.lr IN ('a', 1)")).hasMessage(
                    "Invalid filter at position 20: the list after IN may only hold quoted strings but found '1'");
            assertThat(filterError("params.lr IN ('a',")).hasMessage("Invalid filter at position 19: the list after"
                    + " IN may only hold quoted strings but found the end of the input");
            assertThat(filterError("params.lr = ('a')")).hasMessage("Invalid filter at position 13: expected a"
                    + " value after '=' but found '(' (lists are only allowed after IN and NOT IN)");
        }

        @Test
        void notMustBeFollowedByIn() {
            assertThat(filterError("params.lr NOT LIKE 'x'"))
                    .hasMessage("Invalid filter at position 15: expected IN after NOT but found 'LIKE'");
        }
    }

    @Nested
    class Attributes {

        private Comparison attribute(String filter, Attribute expected) {
            Comparison comparison = single(filter);
            assertThat(comparison.field()).isEqualTo(new RunAttribute(expected));
            return comparison;
        }

        @ParameterizedTest
        @CsvSource({"=, EQ", "!=, NE", "LIKE, LIKE", "ILIKE, ILIKE"})
        void statusNameAndCreatorTakeStringOperators(String symbol, Operator operator) {
            assertThat(attribute("attributes.status " + symbol + " 'FINISHED'", Attribute.STATUS))
                    .isEqualTo(new Comparison(new RunAttribute(Attribute.STATUS), operator, new Text("FINISHED")));
            assertThat(attribute("attributes.run_name " + symbol + " 'x'", Attribute.RUN_NAME).operator())
                    .isEqualTo(operator);
            assertThat(attribute("attributes.created_by " + symbol + " 'x'", Attribute.CREATED_BY).operator())
                    .isEqualTo(operator);
        }

        @Test
        void mlflowsScheduledStatusMeansQueued() {
            assertThat(attribute("attributes.status = 'SCHEDULED'", Attribute.STATUS).value())
                    .isEqualTo(new Text("QUEUED"));
            assertThat(attribute("attributes.status IN ('SCHEDULED', 'RUNNING')", Attribute.STATUS).value())
                    .isEqualTo(new TextList(List.of("QUEUED", "RUNNING")));
            assertThat(attribute("attributes.run_name = 'SCHEDULED'", Attribute.RUN_NAME).value())
                    .isEqualTo(new Text("SCHEDULED"));
        }

        @Test
        void listOperators() {
            assertThat(attribute("attributes.status IN ('RUNNING', 'KILLED')", Attribute.STATUS).value())
                    .isEqualTo(new TextList(List.of("RUNNING", "KILLED")));
            assertThat(attribute("attributes.run_id NOT IN ('r1')", Attribute.RUN_ID).operator())
                    .isEqualTo(Operator.NOT_IN);
            assertThat(attribute("attributes.project_id IN ('p1', 'p2')", Attribute.PROJECT_ID).operator())
                    .isEqualTo(Operator.IN);
        }

        @ParameterizedTest
        @CsvSource({"=, EQ", "!=, NE", ">, GT", ">=, GE", "<, LT", "<=, LE"})
        void timesTakeNumericOperatorsAndMilliseconds(String symbol, Operator operator) {
            assertThat(attribute("attributes.start_time " + symbol + " 1700000000000", Attribute.START_TIME))
                    .isEqualTo(new Comparison(new RunAttribute(Attribute.START_TIME), operator,
                            new Millis(1_700_000_000_000L)));
            assertThat(attribute("attributes.end_time " + symbol + " 1.7e12", Attribute.END_TIME).value())
                    .isEqualTo(new Millis(1_700_000_000_000L));
        }

        @Test
        void aliases() {
            attribute("attributes.name = 'x'", Attribute.RUN_NAME);
            attribute("attributes.id = 'x'", Attribute.RUN_ID);
            attribute("attributes.user_id = 'x'", Attribute.CREATED_BY);
            attribute("attributes.STATUS = 'x'", Attribute.STATUS);
        }

        @Test
        void restrictedOperators() {
            assertThat(filterError("attributes.run_id LIKE 'a%'")).hasMessage("Invalid filter at position 19:"
                    + " operator LIKE is not allowed for attributes.run_id (use =, !=, IN, NOT IN)");
            assertThat(filterError("attributes.project_id NOT IN ('p')")).hasMessage("Invalid filter at"
                    + " position 23: operator NOT IN is not allowed for attributes.project_id (use =, !=, IN)");
            assertThat(filterError("attributes.start_time LIKE '1%'")).hasMessage("Invalid filter at position 23:"
                    + " operator LIKE is not allowed for attributes.start_time (use =, !=, >, >=, <, <=)");
            assertThat(filterError("attributes.status > 'A'")).hasMessage("Invalid filter at position 19:"
                    + " operator > is not allowed for attributes.status (use =, !=, LIKE, ILIKE, IN, NOT IN)");
        }

        @Test
        void timeValuesMustBeWholeMilliseconds() {
            assertThat(filterError("attributes.start_time > 1.5")).hasMessage("Invalid filter at position 25:"
                    + " attributes.start_time is compared with a whole number of milliseconds since the epoch, not 1.5");
            assertThat(filterError("attributes.end_time < '2024-01-01'")).hasMessage("Invalid filter at"
                    + " position 23: attributes.end_time is compared with a whole number of milliseconds since the"
                    + " epoch, not a string like '2024-01-01'");
        }

        @Test
        void unknownAttributeListsTheValidOnes() {
            assertThat(filterError("metrics.acc > 1 and attributes.artifact_uri = 'x'")).hasMessage(
                    "Invalid filter at position 21: unknown attribute 'artifact_uri'; valid attributes are status,"
                            + " run_name (or name), run_id (or id), start_time, end_time, created_by (or user_id),"
                            + " project_id, lifecycle_stage");
        }
    }

    @Nested
    class Identifiers {

        @ParameterizedTest
        @CsvSource({"metrics.acc, METRIC", "metric.acc, METRIC", "METRICS.acc, METRIC", "params.acc, PARAM",
                "param.acc, PARAM", "tags.acc, TAG", "tag.acc, TAG", "Tags.acc, TAG"})
        void prefixesAndTheirSingulars(String identifier, KeyedEntity entity) {
            String value = entity == KeyedEntity.METRIC ? "1" : "'1'";
            assertThat(single(identifier + " = " + value).field()).isEqualTo(new Keyed(entity, "acc"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"attributes", "attribute", "attr", "run"})
        void attributePrefixes(String prefix) {
            assertThat(single(prefix + ".status = 'RUNNING'").field()).isEqualTo(new RunAttribute(Attribute.STATUS));
        }

        @Test
        void plainKeysMayHoldDotsSlashesAndDashes() {
            assertThat(single("metrics.val/acc-top.5 > 0").field())
                    .isEqualTo(new Keyed(KeyedEntity.METRIC, "val/acc-top.5"));
            assertThat(single("params.1st_layer = 'x'").field()).isEqualTo(new Keyed(KeyedEntity.PARAM, "1st_layer"));
        }

        @Test
        void quotedKeys() {
            assertThat(single("metrics.`my key` > 0").field()).isEqualTo(new Keyed(KeyedEntity.METRIC, "my key"));
            assertThat(single("params.\"lr 1\" = '0.1'").field()).isEqualTo(new Keyed(KeyedEntity.PARAM, "lr 1"));
            assertThat(single("tags.`mlflow.source.name` = 'x'").field())
                    .isEqualTo(new Keyed(KeyedEntity.TAG, "mlflow.source.name"));
            assertThat(single("tags.`a``b` = 'x'").field()).isEqualTo(new Keyed(KeyedEntity.TAG, "a`b"));
            assertThat(single("tags.`it's` = 'x'").field()).isEqualTo(new Keyed(KeyedEntity.TAG, "it's"));
            assertThat(single("attributes.`status` = 'x'").field()).isEqualTo(new RunAttribute(Attribute.STATUS));
        }

        @Test
        void keyProblems() {
            assertThat(filterError("metrics.`` > 1"))
                    .hasMessage("Invalid filter at position 9: empty key after 'metrics.'");
            assertThat(filterError("metrics.`my key > 1"))
                    .hasMessage("Invalid filter at position 9: unterminated quoted key (missing closing `)");
            assertThat(filterError("metrics. > 1")).hasMessage("Invalid filter at position 9: missing key after"
                    + " 'metrics.' (keys with special characters are quoted with backticks, e.g. metrics.`my key`)");
        }

        @Test
        void unknownPrefix() {
            assertThat(filterError("metricz.acc > 1")).hasMessage("Invalid filter at position 1: unknown prefix"
                    + " 'metricz' in 'metricz.acc'; use metrics., params., tags. or attributes.");
        }

        @Test
        void missingPrefix() {
            assertThat(filterError("acc > 1")).hasMessage("Invalid filter at position 1: expected an identifier such"
                    + " as metrics.<key>, params.<key>, tags.<key> or attributes.<name> but found 'acc'");
        }
    }

    @Nested
    class Strings {

        @ParameterizedTest
        @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
                "'it''s'          | it's",
                "'it\\'s'         | it's",
                "\"say \"\"hi\"\"\" | say \"hi\"",
                "\"a\\\"b\"       | a\"b",
                "'a\\\\b'         | a\\b",
                "'50\\%'          | 50\\%",
                "'a_b\\_c'        | a_b\\_c",
                "\"it's\"         | it's",
                "''               | ''"})
        void escapes(String literal, String expected) {
            String expectedText = expected.equals("''") ? "" : expected;
            assertThat(single("tags.note = " + literal).value()).isEqualTo(new Text(expectedText));
        }

        @Test
        void whitespaceAndKeywordsInsideStringsAreKept() {
            assertThat(single("tags.note = ' a and b or c '").value()).isEqualTo(new Text(" a and b or c "));
        }

        @Test
        void unterminatedString() {
            assertThat(filterError("params.lr = '0.01"))
                    .hasMessage("Invalid filter at position 13: unterminated string (missing closing ')");
            assertThat(filterError("params.lr = \"0.01\\\""))
                    .hasMessage("Invalid filter at position 13: unterminated string (missing closing \")");
        }
    }

    @Nested
    class Conjunctions {

        @ParameterizedTest
        @ValueSource(strings = {"and", "AND", "And", "aNd"})
        void andInAnyCase(String and) {
            assertThat(SearchParser.parseFilter("metrics.acc > 0.9 " + and + " params.lr = '0.01' " + and
                    + " tags.team='x'")).containsExactly(
                    new Comparison(ACC, Operator.GT, new Real(0.9)),
                    new Comparison(LR, Operator.EQ, new Text("0.01")),
                    new Comparison(TEAM, Operator.EQ, new Text("x")));
        }

        @Test
        void orIsNotSupported() {
            assertThat(filterError("metrics.a > 1 or metrics.b < 2")).hasMessage(
                    "Invalid filter at position 15: 'or' is not supported; combine comparisons with 'and'");
            assertThat(filterError("metrics.a > 1 OR metrics.b < 2")).hasMessageContaining("'or' is not supported");
        }

        @Test
        void missingAnd() {
            assertThat(filterError("metrics.a > 1 metrics.b < 2")).hasMessage("Invalid filter at position 15:"
                    + " expected 'and' or the end of the filter after 'metrics.a > 1' but found 'metrics.b'");
        }

        @Test
        void danglingAnd() {
            assertThat(filterError("metrics.a > 1 and ")).hasMessage("Invalid filter at position 19: expected an"
                    + " identifier such as metrics.<key>, params.<key>, tags.<key> or attributes.<name> but found"
                    + " the end of the input");
        }

        @Test
        void parenthesesAreNotPartOfTheGrammar() {
            assertThat(filterError("(metrics.a > 1)")).hasMessageStartingWith(
                    "Invalid filter at position 1: expected an identifier such as metrics.<key>");
        }
    }

    @Nested
    class SyntaxErrors {

        @Test
        void missingOperator() {
            assertThat(filterError("metrics.acc foo 1")).hasMessage(
                    "Invalid filter at position 13: expected a comparison operator after 'metrics.acc' but found 'foo'");
            assertThat(filterError("metrics.acc")).hasMessage("Invalid filter at position 12: expected a comparison"
                    + " operator after 'metrics.acc' but found the end of the input");
        }

        @Test
        void missingValue() {
            assertThat(filterError("metrics.acc >")).hasMessage(
                    "Invalid filter at position 14: expected a value after '>' but found the end of the input");
            assertThat(filterError("params.lr = and")).hasMessage(
                    "Invalid filter at position 13: expected a value after '=' but found 'and'");
        }

        @Test
        void invalidNumbers() {
            assertThat(filterError("metrics.a > 1.2.3")).hasMessage("Invalid filter at position 13: invalid number '1.2.3'");
            assertThat(filterError("metrics.a > 1e")).hasMessage("Invalid filter at position 13: invalid number '1e'");
            assertThat(filterError("metrics.a > 9abc")).hasMessage("Invalid filter at position 13: invalid number '9abc'");
        }

        @Test
        void unexpectedCharacters() {
            assertThat(filterError("metrics.a > 1 & metrics.b < 2"))
                    .hasMessage("Invalid filter at position 15: unexpected character '&'");
            assertThat(filterError("metrics.a == 1"))
                    .hasMessage("Invalid filter at position 11: unexpected '==' (use '=' to test equality)");
            assertThat(filterError("metrics.a <> 1"))
                    .hasMessage("Invalid filter at position 11: unexpected '<>' (use '!=' to test inequality)");
            assertThat(filterError("metrics.a ! 1"))
                    .hasMessage("Invalid filter at position 11: unexpected character '!' (use '!=' to test inequality)");
        }

        @Test
        void positionsCountFromOneIncludingLeadingWhitespace() {
            assertThat(filterError("   metrics.acc ~ 1")).hasMessage("Invalid filter at position 16: unexpected character '~'");
        }

        @Test
        void longTokensAreShortenedInMessages() {
            String key = "k".repeat(100);
            assertThat(filterError("metrics.acc > 1 " + key).getMessage())
                    .endsWith("but found '" + "k".repeat(40) + "...'");
        }

        @Test
        void lengthLimit() {
            String atLimit = "params.k = '" + "a".repeat(SearchParser.MAX_INPUT_LENGTH - 13) + "'";
            assertThat(atLimit).hasSize(4000);
            assertThat(SearchParser.parseFilter(atLimit)).hasSize(1);
            assertThat(filterError(atLimit + " ")).hasMessage(
                    "Invalid filter: must be at most 4000 characters long but has 4001");
        }
    }

    @Nested
    class OrderBy {

        private InvalidInputException orderByError(String entry, int index) {
            InvalidInputException error =
                    catchThrowableOfType(InvalidInputException.class, () -> SearchParser.parseOrderBy(entry, index));
            assertThat(error).as("error for <%s>", entry).isNotNull();
            assertThat(error.field()).isEqualTo("orderBy[" + index + "]");
            return error;
        }

        @Test
        void directionDefaultsToAscendingAndIgnoresCase() {
            assertThat(SearchParser.parseOrderBy("metrics.acc", 0)).isEqualTo(new OrderTerm(ACC, false));
            assertThat(SearchParser.parseOrderBy("metrics.acc ASC", 0)).isEqualTo(new OrderTerm(ACC, false));
            assertThat(SearchParser.parseOrderBy("metrics.acc desc", 0)).isEqualTo(new OrderTerm(ACC, true));
            assertThat(SearchParser.parseOrderBy("  params.lr   DESC ", 0)).isEqualTo(new OrderTerm(LR, true));
        }

        @Test
        void everyKindOfField() {
            assertThat(SearchParser.parseOrderBy("tag.team", 0).field()).isEqualTo(TEAM);
            assertThat(SearchParser.parseOrderBy("attributes.start_time DESC", 0))
                    .isEqualTo(new OrderTerm(new RunAttribute(Attribute.START_TIME), true));
            assertThat(SearchParser.parseOrderBy("attribute.name", 0).field())
                    .isEqualTo(new RunAttribute(Attribute.RUN_NAME));
            assertThat(SearchParser.parseOrderBy("metrics.`val loss` DESC", 0))
                    .isEqualTo(new OrderTerm(new Keyed(KeyedEntity.METRIC, "val loss"), true));
        }

        @Test
        void errors() {
            assertThat(orderByError("metrics.acc DOWN", 0)).hasMessage(
                    "Invalid orderBy[0] at position 13: expected ASC or DESC after 'metrics.acc' but found 'DOWN'");
            assertThat(orderByError("metrics.acc DESC, params.lr", 3)).hasMessage("Invalid orderBy[3] at position 17:"
                    + " expected the end of the entry after 'metrics.acc DESC' but found ','");
            assertThat(orderByError("attributes.color", 1)).hasMessageStartingWith(
                    "Invalid orderBy[1] at position 1: unknown attribute 'color'; valid attributes are status,");
            assertThat(orderByError("DESC", 0)).hasMessageStartingWith(
                    "Invalid orderBy[0] at position 1: expected an identifier such as metrics.<key>");
            assertThat(orderByError(" ", 2))
                    .hasMessage("Invalid orderBy[2]: must not be blank (expected e.g. 'metrics.acc DESC')");
            assertThat(orderByError(null, 0))
                    .hasMessage("Invalid orderBy[0]: must not be blank (expected e.g. 'metrics.acc DESC')");
        }
    }
}
