package io.cairn.modelserver;

import java.util.List;
import java.util.Map;

/** A loaded model of one flavor: turns validated rows into predictions, one map of output columns per row. */
public interface Scorer extends AutoCloseable {

    /** The output columns every prediction carries, in order. */
    List<String> outputs();

    List<Map<String, Object>> score(ScoringRequest request);

    @Override
    default void close() {
    }
}
