package io.cairn.compute.command;

import static io.cairn.compute.command.ComputeMother.AGENT_ID;
import static io.cairn.compute.command.ComputeMother.PRINCIPAL;
import static io.cairn.compute.command.ComputeMother.TARGET_ID;
import static io.cairn.compute.command.ComputeMother.TENANT;
import static io.cairn.compute.command.ComputeMother.register;
import static io.cairn.compute.command.ComputeMother.registered;
import static org.hamcrest.Matchers.containsString;

import io.cairn.common.error.InvalidInputException;
import io.cairn.common.error.NotFoundException;
import io.cairn.compute.api.ComputeAgentCommand.RegisterAgentCommand;
import io.cairn.compute.api.ComputeAgentEvent.AgentRegisteredEvent;
import io.cairn.compute.api.ComputeTargetGuard;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ComputeAgentTest {

    private AggregateTestFixture<ComputeAgent> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ComputeAgent.class);
        ComputeTargetGuard targets = (tenantId, targetId, field) -> {
            if (!TENANT.equals(tenantId) || !TARGET_ID.equals(targetId)) {
                throw new NotFoundException("Compute target", targetId, field);
            }
            return "process";
        };
        fixture.registerInjectableResource(targets);
    }

    @Test
    void registerAgentCommandRegistersANewAgent() {
        fixture.givenNoPriorActivity()
                .when(register(PRINCIPAL, List.of(TARGET_ID), 30))
                .expectEvents(registered());
    }

    @Test
    void registerAgentCommandAgainByTheSamePrincipalReplacesItsCapabilities() {
        fixture.given(registered())
                .when(register(PRINCIPAL, List.of(TARGET_ID), 5))
                .expectEvents(new AgentRegisteredEvent(AGENT_ID, TENANT, PRINCIPAL, "worker-1", List.of("process"),
                        List.of(TARGET_ID), 5));
    }

    @Test
    void registerAgentCommandForAnotherPrincipalsAgentIsNotFound() {
        fixture.given(registered())
                .when(register("someone-else", List.of(TARGET_ID), 30))
                .expectException(NotFoundException.class);
    }

    @Test
    void registerAgentCommandWithUnknownTargetIsNotFound() {
        fixture.givenNoPriorActivity()
                .when(register(PRINCIPAL, List.of("t-404"), 30))
                .expectException(NotFoundException.class);
    }

    @Test
    void registerAgentCommandWithoutTargetsIsRejected() {
        fixture.givenNoPriorActivity()
                .when(register(PRINCIPAL, List.of(), 30))
                .expectException(InvalidInputException.class);
    }

    @Test
    void registerAgentCommandWithUnknownKindIsRejected() {
        fixture.givenNoPriorActivity()
                .when(new RegisterAgentCommand(AGENT_ID, TENANT, PRINCIPAL, "w", List.of("quantum"), List.of(TARGET_ID), 30))
                .expectException(InvalidInputException.class)
                .expectExceptionMessage(containsString("kinds must be among"));
    }

    @Test
    void registerAgentCommandWithLeaseTtlOutOfBoundsIsRejected() {
        fixture.givenNoPriorActivity()
                .when(register(PRINCIPAL, List.of(TARGET_ID), 1))
                .expectException(InvalidInputException.class)
                .expectExceptionMessage(containsString("leaseTtlSeconds"));
    }
}
