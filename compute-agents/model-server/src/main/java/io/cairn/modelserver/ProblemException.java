package io.cairn.modelserver;

/**
 * A request the server refuses, answered as RFC 9457 {@code application/problem+json} with the HTTP
 * {@code status} and, when one request field is at fault, its path in {@code field} ({@code rows[3].sepal_length}).
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String field;

    public ProblemException(int status, String field, String detail) {
        super(detail);
        this.status = status;
        this.field = field;
    }

    public static ProblemException badRequest(String field, String detail) {
        return new ProblemException(400, field, detail);
    }

    public int status() {
        return status;
    }

    public String field() {
        return field;
    }
}
