package io.cairn.run.api;

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
}
