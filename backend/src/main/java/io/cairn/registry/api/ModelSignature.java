package io.cairn.registry.api;

import java.util.List;

/** The columns a model version takes and returns; the model server validates scoring requests against them. */
public record ModelSignature(List<Column> inputs, List<Column> outputs) {

    /** One named, typed column: {@code boolean, integer, long, float, double, string, binary, datetime}. */
    public record Column(String name, String type) {
    }
}
