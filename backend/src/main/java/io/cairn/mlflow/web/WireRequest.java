package io.cairn.mlflow.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One MLflow request as its JSON body (POST, PATCH, DELETE) or query string (GET), read as MLflow's server reads
 * it: snake_case fields, unknown fields ignored (clients send both {@code run_id} and the older {@code run_uuid}),
 * int64 fields as JSON numbers or strings (protobuf's JSON mapping prints them as strings), doubles as numbers or
 * {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}. A wrong type is an INVALID_PARAMETER_VALUE naming the field.
 */
final class WireRequest {

    private final JsonNode node;
    private final String path;

    private WireRequest(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    static WireRequest of(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw MlflowException.invalid("Malformed request: the body must be a JSON object");
        }
        return new WireRequest(body, "");
    }

    /** A GET's query parameters; a repeated parameter becomes a list. */
    static WireRequest ofQuery(Map<String, String[]> parameters) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        parameters.forEach((name, values) -> {
            if (values.length == 1) {
                node.put(name, values[0]);
            } else {
                var array = node.putArray(name);
                for (String value : values) {
                    array.add(value);
                }
            }
        });
        return new WireRequest(node, "");
    }

    String optString(String field) {
        JsonNode value = value(field);
        if (value == null) {
            return null;
        }
        if (!value.isString() && !value.isNumber() && !value.isBoolean()) {
            throw invalidType(field, "a string");
        }
        return value.asString();
    }

    String requireString(String field) {
        String value = optString(field);
        if (value == null || value.isEmpty()) {
            throw missing(field);
        }
        return value;
    }

    /** The first of {@code fields} present (MLflow's {@code run_id} or its older spelling {@code run_uuid}). */
    String requireString(String field, String alias) {
        String value = optString(field);
        return value == null || value.isEmpty() ? requireString(alias) : value;
    }

    Long optLong(String field) {
        JsonNode value = value(field);
        if (value == null) {
            return null;
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.longValue();
        }
        if (value.isString()) {
            try {
                return Long.parseLong(value.asString().trim());
            } catch (NumberFormatException e) {
                throw invalidType(field, "an int64");
            }
        }
        throw invalidType(field, "an int64");
    }

    long requireLong(String field) {
        Long value = optLong(field);
        if (value == null) {
            throw missing(field);
        }
        return value;
    }

    Integer optInt(String field) {
        Long value = optLong(field);
        if (value == null) {
            return null;
        }
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw invalidType(field, "an int32");
        }
        return value.intValue();
    }

    double requireDouble(String field) {
        JsonNode value = value(field);
        if (value == null) {
            throw missing(field);
        }
        if (value.isNumber()) {
            return value.doubleValue();
        }
        if (value.isString()) {
            String text = value.asString().trim();
            switch (text) {
                case "NaN":
                    return Double.NaN;
                case "Infinity":
                case "+Infinity":
                    return Double.POSITIVE_INFINITY;
                case "-Infinity":
                    return Double.NEGATIVE_INFINITY;
                default:
                    try {
                        return Double.parseDouble(text);
                    } catch (NumberFormatException e) {
                        throw invalidType(field, "a double");
                    }
            }
        }
        throw invalidType(field, "a double");
    }

    /** A required object field. */
    WireRequest requireObject(String field) {
        JsonNode value = value(field);
        if (value == null) {
            throw missing(field);
        }
        if (!value.isObject()) {
            throw invalidType(field, "an object");
        }
        return new WireRequest(value, name(field) + ".");
    }

    /** The objects of an array field; absent means empty. */
    List<WireRequest> objects(String field) {
        JsonNode value = value(field);
        List<WireRequest> items = new ArrayList<>();
        if (value == null) {
            return items;
        }
        if (!value.isArray()) {
            throw invalidType(field, "an array");
        }
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isObject()) {
                throw invalidType(field + "[" + i + "]", "an object");
            }
            items.add(new WireRequest(item, name(field) + "[" + i + "]."));
        }
        return items;
    }

    /** The strings of an array field; a single string counts as a list of one (a GET's lone parameter). */
    List<String> strings(String field) {
        JsonNode value = value(field);
        List<String> items = new ArrayList<>();
        if (value == null) {
            return items;
        }
        if (value.isString()) {
            items.add(value.asString());
            return items;
        }
        if (!value.isArray()) {
            throw invalidType(field, "an array of strings");
        }
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isString() && !item.isNumber()) {
                throw invalidType(field + "[" + i + "]", "a string");
            }
            items.add(item.asString());
        }
        return items;
    }

    /** Number of elements of an array field (0 when absent). */
    int size(String field) {
        JsonNode value = value(field);
        return value != null && value.isArray() ? value.size() : 0;
    }

    String name(String field) {
        return path + field;
    }

    private JsonNode value(String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value;
    }

    private MlflowException missing(String field) {
        return MlflowException.invalid("Missing value for required parameter '" + name(field) + "'");
    }

    private MlflowException invalidType(String field, String expected) {
        return MlflowException.invalid("Invalid value for parameter '" + name(field) + "': expected " + expected);
    }
}
