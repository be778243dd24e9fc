package io.cairn.mlflow.web;

import io.cairn.run.query.RunView;
import java.util.Locale;

/** MLflow's {@code view_type} / {@code run_view_type}: which lifecycle stages a search returns. */
enum ViewType {
    ACTIVE_ONLY,
    DELETED_ONLY,
    ALL;

    /** Absent means ACTIVE_ONLY, as in MLflow. */
    static ViewType of(String value) {
        if (value == null || value.isEmpty()) {
            return ACTIVE_ONLY;
        }
        try {
            return valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw MlflowException.invalid("Invalid view type '" + value + "'; expected ACTIVE_ONLY, DELETED_ONLY or ALL");
        }
    }

    boolean includes(boolean deleted) {
        return switch (this) {
            case ACTIVE_ONLY -> !deleted;
            case DELETED_ONLY -> deleted;
            case ALL -> true;
        };
    }

    /** The run-search condition selecting these runs, or null for all. */
    String runCondition() {
        return switch (this) {
            case ACTIVE_ONLY -> "attributes.lifecycle_stage = '" + RunView.ACTIVE + "'";
            case DELETED_ONLY -> "attributes.lifecycle_stage = '" + RunView.DELETED + "'";
            case ALL -> null;
        };
    }
}
