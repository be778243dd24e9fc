package io.cairn.compute.command;

import io.cairn.compute.query.ComputeReadModel;
import io.cairn.compute.query.ComputeViews.LeasedRun;
import io.cairn.run.api.RunCommand.CheckRunLeaseCommand;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Makes sure no lease outlives its agent when its deadline is gone. Lease deadlines live in the memory of the
 * instance that scheduled them ({@code SimpleDeadlineManager}), so they are lost when that instance stops: at
 * start-up every run an agent holds expires its lease (if it ran out while the backend was down) or schedules its
 * deadline again, and then, every {@code cairn.compute.lease.sweep-interval}, every instance asks each run whose lease
 * the read model shows expired to check it — in the cluster profile that finds the runs of an instance that died.
 * The {@code Run} aggregate decides: a lease extended meanwhile only gets its deadline scheduled again.
 */
@Component
class LeaseSweeper {

    private static final Logger log = LoggerFactory.getLogger(LeaseSweeper.class);

    private final ComputeReadModel compute;
    private final CommandGateway commands;
    private final Clock clock;
    private final LeaseProperties properties;
    private final ScheduledExecutorService sweeps = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "lease-sweeper");
        thread.setDaemon(true);
        return thread;
    });

    LeaseSweeper(ComputeReadModel compute, CommandGateway commands, Clock clock, LeaseProperties properties) {
        this.compute = compute;
        this.commands = commands;
        this.clock = clock;
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        check(compute.leasedRuns());
        long interval = properties.sweepInterval().toMillis();
        sweeps.scheduleWithFixedDelay(this::sweep, interval, interval, TimeUnit.MILLISECONDS);
    }

    private void sweep() {
        try {
            check(compute.runsWithLeaseExpiredBefore(clock.millis()));
        } catch (RuntimeException e) {
            log.warn("Lease sweep failed: {}", e.getMessage());
        }
    }

    private void check(List<LeasedRun> runs) {
        for (LeasedRun run : runs) {
            try {
                commands.sendAndWait(new CheckRunLeaseCommand(run.runId(), run.tenantId()));
            } catch (RuntimeException e) {
                log.warn("Could not check the lease of run {}: {}", run.runId(), e.getMessage());
            }
        }
    }

    @PreDestroy
    void stop() {
        sweeps.shutdownNow();
    }
}
