package io.cairn.compute.api;

import io.cairn.common.messaging.WireName;
import java.util.List;
import org.axonframework.serialization.Revision;

/** Everything that happens to a compute agent. Wire names are stored in the event log: never change them. */
public sealed interface ComputeAgentEvent {

    String agentId();

    String tenantId();

    @WireName("cairn.compute.AgentRegistered")
    @Revision("1")
    record AgentRegisteredEvent(String agentId, String tenantId, String principalId, String name, List<String> kinds,
                                List<String> targetIds, int leaseTtlSeconds) implements ComputeAgentEvent {
    }
}
