package io.cairn.registry.command;

import io.cairn.common.error.InvalidInputException;
import io.cairn.common.validation.Inputs;
import io.cairn.registry.api.ModelSignature;
import io.cairn.registry.api.ModelSignature.Column;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Input rules of the registry; each failure names the request field at fault. */
final class RegistryRules {

    static final int MAX_TAGS = 100;
    static final int MAX_COMMENT_LENGTH = 2000;
    static final int MAX_PROTECTED_ALIASES = 100;
    static final int MAX_SIGNATURE_COLUMNS = 10_000;
    static final Set<String> COLUMN_TYPES =
            Set.of("boolean", "integer", "long", "float", "double", "string", "binary", "datetime");

    /** Lower-case letters, digits, '_' and '-', starting with a letter or digit: safe in URLs, logs and shells. */
    private static final Pattern ALIAS = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    /** Reserved for resolving versions by name ({@code latest}, {@code v3}), as MLflow reserves them. */
    private static final Pattern RESERVED_ALIAS = Pattern.compile("latest|v[0-9]+");

    private RegistryRules() {
    }

    static String requireAlias(String field, String alias) {
        if (alias == null || !ALIAS.matcher(alias).matches()) {
            throw new InvalidInputException(field, "An alias is 1 to 64 lower-case letters, digits, '_' and '-', "
                    + "starting with a letter or digit");
        }
        if (RESERVED_ALIAS.matcher(alias).matches()) {
            throw new InvalidInputException(field, "Alias '" + alias + "' is reserved ('latest' and 'v<number>' "
                    + "name versions)");
        }
        return alias;
    }

    /** Valid tags, and at most {@link #MAX_TAGS} keys together with those already set. */
    static void requireTags(String field, Map<String, String> tags, Set<String> existingKeys) {
        Inputs.requireTags(field, tags);
        if (tags == null) {
            return;
        }
        Set<String> keys = new HashSet<>(existingKeys);
        keys.addAll(tags.keySet());
        if (keys.size() > MAX_TAGS) {
            throw new InvalidInputException(field, "At most " + MAX_TAGS + " tags; this would make " + keys.size());
        }
    }

    static void requireComment(String comment) {
        Inputs.requireMaxLength("comment", comment, MAX_COMMENT_LENGTH);
    }

    /** The signature with lists copied and absent outputs made empty, or null when there is none. */
    static ModelSignature requireSignature(ModelSignature signature) {
        if (signature == null) {
            return null;
        }
        if (signature.inputs() == null || signature.inputs().isEmpty()) {
            throw new InvalidInputException("signature.inputs", "A signature lists at least one input column");
        }
        return new ModelSignature(requireColumns("signature.inputs", signature.inputs()),
                signature.outputs() == null ? List.of() : requireColumns("signature.outputs", signature.outputs()));
    }

    private static List<Column> requireColumns(String field, List<Column> columns) {
        if (columns.size() > MAX_SIGNATURE_COLUMNS) {
            throw new InvalidInputException(field, "At most " + MAX_SIGNATURE_COLUMNS + " columns");
        }
        Set<String> names = new HashSet<>();
        List<Column> checked = new ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            Column column = columns.get(i);
            String at = field + "[" + i + "]";
            if (column == null || column.name() == null || column.name().isBlank()) {
                throw new InvalidInputException(at + ".name", "Every column needs a name");
            }
            Inputs.requireMaxLength(at + ".name", column.name(), Inputs.MAX_KEY_LENGTH);
            if (!names.add(column.name())) {
                throw new InvalidInputException(at + ".name", "Column '" + column.name() + "' appears twice");
            }
            if (!COLUMN_TYPES.contains(column.type())) {
                throw new InvalidInputException(at + ".type", "Column '" + column.name() + "' needs a type: one of "
                        + "boolean, integer, long, float, double, string, binary, datetime");
            }
            checked.add(column);
        }
        return List.copyOf(checked);
    }
}
