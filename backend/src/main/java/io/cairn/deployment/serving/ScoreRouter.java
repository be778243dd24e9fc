package io.cairn.deployment.serving;

import io.cairn.common.error.ServiceUnavailableException;
import io.cairn.deployment.query.DeploymentView;
import io.cairn.deployment.query.DeploymentView.Served;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.stereotype.Component;

/**
 * Sends scoring requests to a deployment's model servers: each request goes to the canary with the canary's
 * share of the traffic (weighted random), otherwise to the stable version; a version without a ready server
 * gives its request to the other one. Where a version answers is its target's business: a loopback port for
 * {@code local}, the version's Service for {@code kubernetes}. The model server's answer (predictions, or its
 * precise 400 problem) is passed through unchanged.
 */
@Component
public class ScoreRouter {

    /** The model server's answer and the version that gave it. */
    public record Answer(int status, String contentType, byte[] body, int version) {
    }

    private final DeploymentRuntimes runtimes;
    private final DeploymentTelemetry telemetry;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

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
            HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            telemetry.record(tenantId, deployment.id(), answering.version(), answer.statusCode(),
                    System.nanoTime() - start);
            return new Answer(answer.statusCode(), answer.headers().firstValue("Content-Type")
                    .orElse("application/json"), answer.body(), answering.version());
        } catch (IOException e) {
            telemetry.record(tenantId, deployment.id(), answering.version(), 503, System.nanoTime() - start);
            throw new ServiceUnavailableException("The model server of version " + answering.version()
                    + " did not answer: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceUnavailableException("Interrupted while scoring");
        }
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
