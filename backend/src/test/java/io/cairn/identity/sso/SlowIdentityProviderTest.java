package io.cairn.identity.sso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.sun.net.httpserver.HttpServer;
import io.cairn.support.ApiTestBase;
import io.cairn.support.Browser;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An organization's identity provider that accepts connections and never answers: sign-in fails after the read
 * timeout (3 s in tests) instead of holding a server thread forever, and a discovery document naming another
 * issuer is refused.
 */
class SlowIdentityProviderTest extends ApiTestBase {

    private static final Pattern STATE = Pattern.compile("[?&]state=([^&]+)");

    /** Accepts connections (the kernel completes them) but never reads or writes. */
    private ServerSocket silent;
    /** Serves discovery documents whose endpoints point at {@link #silent}. */
    private HttpServer idp;

    @BeforeEach
    void providers() throws IOException {
        silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        idp = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        idp.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String realm = path.substring(0, path.indexOf("/.well-known/"));
            String issuer = base() + (realm.endsWith("/impostor") ? "/realms/someone-else" : realm);
            String hung = "http://127.0.0.1:" + silent.getLocalPort();
            byte[] body = ("{\"issuer\":\"" + issuer + "\",\"authorization_endpoint\":\"" + issuer + "/auth\","
                    + "\"token_endpoint\":\"" + hung + "/token\",\"jwks_uri\":\"" + hung + "/certs\","
                    + "\"userinfo_endpoint\":\"" + hung + "/userinfo\",\"subject_types_supported\":[\"public\"],"
                    + "\"response_types_supported\":[\"code\"],\"id_token_signing_alg_values_supported\":[\"RS256\"]}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        idp.start();
    }

    @AfterEach
    void stop() throws IOException {
        idp.stop(0);
        silent.close();
    }

    private String base() {
        return "http://127.0.0.1:" + idp.getAddress().getPort();
    }

    private String configure(String issuer) {
        String org = unique("slow-idp");
        Map<String, Object> settings = new HashMap<>();
        settings.put("issuerUri", issuer);
        settings.put("clientId", "cairn");
        settings.put("clientSecret", "slow-idp-secret");
        settings.put("mappings", List.of());
        assertThat(ownerOf(org).putJson("/api/v1/orgs/" + org + "/sso", settings).status()).isEqualTo(200);
        return org;
    }

    @Test
    void aProviderThatNeverAnswersDiscoveryFailsTheSignInAfterTheReadTimeout() {
        String org = configure("http://127.0.0.1:" + silent.getLocalPort() + "/realms/hung");
        Browser browser = new Browser(port);
        long started = System.nanoTime();
        HttpResponse<String> answer = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> browser.navigate("/login/sso/" + org));
        assertThat(answer.statusCode()).isEqualTo(502);
        assertThat(answer.body()).contains("cannot be reached");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void aTokenEndpointThatNeverAnswersSendsTheUserBackWithAnErrorAfterTheReadTimeout() {
        String org = configure(base() + "/realms/slow-token");
        Browser browser = new Browser(port);
        String authorize = browser.expectRedirect(browser.navigate("/login/sso/" + org), base() + "/realms/slow-token/auth");
        Matcher state = STATE.matcher(authorize);
        assertThat(state.find()).as(authorize).isTrue();
        String callback = "/login/sso/" + org + "/callback?code=some-code&state="
                + URLDecoder.decode(state.group(1), StandardCharsets.UTF_8);

        HttpResponse<String> back = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> browser.navigate(callback));
        browser.expectRedirect(back, "/login?sso-error");
    }

    @Test
    void aDiscoveryDocumentNamingAnotherIssuerIsRefused() {
        String org = configure(base() + "/realms/impostor");
        HttpResponse<String> answer = new Browser(port).navigate("/login/sso/" + org);
        assertThat(answer.statusCode()).isEqualTo(502);
    }
}
