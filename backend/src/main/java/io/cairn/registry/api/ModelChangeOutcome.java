package io.cairn.registry.api;

/** The answer to a stage transition or alias move: applied at once, or waiting for approval. */
public record ModelChangeOutcome(String approvalRequestId) {

    public static ModelChangeOutcome applied() {
        return new ModelChangeOutcome(null);
    }

    public static ModelChangeOutcome awaitingApproval(String requestId) {
        return new ModelChangeOutcome(requestId);
    }

    public boolean isApplied() {
        return approvalRequestId == null;
    }
}
