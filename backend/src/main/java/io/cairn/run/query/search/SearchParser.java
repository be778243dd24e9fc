package io.cairn.run.query.search;

import io.cairn.common.error.InvalidInputException;
import io.cairn.run.query.search.Token.Kind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Recursive-descent parser for MLflow's run-search grammar:
 *
 * <pre>
 * filter     := comparison { "and" comparison } END
 * comparison := field operator value
 * field      := prefix "." key               (metrics. params. tags. attributes. and MLflow's synonyms)
 * operator   := "=" | "!=" | ">" | ">=" | "&lt;" | "&lt;=" | "like" | "ilike" | "in" | "not" "in"
 * value      := NUMBER | STRING | "(" STRING { "," STRING } ")"
 * orderBy    := field [ "asc" | "desc" ] END
 * </pre>
 *
 * Keywords are case-insensitive. Every comparison is checked against its field: the operator must be one
 * the field allows and the value must have the field's type.
 */
final class SearchParser {

    static final int MAX_INPUT_LENGTH = 4000;
    static final int MAX_ORDER_BY_ENTRIES = 10;

    private final String input;
    private final InputErrors errors;
    private final List<Token> tokens;
    private int next;

    private SearchParser(String input, InputErrors errors) {
        this.input = input;
        this.errors = errors;
        if (input.length() > MAX_INPUT_LENGTH) {
            throw errors.whole("must be at most " + MAX_INPUT_LENGTH + " characters long but has " + input.length());
        }
        this.tokens = Tokenizer.tokenize(input, errors);
    }

    /** The comparisons of {@code filter}; none for a null or blank filter. */
    static List<Comparison> parseFilter(String filter) {
        if (filter == null || filter.isBlank()) {
            return List.of();
        }
        return new SearchParser(filter, new InputErrors("filter")).filter();
    }

    /** Entry {@code index} of the order-by list, e.g. {@code metrics.acc DESC}. */
    /** Order-by entries; null or empty means {@link OrderTerm#DEFAULT}. */
    static List<OrderTerm> parseOrderBy(List<String> orderBy) {
        if (orderBy == null || orderBy.isEmpty()) {
            return List.of(OrderTerm.DEFAULT);
        }
        if (orderBy.size() > MAX_ORDER_BY_ENTRIES) {
            throw new InvalidInputException("orderBy", "Invalid orderBy: at most " + MAX_ORDER_BY_ENTRIES
                    + " entries are allowed but there are " + orderBy.size());
        }
        List<OrderTerm> terms = new ArrayList<>();
        for (int i = 0; i < orderBy.size(); i++) {
            terms.add(parseOrderBy(orderBy.get(i), i));
        }
        return terms;
    }

    static OrderTerm parseOrderBy(String entry, int index) {
        InputErrors errors = new InputErrors("orderBy[" + index + "]");
        if (entry == null || entry.isBlank()) {
            throw errors.whole("must not be blank (expected e.g. 'metrics.acc DESC')");
        }
        return new SearchParser(entry, errors).orderTerm();
    }

    private List<Comparison> filter() {
        List<Comparison> comparisons = new ArrayList<>();
        while (true) {
            int start = peek().offset();
            comparisons.add(comparison());
            Token token = peek();
            if (token.kind() == Kind.END) {
                return comparisons;
            }
            if (token.isWord("or")) {
                throw errors.at(token.offset(), "'or' is not supported; combine comparisons with 'and'");
            }
            if (!token.isWord("and")) {
                throw errors.at(token.offset(), "expected 'and' or the end of the filter after '"
                        + input.substring(start, previous().endOffset()) + "' but found " + token.describe());
            }
            advance();
        }
    }

    private Comparison comparison() {
        SearchField field = field();
        String fieldText = previous().raw();
        Token operatorToken = peek();
        Operator operator = operator(fieldText);
        if (!field.operators().contains(operator)) {
            throw errors.at(operatorToken.offset(), "operator " + operator.symbol + " is not allowed for "
                    + field.operatorScope() + " (use " + Operator.describe(field.operators()) + ")");
        }
        Value value = operator.takesList() ? list(operator) : scalar(field, operator);
        return new Comparison(field, operator, isStatus(field) ? statusSynonyms(value) : value);
    }

    private static boolean isStatus(SearchField field) {
        return field instanceof SearchField.RunAttribute attribute && attribute.attribute() == Attribute.STATUS;
    }

    /** MLflow calls a queued run SCHEDULED: {@code status = 'SCHEDULED'} finds Cairn's QUEUED runs. */
    private static Value statusSynonyms(Value value) {
        if (value instanceof Value.Text text) {
            return new Value.Text(queuedFor(text.value()));
        }
        if (value instanceof Value.TextList list) {
            return new Value.TextList(list.values().stream().map(SearchParser::queuedFor).toList());
        }
        return value;
    }

    private static String queuedFor(String status) {
        return "SCHEDULED".equals(status) ? "QUEUED" : status;
    }

    private OrderTerm orderTerm() {
        SearchField field = field();
        String fieldText = previous().raw();
        boolean descending = false;
        Token token = peek();
        if (token.isWord("asc") || token.isWord("desc")) {
            descending = token.isWord("desc");
            advance();
        } else if (token.kind() != Kind.END) {
            throw errors.at(token.offset(),
                    "expected ASC or DESC after '" + fieldText + "' but found " + token.describe());
        }
        Token end = peek();
        if (end.kind() != Kind.END) {
            throw errors.at(end.offset(), "expected the end of the entry after '"
                    + input.substring(0, previous().endOffset()).strip() + "' but found " + end.describe());
        }
        return new OrderTerm(field, descending);
    }

    private SearchField field() {
        Token token = peek();
        if (token.kind() != Kind.IDENTIFIER) {
            throw errors.at(token.offset(), "expected an identifier such as metrics.<key>, params.<key>,"
                    + " tags.<key> or attributes.<name> but found " + token.describe());
        }
        advance();
        String key = token.value();
        return switch (token.prefix().toLowerCase(Locale.ROOT)) {
            case "metrics", "metric" -> new SearchField.Keyed(KeyedEntity.METRIC, key);
            case "params", "param" -> new SearchField.Keyed(KeyedEntity.PARAM, key);
            case "tags", "tag" -> new SearchField.Keyed(KeyedEntity.TAG, key);
            case "attributes", "attribute", "attr", "run" -> new SearchField.RunAttribute(
                    Attribute.byName(key).orElseThrow(() -> errors.at(token.offset(),
                            "unknown attribute '" + key + "'; valid attributes are " + Attribute.describeAll())));
            default -> throw errors.at(token.offset(), "unknown prefix '" + token.prefix() + "' in "
                    + token.describe() + "; use metrics., params., tags. or attributes.");
        };
    }

    private Operator operator(String fieldText) {
        Token token = peek();
        if (token.kind() == Kind.OPERATOR) {
            advance();
            return Operator.fromComparisonSymbol(token.value());
        }
        if (token.isWord("like") || token.isWord("ilike") || token.isWord("in")) {
            advance();
            return Operator.valueOf(token.value().toUpperCase(Locale.ROOT));
        }
        if (token.isWord("not")) {
            advance();
            if (!peek().isWord("in")) {
                throw errors.at(peek().offset(), "expected IN after NOT but found " + peek().describe());
            }
            advance();
            return Operator.NOT_IN;
        }
        throw errors.at(token.offset(),
                "expected a comparison operator after '" + fieldText + "' but found " + token.describe());
    }

    private Value scalar(SearchField field, Operator operator) {
        Token token = peek();
        if (token.kind() == Kind.NUMBER) {
            advance();
            return number(field, token);
        }
        if (token.kind() == Kind.STRING) {
            advance();
            if (field.valueType() != ValueType.STRING) {
                throw errors.at(token.offset(), field.displayName() + " is compared with "
                        + field.valueType().description + ", not a string like " + token.describe());
            }
            return new Value.Text(token.value());
        }
        String hint = token.kind() == Kind.LEFT_PAREN ? " (lists are only allowed after IN and NOT IN)" : "";
        throw errors.at(token.offset(),
                "expected a value after '" + operator.symbol + "' but found " + token.describe() + hint);
    }

    private Value number(SearchField field, Token token) {
        BigDecimal number;
        try {
            number = new BigDecimal(token.value());
        } catch (NumberFormatException exponentOverflow) {
            throw errors.at(token.offset(), "number " + token.raw() + " is out of range");
        }
        return switch (field.valueType()) {
            case NUMBER -> {
                double real = number.doubleValue();
                if (Double.isInfinite(real)) {
                    throw errors.at(token.offset(), "number " + token.raw() + " is out of range");
                }
                yield new Value.Real(real);
            }
            case MILLIS -> {
                try {
                    yield new Value.Millis(number.longValueExact());
                } catch (ArithmeticException notWholeOrTooLarge) {
                    throw errors.at(token.offset(), field.displayName() + " is compared with "
                            + field.valueType().description + ", not " + token.raw());
                }
            }
            case STRING -> throw errors.at(token.offset(), field.displayName() + " is compared with a quoted"
                    + " string, not a number (write '" + token.raw() + "')");
        };
    }

    private Value list(Operator operator) {
        Token open = peek();
        if (open.kind() != Kind.LEFT_PAREN) {
            throw errors.at(open.offset(), "expected a parenthesised list such as ('a', 'b') after "
                    + operator.symbol + " but found " + open.describe());
        }
        advance();
        List<String> values = new ArrayList<>();
        while (true) {
            Token item = peek();
            if (item.kind() == Kind.RIGHT_PAREN && values.isEmpty()) {
                throw errors.at(item.offset(), "the list after " + operator.symbol + " must not be empty");
            }
            if (item.kind() != Kind.STRING) {
                throw errors.at(item.offset(), "the list after " + operator.symbol + " may only hold quoted strings"
                        + " but found " + item.describe());
            }
            advance();
            values.add(item.value());
            Token separator = peek();
            advance();
            if (separator.kind() == Kind.RIGHT_PAREN) {
                return new Value.TextList(values);
            }
            if (separator.kind() != Kind.COMMA) {
                throw errors.at(separator.offset(), "expected ',' or ')' in the list after " + operator.symbol
                        + " but found " + separator.describe());
            }
        }
    }

    private Token peek() {
        return tokens.get(next);
    }

    private Token previous() {
        return tokens.get(next - 1);
    }

    private void advance() {
        if (tokens.get(next).kind() != Kind.END) {
            next++;
        }
    }
}
