package io.cairn.compute.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.cairn.common.error.InvalidInputException;
import io.cairn.common.error.NotFoundException;
import io.cairn.common.validation.Inputs;
import io.cairn.compute.api.ComputeAgentCommand.RegisterAgentCommand;
import io.cairn.compute.api.ComputeAgentEvent.AgentRegisteredEvent;
import io.cairn.compute.api.ComputeKinds;
import io.cairn.compute.api.ComputeTargetGuard;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A compute agent: a process of one organization, acting as one principal (a service account), that executes
 * runs of the targets it serves. Registering again (after a restart) keeps its id and replaces its capabilities.
 */
@Aggregate
public class ComputeAgent {

    static final int MIN_LEASE_TTL_SECONDS = 2;
    static final int MAX_LEASE_TTL_SECONDS = 3600;
    private static final int MAX_TARGETS = 100;

    @AggregateIdentifier
    private String agentId;
    private String tenantId;
    private String principalId;

    public ComputeAgent() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RegisterAgentCommand command, ComputeTargetGuard targets) {
        if (agentId != null && (!tenantId.equals(command.tenantId()) || !principalId.equals(command.principalId()))) {
            throw new NotFoundException("Agent", command.agentId());
        }
        String name = Inputs.requireName("name", command.name());
        List<String> kinds = command.kinds() == null || command.kinds().isEmpty()
                ? List.of(ComputeKinds.PROCESS) : List.copyOf(command.kinds());
        for (int i = 0; i < kinds.size(); i++) {
            if (!ComputeKinds.ALL.contains(kinds.get(i))) {
                throw new InvalidInputException("kinds[" + i + "]", "kinds must be among " + String.join(", ", ComputeKinds.ALL));
            }
        }
        List<String> targetIds = command.targetIds() == null ? List.of() : List.copyOf(command.targetIds());
        if (targetIds.isEmpty() || targetIds.size() > MAX_TARGETS) {
            throw new InvalidInputException("targets", "An agent serves 1 to " + MAX_TARGETS + " compute targets");
        }
        for (int i = 0; i < targetIds.size(); i++) {
            targets.requireKind(command.tenantId(), targetIds.get(i), "targets[" + i + "]");
        }
        if (command.leaseTtlSeconds() < MIN_LEASE_TTL_SECONDS || command.leaseTtlSeconds() > MAX_LEASE_TTL_SECONDS) {
            throw new InvalidInputException("leaseTtlSeconds", "leaseTtlSeconds must be between "
                    + MIN_LEASE_TTL_SECONDS + " and " + MAX_LEASE_TTL_SECONDS);
        }
        apply(new AgentRegisteredEvent(command.agentId(), command.tenantId(), command.principalId(), name, kinds,
                targetIds, command.leaseTtlSeconds()));
    }

    @EventSourcingHandler
    void on(AgentRegisteredEvent event) {
        agentId = event.agentId();
        tenantId = event.tenantId();
        principalId = event.principalId();
    }
}
