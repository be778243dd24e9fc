package io.cairn.identity.login;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.util.HtmlUtils;

/**
 * The embedded provider's sign-in page: one plain server-rendered form (username, password, CSRF token) posting to
 * {@code /login}, with at most one message, and a second form to sign in with one's organization's SSO
 * ({@code GET /login/sso?org=…}), in the web UI's colours (light and dark). No script, no external resource.
 */
public final class LoginPage {

    private static final String STYLE = """
            :root{color-scheme:light dark;--fg:#1c2330;--bg:#f6f7f9;--card:#fff;--line:#dde1e7;--accent:#2f6db5;\
            --on-accent:#fff;--error:#b42318}
            @media (prefers-color-scheme:dark){:root{--fg:#e3e8ef;--bg:#0f1319;--card:#171c24;--line:#2c3542;\
            --accent:#6ea8f0;--on-accent:#0b1220;--error:#ff8a7e}}
            body{margin:0;min-height:100vh;display:grid;place-items:center;background:var(--bg);color:var(--fg);\
            font:16px/1.5 system-ui,sans-serif}
            form{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:2rem;width:min(22rem,90vw);\
            display:grid;gap:.5rem}
            h1{font-size:1.4rem;margin:0 0 .5rem}
            h2{font-size:1.1rem;margin:0 0 .5rem}
            label{font-weight:600;margin-top:.5rem}
            input{font:inherit;padding:.5rem;border:1px solid var(--line);border-radius:4px;background:transparent;\
            color:inherit}
            input:focus,button:focus{outline:3px solid var(--accent);outline-offset:1px}
            button{font:inherit;font-weight:600;margin-top:1rem;padding:.6rem;border:0;border-radius:4px;\
            background:var(--accent);color:var(--on-accent);cursor:pointer}
            .message{margin:0;padding:.5rem;border-radius:4px;border:1px solid var(--line)}
            .error{color:var(--error);border-color:var(--error)}
            main{display:grid;gap:1rem}
            .secondary{background:transparent;color:var(--accent);border:1px solid var(--accent)}
            """;

    private LoginPage() {
    }

    /** Writes the page with {@code status}, an optional message, and the username to keep in the form. */
    public static void write(HttpServletRequest request, HttpServletResponse response, int status, String message,
                             boolean error, String username) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.TEXT_HTML_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.getWriter().write(render(request, message, error, username));
    }

    static String render(HttpServletRequest request, String message, boolean error, String username) {
        CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        String notice = message == null ? "" : "<p class=\"message" + (error ? " error\" role=\"alert\"" : "\" role=\"status\"")
                + ">" + HtmlUtils.htmlEscape(message) + "</p>\n";
        String hidden = csrf == null ? "" : "<input type=\"hidden\" name=\"" + HtmlUtils.htmlEscape(csrf.getParameterName())
                + "\" value=\"" + HtmlUtils.htmlEscape(csrf.getToken()) + "\">\n";
        return """
                <!doctype html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Sign in · Cairn</title>
                <style>%s</style>
                </head>
                <body>
                <main>
                <form method="post" action="%s/login" aria-labelledby="title">
                <h1 id="title">Sign in to Cairn</h1>
                %s<label for="username">Username</label>
                <input id="username" name="username" autocomplete="username" required autofocus value="%s">
                <label for="password">Password</label>
                <input id="password" name="password" type="password" autocomplete="current-password" required>
                %s<button type="submit">Sign in</button>
                </form>
                <form method="get" action="%s/login/sso" aria-labelledby="sso-title">
                <h2 id="sso-title">Sign in with your organization's SSO</h2>
                <label for="org">Organization id</label>
                <input id="org" name="org" autocomplete="organization" required pattern="[a-z0-9][a-z0-9-]{1,62}">
                <button type="submit" class="secondary">Continue with SSO</button>
                </form>
                </main>
                </body>
                </html>
                """.formatted(STYLE, HtmlUtils.htmlEscape(request.getContextPath()), notice,
                HtmlUtils.htmlEscape(username == null ? "" : username), hidden,
                HtmlUtils.htmlEscape(request.getContextPath()));
    }
}
