package io.cairn.deployment.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.cairn.common.error.InvalidInputException;
import io.cairn.deployment.kubernetes.KubernetesDeploymentProperties;
import io.cairn.deployment.kubernetes.KubernetesDeploymentSupervisor;
import io.cairn.deployment.query.DeploymentView;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which targets a create request may name. The API tests run with the kubernetes target enabled (against the
 * mock API server), so its refusal where it is disabled is checked here: a 400 on {@code target}.
 */
class DeploymentRuntimesTest {

    /** A runtime that accepts everything and runs nothing. */
    private static final DeploymentRuntime LOCAL = new DeploymentRuntime() {
        @Override
        public String target() {
            return "local";
        }

        @Override
        public boolean acceptsDeployments() {
            return true;
        }

        @Override
        public String refusal() {
            return "";
        }

        @Override
        public DeploymentView observe(String tenantId, DeploymentView deployment) {
            return deployment;
        }

        @Override
        public URI scoreUri(String tenantId, DeploymentView deployment, int version) {
            return null;
        }

        @Override
        public void nudge() {
        }
    };

    private static KubernetesDeploymentSupervisor kubernetes(boolean enabled) {
        return new KubernetesDeploymentSupervisor(new KubernetesDeploymentProperties(enabled, null, (Path) null,
                "cairn/model-server:0.1.0", "cairn-{org}", "http://cairn-backend.cairn.svc:8080",
                "cairn-model-server-token", "500m", "1Gi", "2Gi", Duration.ofSeconds(600), Duration.ofSeconds(5),
                new KubernetesDeploymentProperties.Autoscaling(false, 4, 80)), null);
    }

    @Test
    void aDisabledKubernetesTargetIsRefusedOnTheTargetField() {
        DeploymentRuntimes runtimes = new DeploymentRuntimes(List.of(LOCAL, kubernetes(false)));
        InvalidInputException refused = catchThrowableOfType(InvalidInputException.class,
                () -> runtimes.requireAccepted("kubernetes"));
        assertThat(refused.field()).isEqualTo("target");
        assertThat(refused.getMessage()).contains("cairn.deployments.kubernetes.enabled=false");
        assertThat(runtimes.requireAccepted("local")).isEqualTo("local");
    }

    @Test
    void anEnabledKubernetesTargetIsAcceptedAndAnUnknownOneNamesTheKnownOnes() {
        DeploymentRuntimes runtimes = new DeploymentRuntimes(List.of(LOCAL, kubernetes(true)));
        assertThat(runtimes.requireAccepted("kubernetes")).isEqualTo("kubernetes");
        InvalidInputException unknown = catchThrowableOfType(InvalidInputException.class,
                () -> runtimes.requireAccepted("mainframe"));
        assertThat(unknown.field()).isEqualTo("target");
        assertThat(unknown.getMessage()).isEqualTo("target must be one of kubernetes, local");
    }
}
