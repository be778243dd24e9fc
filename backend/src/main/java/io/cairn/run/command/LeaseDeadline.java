package io.cairn.run.command;

/** The payload of a run's lease deadline: the attempt it watches and the expiry it was scheduled for. */
public record LeaseDeadline(int attempt, long expiresAt) {
}
