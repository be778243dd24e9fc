package io.cairn.compute.command;

import io.cairn.compute.api.ComputeAgentCommand.RegisterAgentCommand;
import io.cairn.compute.api.ComputeAgentEvent.AgentRegisteredEvent;
import io.cairn.compute.api.ComputeTargetCommand.CreateComputeTargetCommand;
import io.cairn.compute.api.ComputeTargetEvent.ComputeTargetCreatedEvent;
import io.cairn.compute.api.TargetSettings;
import java.util.List;

/** Test data for the compute context. */
public final class ComputeMother {

    public static final String TENANT = "acme";
    public static final String OTHER_TENANT = "globex";
    public static final String TARGET_ID = "t-1";
    public static final String AGENT_ID = "agent-0001";
    public static final String PRINCIPAL = "sa-runner";
    public static final TargetSettings SETTINGS = new TargetSettings("local[2]", null, 0, 4);

    private ComputeMother() {
    }

    public static CreateComputeTargetCommand createTarget(String kind, TargetSettings settings) {
        return new CreateComputeTargetCommand(TARGET_ID, TENANT, "local", kind, settings);
    }

    public static ComputeTargetCreatedEvent targetCreated() {
        return new ComputeTargetCreatedEvent(TARGET_ID, TENANT, "local", "process", SETTINGS);
    }

    public static RegisterAgentCommand register(String principal, List<String> targets, int leaseTtlSeconds) {
        return new RegisterAgentCommand(AGENT_ID, TENANT, principal, "worker-1", List.of("process"), targets,
                leaseTtlSeconds);
    }

    public static AgentRegisteredEvent registered() {
        return new AgentRegisteredEvent(AGENT_ID, TENANT, PRINCIPAL, "worker-1", List.of("process"), List.of(TARGET_ID), 30);
    }
}
