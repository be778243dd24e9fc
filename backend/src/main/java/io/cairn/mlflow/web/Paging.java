package io.cairn.mlflow.web;

import io.cairn.common.error.InvalidInputException;
import io.cairn.common.web.PageToken;

/** {@code max_results} and {@code page_token} as MLflow's searches take them, over Cairn's offset page tokens. */
final class Paging {

    private Paging() {
    }

    static int size(Integer requested, int byDefault, int max) {
        if (requested == null) {
            return byDefault;
        }
        if (requested < 1 || requested > max) {
            throw MlflowException.invalid("Invalid value " + requested + " for parameter 'max_results': it must be "
                    + "between 1 and " + max);
        }
        return requested;
    }

    static long offset(String token) {
        try {
            return PageToken.decode(token);
        } catch (InvalidInputException e) {
            throw MlflowException.invalid("Invalid page token '" + token + "'; pass the next_page_token of a previous page");
        }
    }

    static String token(long offset) {
        return PageToken.encode(offset);
    }
}
