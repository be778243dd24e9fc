package io.cairn.run.query.search;

/** One order-by entry. Runs lacking the field (missing key, NULL end time) sort last in both directions. */
record OrderTerm(SearchField field, boolean descending) {

    static final OrderTerm DEFAULT = new OrderTerm(new SearchField.RunAttribute(Attribute.START_TIME), true);
}
