package io.cairn.modelserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A model version's input and output columns, as the registry records them
 * ({@code {"inputs": [{"name", "type"}], "outputs": [...]}}). Types are those of the registry:
 * {@code boolean, integer, long, float, double, string, binary, datetime}.
 */
public record Signature(List<Column> inputs, List<Column> outputs) {

    public static final Set<String> TYPES =
            Set.of("boolean", "integer", "long", "float", "double", "string", "binary", "datetime");
    public static final Set<String> NUMERIC_TYPES = Set.of("boolean", "integer", "long", "float", "double");

    public record Column(String name, String type) {
    }

    public Signature {
        inputs = List.copyOf(inputs);
        outputs = outputs == null ? List.of() : List.copyOf(outputs);
    }

    /** Reads the registry's JSON shape; a malformed signature is a {@link ModelLoadException}. */
    public static Signature fromJson(JsonNode node) {
        if (node == null || node.isNull() || !node.isObject()) {
            throw new ModelLoadException("The model version has no signature; the model server needs one to "
                    + "validate scoring requests");
        }
        List<Column> inputs = columns(node.get("inputs"), "inputs");
        if (inputs.isEmpty()) {
            throw new ModelLoadException("The signature lists no input column");
        }
        return new Signature(inputs, columns(node.get("outputs"), "outputs"));
    }

    private static List<Column> columns(JsonNode list, String field) {
        List<Column> columns = new ArrayList<>();
        if (list == null || list.isNull()) {
            return columns;
        }
        if (!list.isArray()) {
            throw new ModelLoadException("signature." + field + " must be a list of {name, type}");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode column = list.get(i);
            String name = column.path("name").asText("");
            String type = column.path("type").asText("");
            if (name.isEmpty() || !TYPES.contains(type)) {
                throw new ModelLoadException("signature." + field + "[" + i + "] needs a name and one of the types "
                        + String.join(", ", TYPES.stream().sorted().toList()));
            }
            if (!names.add(name)) {
                throw new ModelLoadException("signature." + field + "[" + i + "]: column '" + name + "' appears twice");
            }
            columns.add(new Column(name, type));
        }
        return columns;
    }

    /** The input column names in signature order. */
    public List<String> inputNames() {
        return inputs.stream().map(Column::name).toList();
    }
}
