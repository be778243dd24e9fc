package io.cairn.run.query.search;

import java.util.Set;

/** The key/value collections a run owns, each stored in its own table keyed by (tenant, run, key). */
enum KeyedEntity {
    METRIC("metrics", "run_latest_metrics", "metric_key", "metric_value", ValueType.NUMBER, Operator.NUMERIC),
    PARAM("params", "run_params", "param_key", "param_value", ValueType.STRING, Operator.STRING),
    TAG("tags", "run_tags", "tag_key", "tag_value", ValueType.STRING, Operator.STRING);

    /** The canonical identifier prefix, also used in messages ("operator LIKE is not allowed for metrics"). */
    final String prefix;
    final String table;
    final String keyColumn;
    final String valueColumn;
    final ValueType valueType;
    final Set<Operator> operators;

    KeyedEntity(String prefix, String table, String keyColumn, String valueColumn, ValueType valueType,
            Set<Operator> operators) {
        this.prefix = prefix;
        this.table = table;
        this.keyColumn = keyColumn;
        this.valueColumn = valueColumn;
        this.valueType = valueType;
        this.operators = operators;
    }
}
