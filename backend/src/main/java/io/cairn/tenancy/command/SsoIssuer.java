package io.cairn.tenancy.command;

import io.cairn.common.error.InvalidInputException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Set;

/** Issuers of organizations' identity providers: https URLs, or http on the loopback interface (tests, dev). */
public final class SsoIssuer {

    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");
    private static final int MAX_LENGTH = 1000;

    private SsoIssuer() {
    }

    public static URI require(String field, String issuer) {
        if (issuer == null || issuer.isBlank()) {
            throw new InvalidInputException(field, "The issuer URI must not be blank");
        }
        if (issuer.length() > MAX_LENGTH) {
            throw new InvalidInputException(field, "The issuer URI is longer than " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(issuer);
        } catch (URISyntaxException e) {
            throw new InvalidInputException(field, "The issuer URI is not a URI: " + e.getReason());
        }
        String host = uri.getHost();
        boolean https = "https".equals(uri.getScheme());
        boolean loopbackHttp = "http".equals(uri.getScheme()) && host != null && LOOPBACK.contains(host.toLowerCase());
        if (host == null || !(https || loopbackHttp)) {
            throw new InvalidInputException(field, "The issuer must be an https URL (or http on localhost or "
                    + "127.0.0.1), e.g. https://sso.example.com/realms/acme");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new InvalidInputException(field, "The issuer URI has no query, fragment or user info");
        }
        return uri;
    }
}
