package io.cairn.compute.command;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the backend watches agents' leases besides their deadlines (docs/compute.md, "When an agent dies").
 *
 * @param sweepInterval how often every instance checks the runs whose lease the read model shows expired: the lease's
 *                      deadline lives in the memory of the instance that granted or last checked it, so a run whose
 *                      instance died with it is found by the next sweep of any other instance
 */
@ConfigurationProperties("cairn.compute.lease")
public record LeaseProperties(@DefaultValue("10s") Duration sweepInterval) {
}
