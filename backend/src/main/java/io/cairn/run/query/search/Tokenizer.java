package io.cairn.run.query.search;

import io.cairn.common.error.InvalidInputException;
import io.cairn.run.query.search.Token.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a filter or order-by entry into {@link Token}s.
 *
 * <ul>
 *   <li>Identifiers are {@code prefix.key}: the prefix is letters, digits and {@code _}; the key is either
 *       unquoted ({@code [A-Za-z0-9_./-]+}) or quoted with backticks or double quotes, in which case it may
 *       hold anything (a doubled quote stands for itself).</li>
 *   <li>Strings are in single or double quotes; the quote is escaped by doubling it or with a backslash,
 *       {@code \\} is a backslash, and any other backslash is kept as is (so LIKE escapes such as
 *       {@code \%} reach the database unchanged).</li>
 *   <li>Numbers are decimal, optionally signed, with an optional fraction and exponent.</li>
 * </ul>
 */
final class Tokenizer {

    private final String input;
    private final InputErrors errors;
    private int pos;

    private Tokenizer(String input, InputErrors errors) {
        this.input = input;
        this.errors = errors;
    }

    /** The tokens of {@code input}, always ending with an {@link Kind#END} token. */
    static List<Token> tokenize(String input, InputErrors errors) {
        return new Tokenizer(input, errors).all();
    }

    /** Whether {@code key} can be written without quotes. */
    static boolean isPlainKey(String key) {
        return !key.isEmpty() && key.chars().allMatch(c -> isPlainKeyChar((char) c));
    }

    private List<Token> all() {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            while (pos < input.length() && Character.isWhitespace(input.charAt(pos))) {
                pos++;
            }
            if (pos == input.length()) {
                tokens.add(new Token(Kind.END, pos, "", "", null));
                return tokens;
            }
            tokens.add(next());
        }
    }

    private Token next() {
        char c = input.charAt(pos);
        if (isWordStart(c)) {
            return wordOrIdentifier();
        }
        if (c == '\'' || c == '"') {
            return string();
        }
        if (startsNumber()) {
            return number();
        }
        return switch (c) {
            case '(' -> single(Kind.LEFT_PAREN);
            case ')' -> single(Kind.RIGHT_PAREN);
            case ',' -> single(Kind.COMMA);
            case '=', '!', '<', '>' -> operator();
            default -> throw errors.at(pos, "unexpected character '" + c + "'");
        };
    }

    private Token single(Kind kind) {
        String raw = String.valueOf(input.charAt(pos));
        return new Token(kind, pos++, raw, raw, null);
    }

    private Token wordOrIdentifier() {
        int start = pos;
        while (pos < input.length() && isWordPart(input.charAt(pos))) {
            pos++;
        }
        String word = input.substring(start, pos);
        if (pos == input.length() || input.charAt(pos) != '.') {
            return new Token(Kind.WORD, start, word, word, null);
        }
        pos++; // the dot
        String key = pos < input.length() && isKeyQuote(input.charAt(pos)) ? quotedKey(word) : plainKey(word);
        return new Token(Kind.IDENTIFIER, start, input.substring(start, pos), key, word);
    }

    private String plainKey(String prefix) {
        int start = pos;
        while (pos < input.length() && isPlainKeyChar(input.charAt(pos))) {
            pos++;
        }
        if (start == pos) {
            throw errors.at(start, "missing key after '" + prefix + ".' (keys with special characters are quoted"
                    + " with backticks, e.g. " + prefix + ".`my key`)");
        }
        return input.substring(start, pos);
    }

    private String quotedKey(String prefix) {
        int open = pos;
        String key = quoted(input.charAt(open), false);
        if (key == null) {
            throw errors.at(open, "unterminated quoted key (missing closing " + input.charAt(open) + ")");
        }
        if (key.isEmpty()) {
            throw errors.at(open, "empty key after '" + prefix + ".'");
        }
        return key;
    }

    private Token string() {
        int start = pos;
        char quote = input.charAt(start);
        String text = quoted(quote, true);
        if (text == null) {
            throw errors.at(start, "unterminated string (missing closing " + quote + ")");
        }
        return new Token(Kind.STRING, start, input.substring(start, pos), text, null);
    }

    /**
     * Reads a quoted run starting at the opening {@code quote} at {@code pos}, leaving {@code pos} after the
     * closing quote. A doubled quote stands for itself; with {@code backslashEscapes}, so do {@code \'},
     * {@code \"} and {@code \\}. Returns null if the closing quote is missing.
     */
    private String quoted(char quote, boolean backslashEscapes) {
        StringBuilder text = new StringBuilder();
        int i = pos + 1;
        while (i < input.length()) {
            char c = input.charAt(i);
            char following = i + 1 < input.length() ? input.charAt(i + 1) : 0;
            if (c == quote && following == quote) {
                text.append(quote);
                i += 2;
            } else if (c == quote) {
                pos = i + 1;
                return text.toString();
            } else if (backslashEscapes && c == '\\' && (following == '\'' || following == '"' || following == '\\')) {
                text.append(following);
                i += 2;
            } else {
                text.append(c);
                i++;
            }
        }
        return null;
    }

    private boolean startsNumber() {
        int i = pos;
        if (i < input.length() && (input.charAt(i) == '-' || input.charAt(i) == '+')) {
            i++;
        }
        if (i < input.length() && input.charAt(i) == '.') {
            i++;
        }
        return i < input.length() && isDigit(input.charAt(i));
    }

    private Token number() {
        int start = pos;
        if (input.charAt(pos) == '-' || input.charAt(pos) == '+') {
            pos++;
        }
        skipDigits();
        if (pos < input.length() && input.charAt(pos) == '.') {
            pos++;
            skipDigits();
        }
        if (pos < input.length() && (input.charAt(pos) == 'e' || input.charAt(pos) == 'E')) {
            pos++;
            if (pos < input.length() && (input.charAt(pos) == '-' || input.charAt(pos) == '+')) {
                pos++;
            }
            if (pos == input.length() || !isDigit(input.charAt(pos))) {
                throw invalidNumber(start);
            }
            skipDigits();
        }
        if (pos < input.length() && (isWordPart(input.charAt(pos)) || input.charAt(pos) == '.')) {
            throw invalidNumber(start);
        }
        String raw = input.substring(start, pos);
        return new Token(Kind.NUMBER, start, raw, raw, null);
    }

    private InvalidInputException invalidNumber(int start) {
        int end = pos;
        while (end < input.length() && !Character.isWhitespace(input.charAt(end)) && "(),".indexOf(input.charAt(end)) < 0) {
            end++;
        }
        return errors.at(start, "invalid number '" + input.substring(start, end) + "'");
    }

    private void skipDigits() {
        while (pos < input.length() && isDigit(input.charAt(pos))) {
            pos++;
        }
    }

    private Token operator() {
        int start = pos;
        char c = input.charAt(pos);
        char following = pos + 1 < input.length() ? input.charAt(pos + 1) : 0;
        String symbol;
        if (c == '=' && following == '=') {
            throw errors.at(start, "unexpected '==' (use '=' to test equality)");
        } else if (c == '<' && following == '>') {
            throw errors.at(start, "unexpected '<>' (use '!=' to test inequality)");
        } else if (c == '!' && following != '=') {
            throw errors.at(start, "unexpected character '!' (use '!=' to test inequality)");
        } else if (following == '=' && c != '=') {
            symbol = input.substring(pos, pos + 2);
        } else {
            symbol = String.valueOf(c);
        }
        pos += symbol.length();
        return new Token(Kind.OPERATOR, start, symbol, symbol, null);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isWordStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static boolean isWordPart(char c) {
        return isWordStart(c) || isDigit(c);
    }

    private static boolean isPlainKeyChar(char c) {
        return isWordPart(c) || c == '.' || c == '/' || c == '-';
    }

    private static boolean isKeyQuote(char c) {
        return c == '`' || c == '"';
    }
}
