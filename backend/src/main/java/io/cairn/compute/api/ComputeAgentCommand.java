package io.cairn.compute.api;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Commands on a {@code ComputeAgent}. */
public sealed interface ComputeAgentCommand {

    String agentId();

    String tenantId();

    /**
     * Registers an agent, or re-registers it (a restarted agent keeps its id): only the principal that
     * registered it may do so again.
     *
     * @param kinds             executor kinds the agent runs
     * @param targetIds         targets it leases runs from
     * @param leaseTtlSeconds   how long a lease lasts without a heartbeat
     */
    record RegisterAgentCommand(@TargetAggregateIdentifier String agentId, String tenantId, String principalId,
                                String name, List<String> kinds, List<String> targetIds, int leaseTtlSeconds)
            implements ComputeAgentCommand {
    }
}
