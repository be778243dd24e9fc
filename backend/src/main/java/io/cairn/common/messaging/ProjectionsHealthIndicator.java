package io.cairn.common.messaging;

import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * UP once the event store answers and every read-model projection is running without error; part of
 * readiness, so a load balancer sends no traffic before the read models are being fed. The Kafka publisher
 * and the projections fed into other servers ({@link AxonConfig#RETRYING_PROJECTIONS}: search, run-metrics) are
 * reported but never turn health DOWN: while Kafka, the search cluster or Cassandra is away Cairn keeps working,
 * and publication and projection resume from where they stopped.
 */
@Component
public class ProjectionsHealthIndicator implements HealthIndicator {

    private final Projections projections;

    public ProjectionsHealthIndicator(Projections projections) {
        this.projections = projections;
    }

    @Override
    public Health health() {
        Health.Builder health = Health.up();
        try {
            health.withDetail("eventStoreHead", projections.head());
        } catch (RuntimeException e) {
            return Health.down().withDetail("eventStore", "unreachable: " + e.getMessage()).build();
        }
        for (Projections.Status status : projections.all()) {
            // no segment owners (process ids and host names) in what anonymous callers read
            health.withDetail(status.name(), Map.of("running", status.running(), "error", status.error(),
                    "replaying", status.replaying(), "position", status.position(), "head", status.head()));
            if (AxonConfig.PROJECTIONS.contains(status.name()) && !AxonConfig.RETRYING_PROJECTIONS.contains(status.name())
                    && (!status.running() || status.error())) {
                health.down();
            }
        }
        return health.build();
    }
}
