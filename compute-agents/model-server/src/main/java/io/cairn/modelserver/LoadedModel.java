package io.cairn.modelserver;

/** A model ready to score: what it is, the signature requests are checked against, and its scorer. */
public record LoadedModel(ModelInfo info, Signature signature, Scorer scorer) {
}
