package io.cairn.deployment.serving;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeploymentTelemetryTest {

    @Test
    void countsAndPercentilesArePerVersionAndInTotal() {
        DeploymentTelemetry telemetry = new DeploymentTelemetry();
        for (int i = 1; i <= 100; i++) {
            telemetry.record("acme", "d-1", 1, 200, i * 1_000_000L);
        }
        telemetry.record("acme", "d-1", 2, 400, 500_000L);
        telemetry.record("acme", "d-1", 2, 500, 300_000_000L);
        telemetry.record("globex", "d-1", 1, 200, 1_000_000L);

        DeploymentTelemetry.Telemetry answer = telemetry.of("acme", "d-1");
        assertThat(answer.versions()).hasSize(2);
        DeploymentTelemetry.VersionTelemetry first = answer.versions().get(0);
        assertThat(first.version()).isEqualTo(1);
        assertThat(first.requests()).isEqualTo(100);
        assertThat(first.errors()).isZero();
        assertThat(first.latencyMs().p50()).isEqualTo(50.0);
        assertThat(first.latencyMs().p95()).isEqualTo(95.0);
        assertThat(first.latencyMs().p99()).isEqualTo(99.0);
        assertThat(first.latencyMs().max()).isEqualTo(100.0);
        DeploymentTelemetry.VersionTelemetry second = answer.versions().get(1);
        assertThat(second.invalid()).isEqualTo(1);
        assertThat(second.errors()).isEqualTo(1);
        assertThat(answer.total().requests()).isEqualTo(102);
        assertThat(answer.total().latencyMs().max()).isEqualTo(300.0);
        assertThat(answer.total().latencyMs().window()).isEqualTo(102);

        telemetry.forget("acme", "d-1");
        assertThat(telemetry.of("acme", "d-1").total().requests()).isZero();
        assertThat(telemetry.of("globex", "d-1").total().requests()).isEqualTo(1);
    }

    @Test
    void theLatencyWindowKeepsTheLatestRequests() {
        DeploymentTelemetry telemetry = new DeploymentTelemetry();
        for (int i = 0; i < DeploymentTelemetry.WINDOW; i++) {
            telemetry.record("acme", "d-1", 1, 200, 900_000_000L);
        }
        for (int i = 0; i < DeploymentTelemetry.WINDOW; i++) {
            telemetry.record("acme", "d-1", 1, 200, 1_000_000L);
        }
        DeploymentTelemetry.VersionTelemetry version = telemetry.of("acme", "d-1").versions().get(0);
        assertThat(version.requests()).isEqualTo(2L * DeploymentTelemetry.WINDOW);
        assertThat(version.latencyMs().max()).isEqualTo(1.0);
    }
}
