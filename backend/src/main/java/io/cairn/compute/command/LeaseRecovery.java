package io.cairn.compute.command;

import io.cairn.compute.query.ComputeReadModel;
import io.cairn.compute.query.ComputeViews.LeasedRun;
import io.cairn.run.api.RunCommand.CheckRunLeaseCommand;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Lease deadlines live in memory ({@code SimpleDeadlineManager}); at start-up every run an agent holds expires its
 * lease (if it ran out while the backend was down) or schedules its deadline again.
 */
@Component
class LeaseRecovery {

    private static final Logger log = LoggerFactory.getLogger(LeaseRecovery.class);

    private final ComputeReadModel compute;
    private final CommandGateway commands;

    LeaseRecovery(ComputeReadModel compute, CommandGateway commands) {
        this.compute = compute;
        this.commands = commands;
    }

    @EventListener(ApplicationReadyEvent.class)
    void recover() {
        for (LeasedRun run : compute.leasedRuns()) {
            try {
                commands.sendAndWait(new CheckRunLeaseCommand(run.runId(), run.tenantId()));
            } catch (RuntimeException e) {
                log.warn("Could not check the lease of run {}: {}", run.runId(), e.getMessage());
            }
        }
    }
}
