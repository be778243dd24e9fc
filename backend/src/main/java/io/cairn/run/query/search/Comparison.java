package io.cairn.run.query.search;

/** One {@code field operator value} term of a filter, type-checked: the operator and value suit the field. */
record Comparison(SearchField field, Operator operator, Value value) {
}
