package io.cairn.agent.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The parts of the Job manifest that {@link KubernetesExecutionTest} does not pin down against the mock server. */
class JobManifestTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final KubernetesOptions options = new KubernetesOptions(null, null, null, "busybox:1.37", "cairn-run-token",
            "token", URI.create("http://cairn:8080"), Duration.ofHours(1), Duration.ofSeconds(1));

    @Test
    void theNameIsAShortDnsLabelOfRunAndAttempt() {
        assertThat(JobManifest.name("0123456789abcdef0123456789abcdef", 3)).isEqualTo("cairn-run-0123456789ab-a3");
        assertThat(JobManifest.name("Run_42", 1)).isEqualTo("cairn-run-run42-a1");
        assertThat(JobManifest.name("0123456789abcdef0123456789abcdef", 10).length() + "-x7k2p".length())
                .isLessThanOrEqualTo(63);
    }

    @Test
    void cpuIsWholeCoresOrMillicores() {
        assertThat(JobManifest.cpu(2.0)).isEqualTo("2");
        assertThat(JobManifest.cpu(0.5)).isEqualTo("500m");
        assertThat(JobManifest.cpu(1.25)).isEqualTo("1250m");
        assertThat(JobManifest.cpu(0.0001)).isEqualTo("1m");
    }

    @Test
    void gpusAreRequestedOnlyWhenTheSpecAsksForSome() throws Exception {
        Job withGpus = build("{\"entrypoint\": \"nvidia-smi\", \"environment\": {\"resources\": {\"gpu\": 4}}}");
        var resources = withGpus.getSpec().getTemplate().getSpec().getContainers().get(0).getResources();
        assertThat(resources.getLimits()).isEqualTo(Map.of(JobManifest.GPU, new Quantity("4")));
        assertThat(resources.getRequests()).isEqualTo(resources.getLimits());

        Job withoutGpus = build("{\"entrypoint\": \"true\", \"environment\": {\"resources\": {\"gpu\": 0, \"cpu\": 1}}}");
        assertThat(withoutGpus.getSpec().getTemplate().getSpec().getContainers().get(0).getResources().getLimits())
                .isEqualTo(Map.of("cpu", new Quantity("1")));
    }

    @Test
    void aBlankEntrypointRunsTheImagesOwnCommand() throws Exception {
        var container = build("{\"entrypoint\": \" \"}").getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getCommand()).isNullOrEmpty();
        assertThat(container.getArgs()).isNullOrEmpty();
    }

    @Test
    void theTrackingVariablesCannotBeOverriddenByTheSpec() throws Exception {
        var env = build("{\"entrypoint\": \"true\", \"environment\": {\"variables\": {\"CAIRN_TRACKING_URI\": "
                + "\"http://elsewhere\", \"CAIRN_TRACKING_TOKEN\": \"oops\"}}}")
                .getSpec().getTemplate().getSpec().getContainers().get(0).getEnv();
        assertThat(env).filteredOn(variable -> variable.getName().equals("CAIRN_TRACKING_URI")).singleElement()
                .satisfies(variable -> assertThat(variable.getValue()).isEqualTo("http://cairn:8080"));
        assertThat(env).filteredOn(variable -> variable.getName().equals("CAIRN_TRACKING_TOKEN")).singleElement()
                .satisfies(variable -> assertThat(variable.getValue()).isNull());
    }

    private Job build(String spec) throws Exception {
        return JobManifest.build("r1", "org-1", 1, "ns", json.readTree(spec), "busybox:1.37", options);
    }
}
