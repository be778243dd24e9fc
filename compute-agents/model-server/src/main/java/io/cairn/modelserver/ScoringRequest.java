package io.cairn.modelserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A scoring request checked against the signature's inputs: either {@code {"rows": [{"col": value, …}]}} or
 * {@code {"inputs": [[v1, v2, …]]}} with values in signature order. Each failure names the field at fault
 * ({@code rows[3].sepal_length}, {@code inputs[2][0]}).
 *
 * <p>The values come out in signature order as Java values: {@code Boolean}, {@code Integer}, {@code Long},
 * {@code Float}, {@code Double}, {@code String}, {@code byte[]} (binary: base64 text) and {@link Instant}
 * (datetime: ISO-8601 text, an offset-less time or a date taken as UTC).
 */
public record ScoringRequest(List<String> columns, Object[][] rows) {

    public int size() {
        return rows.length;
    }

    /** Parses and validates a request body; {@code maxRows} bounds the batch. */
    public static ScoringRequest parse(JsonNode body, Signature signature, int maxRows) {
        if (body == null || !body.isObject()) {
            throw ProblemException.badRequest(null, "The body must be a JSON object with \"rows\" or \"inputs\"");
        }
        Iterator<String> names = body.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!name.equals("rows") && !name.equals("inputs")) {
                throw ProblemException.badRequest(name, "Unknown field '" + name + "'; a request has \"rows\" or "
                        + "\"inputs\"");
            }
        }
        if (body.has("rows") == body.has("inputs")) {
            throw ProblemException.badRequest("rows", "Give exactly one of \"rows\" (objects keyed by column) or "
                    + "\"inputs\" (lists in signature order)");
        }
        boolean keyed = body.has("rows");
        String field = keyed ? "rows" : "inputs";
        JsonNode list = body.get(field);
        if (!list.isArray()) {
            throw ProblemException.badRequest(field, "\"" + field + "\" must be a list");
        }
        if (list.isEmpty()) {
            throw ProblemException.badRequest(field, "\"" + field + "\" is empty; send at least one row");
        }
        if (list.size() > maxRows) {
            throw ProblemException.badRequest(field, "At most " + maxRows + " rows per request; got " + list.size());
        }
        List<Signature.Column> inputs = signature.inputs();
        Object[][] rows = new Object[list.size()][];
        for (int r = 0; r < list.size(); r++) {
            String at = field + "[" + r + "]";
            rows[r] = keyed ? keyedRow(list.get(r), at, inputs) : positionalRow(list.get(r), at, inputs);
        }
        return new ScoringRequest(signature.inputNames(), rows);
    }

    private static Object[] keyedRow(JsonNode row, String at, List<Signature.Column> inputs) {
        if (!row.isObject()) {
            throw ProblemException.badRequest(at, "A row must be an object keyed by column name");
        }
        Object[] values = new Object[inputs.size()];
        Set<String> known = new HashSet<>();
        for (int c = 0; c < inputs.size(); c++) {
            Signature.Column column = inputs.get(c);
            known.add(column.name());
            JsonNode value = row.get(column.name());
            if (value == null) {
                throw ProblemException.badRequest(at + "." + column.name(), "Missing column '" + column.name()
                        + "' (" + column.type() + ")");
            }
            values[c] = convert(value, column, at + "." + column.name());
        }
        Iterator<Map.Entry<String, JsonNode>> fields = row.fields();
        while (fields.hasNext()) {
            String name = fields.next().getKey();
            if (!known.contains(name)) {
                throw ProblemException.badRequest(at + "." + name, "Unknown column '" + name + "'; the model takes "
                        + String.join(", ", inputs.stream().map(Signature.Column::name).toList()));
            }
        }
        return values;
    }

    private static Object[] positionalRow(JsonNode row, String at, List<Signature.Column> inputs) {
        if (!row.isArray()) {
            throw ProblemException.badRequest(at, "A row must be a list of " + inputs.size() + " values in signature "
                    + "order");
        }
        if (row.size() != inputs.size()) {
            throw ProblemException.badRequest(at, "A row has " + inputs.size() + " values (" + String.join(", ",
                    inputs.stream().map(Signature.Column::name).toList()) + "); got " + row.size());
        }
        Object[] values = new Object[inputs.size()];
        for (int c = 0; c < inputs.size(); c++) {
            values[c] = convert(row.get(c), inputs.get(c), at + "[" + c + "]");
        }
        return values;
    }

    private static Object convert(JsonNode value, Signature.Column column, String at) {
        if (value.isNull()) {
            throw ProblemException.badRequest(at, "Column '" + column.name() + "' must not be null");
        }
        switch (column.type()) {
            case "boolean":
                if (value.isBoolean()) {
                    return value.booleanValue();
                }
                break;
            case "integer":
                if (value.isIntegralNumber() && value.canConvertToInt()) {
                    return value.intValue();
                }
                break;
            case "long":
                if (value.isIntegralNumber() && value.canConvertToLong()) {
                    return value.longValue();
                }
                break;
            case "float":
                if (value.isNumber() && Float.isFinite((float) value.doubleValue())) {
                    return (float) value.doubleValue();
                }
                break;
            case "double":
                if (value.isNumber() && Double.isFinite(value.doubleValue())) {
                    return value.doubleValue();
                }
                break;
            case "string":
                if (value.isTextual()) {
                    return value.textValue();
                }
                break;
            case "binary":
                if (value.isTextual()) {
                    try {
                        return Base64.getDecoder().decode(value.textValue());
                    } catch (IllegalArgumentException e) {
                        throw ProblemException.badRequest(at, "Column '" + column.name() + "' is binary: base64 text");
                    }
                }
                break;
            case "datetime":
                if (value.isTextual()) {
                    return instant(value.textValue(), column, at);
                }
                break;
            default:
                break;
        }
        throw ProblemException.badRequest(at, "Column '" + column.name() + "' is " + describe(column.type())
                + "; got " + describe(value));
    }

    private static Instant instant(String text, Signature.Column column, String at) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notLocal) {
                try {
                    return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
                } catch (DateTimeParseException notDate) {
                    throw ProblemException.badRequest(at, "Column '" + column.name() + "' is a datetime: ISO-8601 "
                            + "text such as 2026-01-31T12:00:00Z; got '" + text + "'");
                }
            }
        }
    }

    private static String describe(String type) {
        switch (type) {
            case "integer":
                return "an integer (32-bit)";
            case "long":
                return "an integer (64-bit)";
            case "float":
            case "double":
                return "a finite number (" + type + ")";
            case "boolean":
                return "a boolean";
            case "binary":
                return "binary (base64 text)";
            case "datetime":
                return "a datetime (ISO-8601 text)";
            default:
                return "a " + type;
        }
    }

    private static String describe(JsonNode value) {
        if (value.isIntegralNumber()) {
            return "the integer " + value.asText();
        }
        if (value.isNumber()) {
            return "the number " + value.asText();
        }
        if (value.isTextual()) {
            return "a string";
        }
        if (value.isBoolean()) {
            return "a boolean";
        }
        if (value.isArray()) {
            return "a list";
        }
        return "an object";
    }
}
