package io.cairn.agent.kubernetes;

import io.cairn.agent.AgentConfig;
import java.net.URI;
import java.time.Duration;

/**
 * The kubernetes executor's agent options ({@code --kube-…=…} or {@code CAIRN_KUBE_…}; see docs/compute.md).
 *
 * @param master          the API server URL; null: fabric8's default configuration (kubeconfig, then in-cluster)
 * @param kubeconfig      a kubeconfig file to use instead of the default one; null: the default
 * @param namespace       the namespace of a target without {@code settings.namespace}; null: the client's own
 * @param image           the image of a run whose spec names none ({@code environment.image}); null: such runs fail
 * @param tokenSecret     the Secret holding the token the run's code reports with, key {@code tokenSecretKey}
 * @param tokenSecretKey  the key in {@code tokenSecret}
 * @param trackingUri     Cairn's URL as the pods reach it ({@code CAIRN_TRACKING_URI}); default the agent's {@code --url}
 * @param ttlAfterFinished how long Kubernetes keeps a finished Job and its pod ({@code ttlSecondsAfterFinished})
 * @param pollInterval    how often the Job and its pods are read
 */
public record KubernetesOptions(String master, String kubeconfig, String namespace, String image, String tokenSecret,
                                String tokenSecretKey, URI trackingUri, Duration ttlAfterFinished,
                                Duration pollInterval) {

    static final String DEFAULT_TOKEN_SECRET = "cairn-run-token";
    static final String DEFAULT_TOKEN_SECRET_KEY = "token";
    static final long DEFAULT_TTL_SECONDS = 3600;
    static final long DEFAULT_POLL_INTERVAL_MS = 1000;

    static KubernetesOptions from(AgentConfig config) {
        return new KubernetesOptions(config.option("kube-master"), config.option("kube-config"),
                config.option("kube-namespace"), config.option("kube-image"),
                orDefault(config.option("kube-token-secret"), DEFAULT_TOKEN_SECRET),
                orDefault(config.option("kube-token-secret-key"), DEFAULT_TOKEN_SECRET_KEY),
                config.option("kube-tracking-uri") == null ? config.url() : URI.create(config.option("kube-tracking-uri")),
                Duration.ofSeconds(Long.parseLong(orDefault(config.option("kube-ttl-seconds"),
                        Long.toString(DEFAULT_TTL_SECONDS)))),
                Duration.ofMillis(Long.parseLong(orDefault(config.option("kube-poll-interval-ms"),
                        Long.toString(DEFAULT_POLL_INTERVAL_MS)))));
    }

    private static String orDefault(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
