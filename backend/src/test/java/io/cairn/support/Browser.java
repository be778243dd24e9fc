package io.cairn.support;

import java.io.IOException;
import java.net.CookieHandler;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a browser and the web UI do to sign in at the embedded provider, step by step with the JDK's HTTP client: a
 * cookie jar, no automatic redirects, the sign-in form with its CSRF token, the authorization code with PKCE and
 * the token exchange.
 */
public final class Browser {

    public static final String CLIENT_ID = "cairn-web";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String base;
    private final HttpClient http;

    public Browser(int port) {
        this.base = "http://127.0.0.1:" + port;
        this.http = HttpClient.newBuilder()
                .cookieHandler(new LoopbackCookies())
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    public String base() {
        return base;
    }

    public String redirectUri() {
        return base + "/auth/callback";
    }

    public static String newVerifier() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The authorization request of the web UI, with PKCE (S256) unless {@code challenge} is null. */
    public String authorizationRequest(String challenge, String state) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", CLIENT_ID);
        query.put("scope", "openid profile");
        query.put("redirect_uri", redirectUri());
        query.put("state", state);
        if (challenge != null) {
            query.put("code_challenge", challenge);
            query.put("code_challenge_method", "S256");
        }
        return "/oauth2/authorize?" + form(query);
    }

    /** GET as a browser navigating (Accept: text/html). */
    public HttpResponse<String> navigate(String pathOrUrl) {
        return send(HttpRequest.newBuilder(uri(pathOrUrl)).header("Accept", "text/html,*/*;q=0.8").GET());
    }

    /** Fetches the sign-in page and posts the form; answers the response to the post. */
    public HttpResponse<String> submitSignIn(String username, String password) {
        HttpResponse<String> page = navigate("/login");
        Matcher csrf = CSRF.matcher(page.body());
        if (page.statusCode() != 200 || !csrf.find()) {
            throw new AssertionError("No sign-in form: " + page.statusCode() + " " + page.body());
        }
        return post("/login", Map.of("username", username, "password", password, "_csrf", csrf.group(1)), null);
    }

    /**
     * The whole browser part: the authorization request sends an unknown browser to the sign-in page; signing in
     * returns to the authorization request, which redirects to the web UI with a code.
     *
     * @return the {@code Location} of the final redirect (to the redirect URI, with {@code code} or {@code error})
     */
    public String authorize(String username, String password, String challenge) {
        String state = newVerifier();
        HttpResponse<String> toLogin = navigate(authorizationRequest(challenge, state));
        expectRedirect(toLogin, "/login");
        HttpResponse<String> signedIn = submitSignIn(username, password);
        String back = expectRedirect(signedIn, "/oauth2/authorize");
        String callback = expectRedirect(navigate(back), redirectUri());
        if (callback.contains("code=") && !callback.contains("state=" + state)) {
            throw new AssertionError("The state was not returned: " + callback);
        }
        return callback;
    }

    /** Signs in and answers the authorization code. */
    public String code(String username, String password, String verifier) {
        String callback = authorize(username, password, challenge(verifier));
        Matcher code = Pattern.compile("[?&]code=([^&]+)").matcher(callback);
        if (!code.find()) {
            throw new AssertionError("No code in " + callback);
        }
        return code.group(1);
    }

    /** The token request of the web UI (a public client: no secret, the PKCE verifier instead). */
    public HttpResponse<String> exchange(String code, String verifier) {
        return post("/oauth2/token", Map.of("grant_type", "authorization_code", "code", code, "redirect_uri",
                redirectUri(), "client_id", CLIENT_ID, "code_verifier", verifier), null);
    }

    /** Signs in with a password and answers the access token (a JWT) the web UI would get. */
    public String accessToken(String username, String password) {
        String verifier = newVerifier();
        HttpResponse<String> token = exchange(code(username, password, verifier), verifier);
        if (token.statusCode() != 200) {
            throw new AssertionError("Token request refused: " + token.statusCode() + " " + token.body());
        }
        return json(token).get("access_token").asString();
    }

    /** A {@code client_credentials} token request with HTTP Basic client authentication. */
    public HttpResponse<String> clientCredentials(String clientId, String secret) {
        String basic = Base64.getEncoder().encodeToString(
                (enc(clientId) + ":" + enc(secret)).getBytes(StandardCharsets.UTF_8));
        return post("/oauth2/token", Map.of("grant_type", "client_credentials"), "Basic " + basic);
    }

    public HttpResponse<String> post(String path, Map<String, String> form, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html,application/json;q=0.9")
                .POST(HttpRequest.BodyPublishers.ofString(form(form)));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request);
    }

    /** A GET with this browser's cookies and nothing else (no bearer token). */
    public HttpResponse<String> getWithCookies(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    public static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    /** Asserts a redirect whose target contains {@code expected}; answers the absolute target. */
    public String expectRedirect(HttpResponse<String> response, String expected) {
        String location = response.headers().firstValue("Location").orElse(null);
        if (response.statusCode() != 302 || location == null || !location.contains(expected)) {
            throw new AssertionError("Expected a redirect to " + expected + " but got " + response.statusCode() + " "
                    + location + " " + response.body());
        }
        return location;
    }

    private URI uri(String pathOrUrl) {
        return URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : base + pathOrUrl);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String form(Map<String, String> values) {
        return values.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /**
     * A cookie jar that, like browsers (which treat loopback addresses as secure contexts), keeps cookies marked
     * {@code Secure} that servers on 127.0.0.1 set over plain http — Keycloak marks its session cookies so.
     */
    private static final class LoopbackCookies extends CookieHandler {

        private static final Pattern SECURE = Pattern.compile(";\\s*Secure\\s*(?=;|$)", Pattern.CASE_INSENSITIVE);

        private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);

        @Override
        public Map<String, List<String>> get(URI uri, Map<String, List<String>> headers) throws IOException {
            return cookies.get(uri, headers);
        }

        @Override
        public void put(URI uri, Map<String, List<String>> headers) throws IOException {
            if (!"127.0.0.1".equals(uri.getHost())) {
                cookies.put(uri, headers);
                return;
            }
            Map<String, List<String>> insecure = new LinkedHashMap<>();
            headers.forEach((name, values) -> insecure.put(name, name != null && name.equalsIgnoreCase("Set-Cookie")
                    ? values.stream().map(v -> SECURE.matcher(v).replaceAll("")).toList() : values));
            cookies.put(uri, insecure);
        }
    }
}
