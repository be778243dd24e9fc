package io.cairn.compute.command;

import io.cairn.common.error.InvalidInputException;
import io.cairn.common.error.NotFoundException;
import io.cairn.compute.api.ComputeTargetGuard;
import org.axonframework.config.Configuration;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/** Answers from the event-sourced {@link ComputeTarget} itself, so a target created a moment ago is seen. */
@Component
class AggregateComputeTargetGuard implements ComputeTargetGuard {

    private final Configuration axon;

    AggregateComputeTargetGuard(@Lazy Configuration axon) {
        this.axon = axon;
    }

    @Override
    public String requireKind(String tenantId, String targetId, String field) {
        if (targetId == null || targetId.isBlank()) {
            throw new InvalidInputException(field, "A compute target id is required");
        }
        try {
            return axon.repository(ComputeTarget.class).load(targetId)
                    .invoke(target -> target.kindFor(tenantId, field));
        } catch (AggregateNotFoundException e) {
            throw new NotFoundException("Compute target", targetId, field);
        }
    }
}
