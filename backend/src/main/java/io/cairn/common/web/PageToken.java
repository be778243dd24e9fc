package io.cairn.common.web;

import io.cairn.common.error.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Opaque paging tokens ({@code pageToken} in, {@code nextPageToken} out) over an offset. */
public final class PageToken {

    public static final int DEFAULT_MAX_RESULTS = 100;
    public static final int MAX_MAX_RESULTS = 1000;

    private PageToken() {
    }

    public static long decode(String token) {
        if (token == null || token.isEmpty()) {
            return 0;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (text.startsWith("o:")) {
                long offset = Long.parseLong(text.substring(2));
                if (offset >= 0) {
                    return offset;
                }
            }
        } catch (IllegalArgumentException e) {
            // falls through to the error below
        }
        throw new InvalidInputException("pageToken", "Invalid page token; pass the nextPageToken of a previous page");
    }

    public static String encode(long offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("o:" + offset).getBytes(StandardCharsets.UTF_8));
    }

    /** The page size to use, checking the client's {@code maxResults}. */
    public static int maxResults(Integer requested) {
        if (requested == null) {
            return DEFAULT_MAX_RESULTS;
        }
        if (requested < 1 || requested > MAX_MAX_RESULTS) {
            throw new InvalidInputException("maxResults", "maxResults must be between 1 and " + MAX_MAX_RESULTS);
        }
        return requested;
    }

    /** The token of the page after one of {@code size} rows fetched with one extra row to detect more. */
    public static String next(long offset, int pageSize, int fetched) {
        return fetched > pageSize ? encode(offset + pageSize) : null;
    }
}
