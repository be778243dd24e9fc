package io.cairn.run.query.search;

import java.util.Set;

/** What a comparison or an order-by entry refers to: a key of a run's metrics, params or tags, or an attribute. */
sealed interface SearchField {

    /** Canonical spelling, e.g. {@code metrics.acc} or {@code attributes.status}. */
    String displayName();

    /** What operators apply, as named in messages: "metrics" or "attributes.status". */
    String operatorScope();

    Set<Operator> operators();

    ValueType valueType();

    /** {@code metrics.<key>}, {@code params.<key>} or {@code tags.<key>}. */
    record Keyed(KeyedEntity entity, String key) implements SearchField {

        @Override
        public String displayName() {
            return entity.prefix + "." + (Tokenizer.isPlainKey(key) ? key : "`" + key.replace("`", "``") + "`");
        }

        @Override
        public String operatorScope() {
            return entity.prefix;
        }

        @Override
        public Set<Operator> operators() {
            return entity.operators;
        }

        @Override
        public ValueType valueType() {
            return entity.valueType;
        }
    }

    /** {@code attributes.<name>}. */
    record RunAttribute(Attribute attribute) implements SearchField {

        @Override
        public String displayName() {
            return "attributes." + attribute.name;
        }

        @Override
        public String operatorScope() {
            return displayName();
        }

        @Override
        public Set<Operator> operators() {
            return attribute.operators;
        }

        @Override
        public ValueType valueType() {
            return attribute.valueType;
        }
    }
}
