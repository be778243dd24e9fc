package io.cairn.agent.kubernetes;

import io.cairn.agent.ProcessExecution;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * The {@code batch/v1 Job} of one attempt of a run, a pure function of the run, the attempt and the options (the same
 * input gives the same manifest):
 * <ul>
 * <li>name {@code cairn-run-<first 12 characters of the run id>-a<attempt>}, labels {@code cairn.io/run},
 *     {@code cairn.io/org}, {@code cairn.io/attempt} and {@code app.kubernetes.io/managed-by: cairn-agent} on the Job
 *     and its pod;</li>
 * <li>one container {@code run}: the spec's {@code environment.image} (else the agent's {@code --kube-image}),
 *     {@code sh -c <entrypoint>} (the image's own command when the entrypoint is blank), the environment of a
 *     {@code process} run (the spec's variables, {@code CAIRN_PARAM_<KEY>}, {@code CAIRN_RUN_ID}) plus
 *     {@code CAIRN_TRACKING_URI} / {@code MLFLOW_TRACKING_URI} and {@code CAIRN_TRACKING_TOKEN} /
 *     {@code MLFLOW_TRACKING_TOKEN} taken from a Secret by reference (no token value is ever in the manifest);</li>
 * <li>requests = limits for {@code cpu}, {@code memory} ({@code memoryMb} as Mi) and {@code nvidia.com/gpu} when the
 *     spec asks for some;</li>
 * <li>{@code backoffLimit: 0} (Cairn's attempts do the retrying), {@code activeDeadlineSeconds} from the spec's
 *     {@code timeoutSeconds}, {@code ttlSecondsAfterFinished}, {@code restartPolicy: Never}, and no service account
 *     token in the pod (the run's code does not talk to Kubernetes).</li>
 * </ul>
 */
final class JobManifest {

    static final String LABEL_RUN = "cairn.io/run";
    static final String LABEL_ORG = "cairn.io/org";
    static final String LABEL_ATTEMPT = "cairn.io/attempt";
    static final String LABEL_MANAGED_BY = "app.kubernetes.io/managed-by";
    static final String MANAGED_BY = "cairn-agent";
    static final String CONTAINER = "run";
    static final String GPU = "nvidia.com/gpu";
    private static final int SHORT_ID = 12;

    private JobManifest() {
    }

    /** {@code cairn-run-<short run id>-a<attempt>}: a DNS label, also with the pod suffix Kubernetes appends. */
    static String name(String runId, int attempt) {
        String id = runId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        return "cairn-run-" + id.substring(0, Math.min(SHORT_ID, id.length())) + "-a" + attempt;
    }

    static Map<String, String> labels(String runId, String orgId, int attempt) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(LABEL_RUN, runId);
        labels.put(LABEL_ORG, orgId);
        labels.put(LABEL_ATTEMPT, Integer.toString(attempt));
        labels.put(LABEL_MANAGED_BY, MANAGED_BY);
        return labels;
    }

    /** The run's image: {@code environment.image}, else the agent's default; null when neither is set. */
    static String image(JsonNode spec, KubernetesOptions options) {
        JsonNode image = spec.path("environment").path("image");
        return image.isString() && !image.asString().isBlank() ? image.asString() : options.image();
    }

    /** GPUs the spec asks for ({@code environment.resources.gpu}), 0 when none. */
    static int gpus(JsonNode spec) {
        JsonNode gpu = spec.path("environment").path("resources").path("gpu");
        return gpu.isNumber() ? Math.max(0, gpu.asInt()) : 0;
    }

    static Job build(String runId, String orgId, int attempt, String namespace, JsonNode spec, String image,
                     KubernetesOptions options) {
        Map<String, String> labels = labels(runId, orgId, attempt);
        String entrypoint = spec.path("entrypoint").isString() ? spec.path("entrypoint").asString() : "";
        long timeout = spec.path("timeoutSeconds").isNumber() ? spec.path("timeoutSeconds").asLong() : 0;
        return new JobBuilder()
                .withNewMetadata()
                    .withName(name(runId, attempt))
                    .withNamespace(namespace)
                    .withLabels(labels)
                .endMetadata()
                .withNewSpec()
                    .withBackoffLimit(0)
                    .withActiveDeadlineSeconds(timeout > 0 ? timeout : null)
                    .withTtlSecondsAfterFinished((int) options.ttlAfterFinished().toSeconds())
                    .withNewTemplate()
                        .withNewMetadata()
                            .withLabels(labels)
                        .endMetadata()
                        .withNewSpec()
                            .withRestartPolicy("Never")
                            .withAutomountServiceAccountToken(false)
                            .addNewContainer()
                                .withName(CONTAINER)
                                .withImage(image)
                                .withCommand(entrypoint.isBlank() ? null : List.of("sh", "-c"))
                                .withArgs(entrypoint.isBlank() ? null : List.of(entrypoint))
                                .withEnv(environment(runId, spec, options))
                                .withResources(resources(spec))
                            .endContainer()
                        .endSpec()
                    .endTemplate()
                .endSpec()
                .build();
    }

    /** The variables of a process run by name, then the tracking URI and the token reference. */
    static List<EnvVar> environment(String runId, JsonNode spec, KubernetesOptions options) {
        List<EnvVar> environment = new ArrayList<>();
        Map<String, String> variables = new TreeMap<>(ProcessExecution.processEnvironment(spec, runId));
        for (String name : List.of("CAIRN_TRACKING_URI", "MLFLOW_TRACKING_URI", "CAIRN_TRACKING_TOKEN",
                "MLFLOW_TRACKING_TOKEN")) {
            variables.remove(name);
        }
        variables.forEach((name, value) -> environment.add(new EnvVar(name, value, null)));
        String uri = options.trackingUri().toString();
        environment.add(new EnvVar("CAIRN_TRACKING_URI", uri, null));
        environment.add(new EnvVar("MLFLOW_TRACKING_URI", uri, null));
        environment.add(secretReference("CAIRN_TRACKING_TOKEN", options));
        environment.add(secretReference("MLFLOW_TRACKING_TOKEN", options));
        return environment;
    }

    private static EnvVar secretReference(String name, KubernetesOptions options) {
        return new EnvVarBuilder().withName(name)
                .withNewValueFrom()
                    .withNewSecretKeyRef().withName(options.tokenSecret()).withKey(options.tokenSecretKey()).endSecretKeyRef()
                .endValueFrom()
                .build();
    }

    /** Requests equal to limits (cpu, memory, GPUs), so the pod gets what the run asked for; none when none asked. */
    static ResourceRequirements resources(JsonNode spec) {
        JsonNode resources = spec.path("environment").path("resources");
        Map<String, Quantity> amounts = new LinkedHashMap<>();
        JsonNode cpu = resources.path("cpu");
        if (cpu.isNumber() && cpu.asDouble() > 0) {
            amounts.put("cpu", new Quantity(cpu(cpu.asDouble())));
        }
        JsonNode memory = resources.path("memoryMb");
        if (memory.isNumber() && memory.asLong() > 0) {
            amounts.put("memory", new Quantity(memory.asLong() + "Mi"));
        }
        int gpus = gpus(spec);
        if (gpus > 0) {
            amounts.put(GPU, new Quantity(Integer.toString(gpus)));
        }
        if (amounts.isEmpty()) {
            return null;
        }
        return new ResourceRequirementsBuilder().withRequests(amounts).withLimits(new LinkedHashMap<>(amounts)).build();
    }

    /** Whole cores as such ({@code 2}), fractions in millicores ({@code 0.5} → {@code 500m}). */
    static String cpu(double cores) {
        BigDecimal value = BigDecimal.valueOf(cores);
        if (value.stripTrailingZeros().scale() <= 0) {
            return value.toBigInteger().toString();
        }
        return value.movePointRight(3).setScale(0, java.math.RoundingMode.CEILING).toBigInteger() + "m";
    }
}
