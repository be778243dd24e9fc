package io.cairn.common.validation;

import io.cairn.common.error.InvalidInputException;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Checks on client-supplied values shared by every context; each failure names the offending field. */
public final class Inputs {

    /** Metric, param and tag keys: at most 250 characters of letters, digits, '_', '.', '/', '-', ':', ' '. */
    public static final int MAX_KEY_LENGTH = 250;
    public static final int MAX_NAME_LENGTH = 256;
    public static final int MAX_DESCRIPTION_LENGTH = 8000;
    public static final int MAX_TAG_VALUE_LENGTH = 8000;

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_./:\\- ]+");

    private Inputs() {
    }

    public static void requireKey(String field, String key) {
        if (key == null || key.isEmpty()) {
            throw new InvalidInputException(field, "Key must not be empty");
        }
        if (key.length() > MAX_KEY_LENGTH) {
            throw new InvalidInputException(field, "Key is " + key.length() + " characters long; at most "
                    + MAX_KEY_LENGTH + " are allowed");
        }
        if (!KEY.matcher(key).matches()) {
            throw new InvalidInputException(field, "Key '" + abbreviate(key) + "' may only contain letters, digits, "
                    + "'_', '.', '/', '-', ':' and spaces");
        }
        if (key.contains("..") || key.startsWith("/")) {
            throw new InvalidInputException(field, "Key '" + abbreviate(key) + "' must not start with '/' or contain '..'");
        }
    }

    public static String requireName(String field, String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException(field, "Name must not be blank");
        }
        String trimmed = name.strip();
        if (trimmed.length() > MAX_NAME_LENGTH) {
            throw new InvalidInputException(field, "Name is " + trimmed.length() + " characters long; at most "
                    + MAX_NAME_LENGTH + " are allowed");
        }
        if (trimmed.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException(field, "Name must not contain control characters");
        }
        return trimmed;
    }

    public static void requireMaxLength(String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw new InvalidInputException(field, "Value is " + value.length() + " characters long; at most " + max
                    + " are allowed");
        }
    }

    /** Tag maps: valid keys, non-null values of bounded length. */
    public static void requireTags(String field, Map<String, String> tags) {
        if (tags == null) {
            return;
        }
        tags.forEach((key, value) -> {
            requireKey(field + "." + key, key);
            if (value == null) {
                throw new InvalidInputException(field + "." + key, "Tag value must not be null");
            }
            requireMaxLength(field + "." + key, value, MAX_TAG_VALUE_LENGTH);
        });
    }

    /** The constant of {@code type} named exactly {@code value}; anything else is refused naming the choices. */
    public static <E extends Enum<E>> E requireOneOf(String field, String value, Class<E> type) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(value)) {
                return constant;
            }
        }
        throw new InvalidInputException(field, field + " must be one of " + Arrays.stream(type.getEnumConstants())
                .map(Enum::name).collect(Collectors.joining(", ")));
    }

    public static String abbreviate(String value) {
        return value.length() <= 60 ? value : value.substring(0, 57) + "...";
    }
}
