package io.cairn.common.messaging;

import io.cairn.common.error.NotFoundException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.stereotype.Component;

/** Sends commands from the web layer and, when asked, waits for the projection that shows their effect. */
@Component
public class Commands {

    private final CommandGateway gateway;
    private final ProjectionBarrier barrier;

    public Commands(CommandGateway gateway, ProjectionBarrier barrier) {
        this.gateway = gateway;
        this.barrier = barrier;
    }

    /** Sends a command to an aggregate; an unknown id becomes a 404 naming the resource. */
    public <R> R send(Object command, String resource, String aggregateId) {
        try {
            return gateway.sendAndWait(command);
        } catch (AggregateNotFoundException e) {
            throw new NotFoundException(resource, aggregateId);
        }
    }

    /** {@link #send} and then wait until every one of {@code projections} reflects it (read-your-writes). */
    public <R> R sendAndProject(Object command, String resource, String aggregateId, String... projections) {
        R result = send(command, resource, aggregateId);
        for (String projection : projections) {
            barrier.await(projection, aggregateId);
        }
        return result;
    }
}
