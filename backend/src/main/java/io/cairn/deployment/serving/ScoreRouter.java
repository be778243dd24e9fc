package io.cairn.deployment.serving;

import io.cairn.common.error.ServiceUnavailableException;
import io.cairn.deployment.query.DeploymentView;
import io.cairn.deployment.query.DeploymentView.Served;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.net.URL;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.stereotype.Component;

/**
 * Sends scoring requests to a deployment's model servers: each request goes to the canary with the canary's
 * share of the traffic (weighted random), otherwise to the stable version; a version without a ready server
 * gives its request to the other one. Where a version answers is its target's business: a loopback port for
 * {@code local}, the version's Service for {@code kubernetes}. The model server's answer (predictions, or its
 * precise 400 problem) is passed through unchanged.
 *
 * <p>The request is sent with a blocking {@link HttpURLConnection} on the caller's thread over a kept-alive
 * connection (the JDK keeps up to {@code http.maxConnections} idle connections per model server, see
 * {@code CairnApplication}): the asynchronous {@code java.net.http.HttpClient} costs two thread hand-offs per request,
 * which on a small machine was a tenth of the backend's CPU time per score.
 */
@Component
public class ScoreRouter {

    /** The model server's answer and the version that gave it. */
    public record Answer(int status, String contentType, byte[] body, int version) {
    }

    private final DeploymentRuntimes runtimes;
    private static final int CONNECT_TIMEOUT_MS = 2_000;
    private static final int READ_TIMEOUT_MS = 60_000;

    private final DeploymentTelemetry telemetry;
    /** The URL of each scoring URI the runtimes answer (they hand out the same few), parsed once. */
    private final Map<URI, URL> urls = new ConcurrentHashMap<>();

    public ScoreRouter(DeploymentRuntimes runtimes, DeploymentTelemetry telemetry) {
        this.runtimes = runtimes;
        this.telemetry = telemetry;
    }

    public Answer score(String tenantId, DeploymentView deployment, byte[] body) {
        long start = System.nanoTime();
        DeploymentRuntime runtime = runtimes.of(deployment);
        Served chosen = choose(deployment);
        Served answering = chosen;
        URI uri = runtime.scoreUri(tenantId, deployment, chosen.version());
        if (uri == null) {
            for (Served other : deployment.versions()) {
                URI otherUri = runtime.scoreUri(tenantId, deployment, other.version());
                if (otherUri != null) {
                    answering = other;
                    uri = otherUri;
                    break;
                }
            }
        }
        if (uri == null || deployment.replicas() == 0) {
            telemetry.record(tenantId, deployment.id(), chosen.version(), 503, System.nanoTime() - start);
            throw new ServiceUnavailableException("Deployment '" + deployment.id() + "' has no ready model server "
                    + "(status " + runtime.observe(tenantId, deployment).status() + "); see GET /api/v1/deployments/"
                    + deployment.id());
        }
        try {
            Answer answer = post(url(uri), body, answering.version());
            telemetry.record(tenantId, deployment.id(), answering.version(), answer.status(), System.nanoTime() - start);
            return answer;
        } catch (IOException e) {
            telemetry.record(tenantId, deployment.id(), answering.version(), 503, System.nanoTime() - start);
            throw new ServiceUnavailableException("The model server of version " + answering.version()
                    + " did not answer: " + e.getMessage());
        }
    }

    private URL url(URI uri) throws IOException {
        URL url = urls.get(uri);
        if (url == null) {
            if (urls.size() >= 1024) {
                urls.clear();
            }
            url = uri.toURL();
            urls.put(uri, url);
        }
        return url;
    }

    /**
     * POSTs the rows. The body is buffered (no streaming mode), so headers and body leave in one write rather than
     * two segments that Nagle's algorithm would hold for the server's delayed ACK; the answer is read to its end so
     * the connection goes back to the keep-alive cache. Model servers are reached directly, never through an HTTP
     * proxy: a loopback port or a Service inside the cluster (and asking the proxy selector parsed the URL into a
     * {@code URI} on every request).
     */
    private static Answer post(URL url, byte[] body, int version) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) url.openConnection(Proxy.NO_PROXY);
        connection.setConnectTimeout(CONNECT_TIMEOUT_MS);
        connection.setReadTimeout(READ_TIMEOUT_MS);
        connection.setUseCaches(false);
        connection.setDoOutput(true);
        connection.setRequestMethod("POST");
        connection.setRequestProperty("Content-Type", "application/json");
        try (OutputStream out = connection.getOutputStream()) {
            out.write(body);
        }
        int status = connection.getResponseCode();
        byte[] answer;
        try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
            answer = in == null ? new byte[0] : in.readAllBytes();
        }
        String contentType = connection.getContentType();
        return new Answer(status, contentType == null ? "application/json" : contentType, answer, version);
    }

    private static Served choose(DeploymentView deployment) {
        if (deployment.versions().size() == 1) {
            return deployment.versions().get(0);
        }
        int draw = ThreadLocalRandom.current().nextInt(100);
        Served canary = deployment.versions().get(1);
        return draw < canary.trafficPercent() ? canary : deployment.versions().get(0);
    }
}
