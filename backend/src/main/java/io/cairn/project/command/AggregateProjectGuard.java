package io.cairn.project.command;

import io.cairn.common.error.NotFoundException;
import io.cairn.project.api.ProjectGuard;
import org.axonframework.config.Configuration;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/** Answers from the event-sourced {@link Project} itself, so a just-created project is always seen. */
@Component
class AggregateProjectGuard implements ProjectGuard {

    private final Configuration axon;

    AggregateProjectGuard(@Lazy Configuration axon) {
        this.axon = axon;
    }

    @Override
    public void requireAcceptsRuns(String tenantId, String projectId, String field) {
        if (projectId == null || projectId.isBlank()) {
            throw new io.cairn.common.error.InvalidInputException(field, "A project id is required");
        }
        try {
            axon.repository(Project.class).load(projectId).execute(p -> p.requireAcceptsRuns(tenantId, field));
        } catch (AggregateNotFoundException e) {
            throw new NotFoundException("Project", projectId);
        }
    }
}
