package io.cairn.deployment.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Kubernetes objects of one served version of a {@code kubernetes} deployment, built only from the
 * deployment, the version and the settings, so the same inputs always give the same manifests
 * (docs/operations.md lists them). Each served version has its own Deployment, Service and, with autoscaling,
 * HorizontalPodAutoscaler, all named {@code cairn-<deployment id>-v<version>} in the organization's namespace:
 * the backend splits canary traffic itself, so a canary is a second set of objects beside the stable one.
 */
public final class KubernetesManifests {

    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String MANAGER = "cairn";
    public static final String ORG = "cairn.io/org";
    public static final String DEPLOYMENT = "cairn.io/deployment";
    public static final String VERSION = "cairn.io/version";
    public static final String MODEL = "cairn.io/model";
    public static final String ARTIFACT = "cairn.io/artifact-sha256";
    /** Digest of the manifest as Cairn built it: the object is replaced only when this changes. */
    public static final String MANIFEST_HASH = "cairn.io/manifest-hash";
    public static final String CONTAINER = "model-server";
    public static final int PORT = 8081;
    static final String WORK_DIR = "/var/lib/model-server";
    private static final int MAX_NAME = 63;

    /** What the manifests of one served version are built from. */
    public record Version(String tenantId, String deploymentId, String modelId, int version, String artifactSha256,
                          int replicas) {
    }

    private final KubernetesDeploymentProperties properties;

    public KubernetesManifests(KubernetesDeploymentProperties properties) {
        this.properties = properties;
    }

    /** The organization's namespace: the pattern with {@code {org}} replaced, shortened to a DNS label. */
    public String namespace(String tenantId) {
        return dnsLabel(properties.namespacePattern().replace("{org}", tenantId));
    }

    /** The name of the Deployment, Service and HPA of a served version. */
    public static String name(String deploymentId, int version) {
        return dnsLabel("cairn-" + deploymentId + "-v" + version);
    }

    /** The scoring URL of a served version: its Service, by cluster DNS. */
    public String scoreUri(String tenantId, String deploymentId, int version) {
        return "http://" + name(deploymentId, version) + "." + namespace(tenantId) + ".svc:" + PORT + "/v1/score";
    }

    /** Deployment, Service and (with autoscaling and at least one replica) HPA, in that order. */
    public List<HasMetadata> objects(Version v) {
        List<HasMetadata> objects = new ArrayList<>(3);
        objects.add(deployment(v));
        objects.add(service(v));
        if (autoscaled(v)) {
            objects.add(autoscaler(v));
        }
        return objects;
    }

    private boolean autoscaled(Version v) {
        return properties.autoscaling().enabled() && v.replicas() > 0;
    }

    /** Every label of the objects and pods of a served version. */
    public static Map<String, String> labels(String tenantId, String deploymentId, int version) {
        Map<String, String> labels = new TreeMap<>(selector(deploymentId, version));
        labels.put("app.kubernetes.io/name", CONTAINER);
        labels.put(MANAGED_BY, MANAGER);
        labels.put(ORG, tenantId);
        return labels;
    }

    /** The labels that select the pods of a served version (immutable once the Deployment exists). */
    public static Map<String, String> selector(String deploymentId, int version) {
        Map<String, String> selector = new TreeMap<>();
        selector.put(DEPLOYMENT, deploymentId);
        selector.put(VERSION, String.valueOf(version));
        return selector;
    }

    private ObjectMeta metadata(Version v) {
        Map<String, String> annotations = new TreeMap<>();
        annotations.put(MODEL, v.modelId());
        annotations.put(ARTIFACT, v.artifactSha256());
        return new ObjectMetaBuilder()
                .withName(name(v.deploymentId(), v.version()))
                .withNamespace(namespace(v.tenantId()))
                .withLabels(labels(v.tenantId(), v.deploymentId(), v.version()))
                .withAnnotations(annotations)
                .build();
    }

    Deployment deployment(Version v) {
        Map<String, Quantity> requests = new TreeMap<>();
        requests.put("cpu", new Quantity(properties.cpuRequest()));
        requests.put("memory", new Quantity(properties.memoryRequest()));
        return new DeploymentBuilder()
                .withMetadata(metadata(v))
                .withNewSpec()
                // with an autoscaler the HPA owns the replica count; Cairn leaves it out so as not to fight it
                .withReplicas(autoscaled(v) ? null : v.replicas())
                .withProgressDeadlineSeconds((int) properties.progressDeadline().toSeconds())
                .withRevisionHistoryLimit(2)
                .withNewSelector().withMatchLabels(selector(v.deploymentId(), v.version())).endSelector()
                .withNewStrategy()
                .withType("RollingUpdate")
                .withNewRollingUpdate()
                .withMaxSurge(new IntOrString(1))
                .withMaxUnavailable(new IntOrString(0))
                .endRollingUpdate()
                .endStrategy()
                .withNewTemplate()
                .withNewMetadata().withLabels(labels(v.tenantId(), v.deploymentId(), v.version())).endMetadata()
                .withNewSpec()
                .withAutomountServiceAccountToken(false)
                .addNewContainer()
                .withName(CONTAINER)
                .withImage(properties.image())
                .withImagePullPolicy("IfNotPresent")
                .withArgs("--backend-url", properties.backendUrl(), "--org", v.tenantId(), "--model", v.modelId(),
                        "--version", String.valueOf(v.version()), "--host", "0.0.0.0", "--port", String.valueOf(PORT),
                        "--work-dir", WORK_DIR)
                .addNewEnv()
                .withName("CAIRN_TOKEN")
                .withNewValueFrom()
                .withNewSecretKeyRef().withName(properties.tokenSecret()).withKey("token").endSecretKeyRef()
                .endValueFrom()
                .endEnv()
                .addNewPort().withName("http").withContainerPort(PORT).withProtocol("TCP").endPort()
                .withNewResources()
                .withRequests(requests)
                .withLimits(Map.of("memory", new Quantity(properties.memoryLimit())))
                .endResources()
                .withNewReadinessProbe()
                .withNewHttpGet().withPath("/health/ready").withPort(new IntOrString("http")).endHttpGet()
                .withPeriodSeconds(5)
                .withFailureThreshold(3)
                .endReadinessProbe()
                .withNewLivenessProbe()
                .withNewHttpGet().withPath("/health/live").withPort(new IntOrString("http")).endHttpGet()
                .withInitialDelaySeconds(30)
                .withPeriodSeconds(10)
                .withFailureThreshold(6)
                .endLivenessProbe()
                .addNewVolumeMount().withName("work").withMountPath(WORK_DIR).endVolumeMount()
                .endContainer()
                .addNewVolume().withName("work").withNewEmptyDir().endEmptyDir().endVolume()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    Service service(Version v) {
        return new ServiceBuilder()
                .withMetadata(metadata(v))
                .withNewSpec()
                .withType("ClusterIP")
                .withSelector(selector(v.deploymentId(), v.version()))
                .addNewPort().withName("http").withPort(PORT).withTargetPort(new IntOrString("http"))
                .withProtocol("TCP").endPort()
                .endSpec()
                .build();
    }

    HorizontalPodAutoscaler autoscaler(Version v) {
        KubernetesDeploymentProperties.Autoscaling autoscaling = properties.autoscaling();
        return new HorizontalPodAutoscalerBuilder()
                .withMetadata(metadata(v))
                .withNewSpec()
                .withNewScaleTargetRef().withApiVersion("apps/v1").withKind("Deployment")
                .withName(name(v.deploymentId(), v.version())).endScaleTargetRef()
                .withMinReplicas(v.replicas())
                .withMaxReplicas(Math.max(autoscaling.maxReplicas(), v.replicas()))
                .addNewMetric()
                .withType("Resource")
                .withNewResource().withName("cpu")
                .withNewTarget().withType("Utilization").withAverageUtilization(autoscaling.cpuUtilization()).endTarget()
                .endResource()
                .endMetric()
                .endSpec()
                .build();
    }

    /** Lower-case, at most 63 characters; a longer name keeps its start and ends with a digest of the whole. */
    static String dnsLabel(String name) {
        String label = name.toLowerCase().replaceAll("[^a-z0-9-]", "-");
        if (label.length() <= MAX_NAME) {
            return label;
        }
        return label.substring(0, MAX_NAME - 9).replaceAll("-+$", "") + "-" + digest(label).substring(0, 8);
    }

    static String digest(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
