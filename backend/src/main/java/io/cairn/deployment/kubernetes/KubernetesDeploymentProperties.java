package io.cairn.deployment.kubernetes;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the {@code kubernetes} deployment target (docs/operations.md, "Kubernetes deployments").
 *
 * @param enabled          whether this backend accepts {@code kubernetes} deployments and reconciles them
 * @param masterUrl        the API server; unset, fabric8's default configuration (the kubeconfig, else the pod's
 *                         service account)
 * @param kubeconfig       a kubeconfig file to read instead of the default one
 * @param image            the model-server image; its entrypoint runs {@code model-server} with the arguments
 *                         Cairn gives
 * @param namespacePattern the namespace of an organization's model servers; {@code {org}} is its id
 * @param backendUrl       the backend's URL as pods reach it: model servers fetch their artifact through it
 * @param tokenSecret      the Secret (in each organization namespace) whose key {@code token} holds the model
 *                         servers' Cairn access token, passed as {@code CAIRN_TOKEN}
 * @param cpuRequest       CPU request of a model-server container
 * @param memoryRequest    memory request of a model-server container
 * @param memoryLimit      memory limit of a model-server container
 * @param progressDeadline how long a rollout may make no progress before Kubernetes (and Cairn) call it failed
 * @param pollInterval     how often the backend reconciles the cluster with the deployments and reads rollouts
 * @param autoscaling      the optional HorizontalPodAutoscaler per served version
 */
@ConfigurationProperties("cairn.deployments.kubernetes")
public record KubernetesDeploymentProperties(
        @DefaultValue("false") boolean enabled,
        String masterUrl,
        Path kubeconfig,
        @DefaultValue("cairn/model-server:0.1.0") String image,
        @DefaultValue("cairn-{org}") String namespacePattern,
        @DefaultValue("http://cairn-backend.cairn.svc:8080") String backendUrl,
        @DefaultValue("cairn-model-server-token") String tokenSecret,
        @DefaultValue("500m") String cpuRequest,
        @DefaultValue("1Gi") String memoryRequest,
        @DefaultValue("2Gi") String memoryLimit,
        @DefaultValue("600s") Duration progressDeadline,
        @DefaultValue("5s") Duration pollInterval,
        @DefaultValue Autoscaling autoscaling) {

    /**
     * With {@code enabled}, a HorizontalPodAutoscaler (autoscaling/v2) per served version keeps between the
     * deployment's {@code replicas} and {@code maxReplicas} pods at {@code cpuUtilization} % of the CPU request.
     */
    public record Autoscaling(@DefaultValue("false") boolean enabled, @DefaultValue("4") int maxReplicas,
                              @DefaultValue("80") int cpuUtilization) {
    }
}
