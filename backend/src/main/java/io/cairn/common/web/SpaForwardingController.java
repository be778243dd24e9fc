package io.cairn.common.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The web UI routes on the client ({@code /projects/abc}, {@code /runs/42}); a reload or a shared link asks the
 * server for such a path, which answers with the UI's {@code index.html} so the client router takes over.
 * Only paths whose first segment is a plain lower-case word are forwarded: the server's own prefixes (API,
 * actuator, OpenAPI, errors, the UI's hashed assets, the OpenID provider and its sign-in page) and anything with a
 * dot (files) are never matched, so an
 * unknown API path still answers a problem.
 */
@Controller
public class SpaForwardingController {

    private static final String UI_SEGMENT =
            "{first:(?!api$|actuator$|v3$|swagger-ui$|error$|assets$|login$|logout$|oauth2$|connect$|userinfo$)[a-z][a-z0-9-]*}";

    @GetMapping({"/" + UI_SEGMENT, "/" + UI_SEGMENT + "/**"})
    String forwardToIndex() {
        return "forward:/index.html";
    }
}
