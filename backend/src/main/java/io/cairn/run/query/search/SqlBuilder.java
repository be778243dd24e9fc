package io.cairn.run.query.search;

import java.util.ArrayList;
import java.util.List;

/** Accumulates SQL text and its arguments side by side so that every {@code ?} lines up with its argument. */
final class SqlBuilder {

    private final StringBuilder sql = new StringBuilder();
    private final List<Object> args = new ArrayList<>();

    /** Appends trusted SQL text (identifiers and keywords chosen by this package, never user input). */
    SqlBuilder append(String trustedSql) {
        sql.append(trustedSql);
        return this;
    }

    /** Appends {@code ?} bound to {@code arg}. */
    SqlBuilder bind(Object arg) {
        sql.append('?');
        args.add(arg);
        return this;
    }

    /** Appends {@code (?, ?, ...)} bound to {@code values}. */
    SqlBuilder bindList(List<?> values) {
        sql.append('(');
        for (int i = 0; i < values.size(); i++) {
            sql.append(i == 0 ? "" : ", ");
            bind(values.get(i));
        }
        sql.append(')');
        return this;
    }

    SqlQuery build() {
        return new SqlQuery(sql.toString(), args);
    }
}
