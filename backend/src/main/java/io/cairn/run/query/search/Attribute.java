package io.cairn.run.query.search;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** A column of {@code runs} that can be filtered and ordered on as {@code attributes.<name>}. */
enum Attribute {
    STATUS("status", List.of(), "status", ValueType.STRING, false, Operator.STRING),
    RUN_NAME("run_name", List.of("name"), "name", ValueType.STRING, false, Operator.STRING),
    RUN_ID("run_id", List.of("id"), "id", ValueType.STRING, false,
            Set.of(Operator.EQ, Operator.NE, Operator.IN, Operator.NOT_IN)),
    START_TIME("start_time", List.of(), "start_time", ValueType.MILLIS, false, Operator.NUMERIC),
    END_TIME("end_time", List.of(), "end_time", ValueType.MILLIS, true, Operator.NUMERIC),
    CREATED_BY("created_by", List.of("user_id"), "created_by", ValueType.STRING, false, Operator.STRING),
    PROJECT_ID("project_id", List.of(), "project_id", ValueType.STRING, false,
            Set.of(Operator.EQ, Operator.NE, Operator.IN)),
    /** "active" or "deleted" (MLflow's run view types filter on it). */
    LIFECYCLE_STAGE("lifecycle_stage", List.of(), "lifecycle_stage", ValueType.STRING, false,
            Set.of(Operator.EQ, Operator.NE, Operator.IN, Operator.NOT_IN));

    final String name;
    final List<String> aliases;
    /** Column of {@code runs}; a constant, never user input. */
    final String column;
    final ValueType valueType;
    /** Whether the column can be NULL (such runs sort last, like runs lacking a metric). */
    final boolean nullable;
    final Set<Operator> operators;

    Attribute(String name, List<String> aliases, String column, ValueType valueType, boolean nullable,
            Set<Operator> operators) {
        this.name = name;
        this.aliases = aliases;
        this.column = column;
        this.valueType = valueType;
        this.nullable = nullable;
        this.operators = operators;
    }

    /** Looks an attribute up by name or alias, ignoring case. */
    static Optional<Attribute> byName(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        return Stream.of(values())
                .filter(a -> a.name.equals(wanted) || a.aliases.contains(wanted))
                .findFirst();
    }

    /** "status, run_name (or name), run_id (or id), ..." for error messages. */
    static String describeAll() {
        return Stream.of(values())
                .map(a -> a.aliases.isEmpty() ? a.name : a.name + " (or " + String.join(", ", a.aliases) + ")")
                .collect(Collectors.joining(", "));
    }
}
