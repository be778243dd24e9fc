package io.cairn.run.query.search;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A parameterised SQL statement: {@code sql} contains one {@code ?} per element of {@code args}, in order.
 * Nothing a user typed is ever part of {@code sql}; it all travels in {@code args}.
 */
public record SqlQuery(String sql, List<Object> args) {

    public SqlQuery {
        Objects.requireNonNull(sql, "sql");
        args = Collections.unmodifiableList(new ArrayList<>(Objects.requireNonNull(args, "args")));
    }
}
