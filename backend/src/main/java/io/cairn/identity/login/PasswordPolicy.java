package io.cairn.identity.login;

import io.cairn.common.error.InvalidInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a password must be: 12 to 256 characters, not the username, not a single repeated character, and not one
 * of the common passwords in {@code identity/common-passwords.txt}. Length beats composition rules (NIST SP
 * 800-63B), so there are none of those. Each refusal names the field it is about.
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 256;

    private static final Set<String> COMMON = load();

    private PasswordPolicy() {
    }

    public static void check(String field, String username, String password) {
        if (password == null || password.isEmpty()) {
            throw new InvalidInputException(field, "A password is required");
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            throw new InvalidInputException(field, "A password has at least " + MIN_LENGTH + " characters; this one has "
                    + length);
        }
        if (length > MAX_LENGTH) {
            throw new InvalidInputException(field, "A password has at most " + MAX_LENGTH + " characters");
        }
        if (username != null && password.strip().equalsIgnoreCase(username.strip())) {
            throw new InvalidInputException(field, "The password must not be the username");
        }
        if (password.codePoints().distinct().count() == 1) {
            throw new InvalidInputException(field, "The password must not repeat a single character");
        }
        if (COMMON.contains(password.toLowerCase(Locale.ROOT))) {
            throw new InvalidInputException(field, "This password is too common; choose another");
        }
    }

    private static Set<String> load() {
        try (InputStream in = PasswordPolicy.class.getResourceAsStream("/identity/common-passwords.txt")) {
            if (in == null) {
                throw new IllegalStateException("identity/common-passwords.txt is missing from the classpath");
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .map(line -> line.toLowerCase(Locale.ROOT))
                    .collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
