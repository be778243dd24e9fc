package io.cairn.run.api;

import io.cairn.common.error.InvalidInputException;

/** Lifecycle of a run: QUEUED → RUNNING → FINISHED | FAILED | KILLED (a queued run may also fail or be killed). */
public enum RunStatus {
    QUEUED,
    RUNNING,
    FINISHED,
    FAILED,
    KILLED;

    public boolean isTerminal() {
        return this == FINISHED || this == FAILED || this == KILLED;
    }

    public boolean canBecome(RunStatus next) {
        return switch (this) {
            case QUEUED -> next == RUNNING || next == FAILED || next == KILLED;
            case RUNNING -> next.isTerminal();
            case FINISHED, FAILED, KILLED -> false;
        };
    }

    /** Parses a final status from a request: FINISHED, FAILED or KILLED, else a 400 naming {@code status}. */
    public static RunStatus requireTerminal(String value) {
        if (value != null) {
            for (RunStatus status : values()) {
                if (status.name().equals(value) && status.isTerminal()) {
                    return status;
                }
            }
        }
        throw new InvalidInputException("status", "status must be FINISHED, FAILED or KILLED");
    }
}
