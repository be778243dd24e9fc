package io.cairn.common.messaging;

import io.cairn.common.error.NotFoundException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
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

    /** Tries of a command that met a concurrent append to its aggregate. */
    static final int ATTEMPTS = 3;

    /**
     * Sends a command to an aggregate; an unknown id becomes a 404 naming the resource. A command that lost a race
     * to append to its aggregate (another instance of a cluster appended since this one cached the aggregate, or
     * a concurrent request did) is tried again: its unit of work rolled back and evicted the stale aggregate, so
     * the next try decides on the current state.
     */
    public <R> R send(Object command, String resource, String aggregateId) {
        for (int attempt = 1; ; attempt++) {
            try {
                return gateway.sendAndWait(command);
            } catch (AggregateNotFoundException e) {
                throw new NotFoundException(resource, aggregateId);
            } catch (ConcurrencyException e) {
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
            }
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
