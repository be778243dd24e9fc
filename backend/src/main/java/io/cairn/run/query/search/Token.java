package io.cairn.run.query.search;

/**
 * A lexical token.
 *
 * @param kind     what it is
 * @param offset   0-based offset of its first character in the input
 * @param raw      the source text it was read from (quotes and escapes included)
 * @param value    the decoded text: string contents, an identifier's key, a number's digits, a keyword
 * @param prefix   for identifiers, the part before the dot ({@code metrics} in {@code metrics.acc}); else null
 */
record Token(Kind kind, int offset, String raw, String value, String prefix) {

    enum Kind {
        /** {@code prefix.key}, e.g. {@code metrics.acc} or {@code params."lr 1"}. */
        IDENTIFIER,
        /** A bare word: {@code and}, {@code like}, {@code in}, {@code not}, {@code asc}, ... or a mistake. */
        WORD,
        STRING,
        NUMBER,
        /** {@code = != > >= < <=}. */
        OPERATOR,
        LEFT_PAREN,
        RIGHT_PAREN,
        COMMA,
        END
    }

    private static final int MAX_QUOTED_LENGTH = 40;

    int endOffset() {
        return offset + raw.length();
    }

    /** Whether this is the bare word {@code keyword}, in any case. */
    boolean isWord(String keyword) {
        return kind == Kind.WORD && value.equalsIgnoreCase(keyword);
    }

    /** How the token is named in error messages: {@code 'foo'}, a string as written, or the end of the input. */
    String describe() {
        if (kind == Kind.END) {
            return "the end of the input";
        }
        String text = raw.length() > MAX_QUOTED_LENGTH ? raw.substring(0, MAX_QUOTED_LENGTH) + "..." : raw;
        return kind == Kind.STRING ? text : "'" + text + "'";
    }
}
