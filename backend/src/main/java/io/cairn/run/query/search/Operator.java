package io.cairn.run.query.search;

import java.util.Set;
import java.util.stream.Collectors;

/** A comparison operator of the filter grammar. */
enum Operator {
    EQ("="),
    NE("!="),
    GT(">"),
    GE(">="),
    LT("<"),
    LE("<="),
    LIKE("LIKE"),
    ILIKE("ILIKE"),
    IN("IN"),
    NOT_IN("NOT IN");

    static final Set<Operator> NUMERIC = Set.of(EQ, NE, GT, GE, LT, LE);
    static final Set<Operator> STRING = Set.of(EQ, NE, LIKE, ILIKE, IN, NOT_IN);

    /** How the operator is written in a filter. */
    final String symbol;

    Operator(String symbol) {
        this.symbol = symbol;
    }

    /** IN and NOT IN take a parenthesised list; every other operator takes one value. */
    boolean takesList() {
        return this == IN || this == NOT_IN;
    }

    /** The operators in declaration order, as a human-readable list: {@code =, !=, >, >=, <, <=}. */
    static String describe(Set<Operator> operators) {
        return operators.stream().sorted().map(op -> op.symbol).collect(Collectors.joining(", "));
    }

    static Operator fromComparisonSymbol(String symbol) {
        for (Operator op : values()) {
            if (op.symbol.equals(symbol)) {
                return op;
            }
        }
        throw new IllegalArgumentException("not an operator: " + symbol);
    }
}
