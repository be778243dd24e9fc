package io.cairn.project.command;

import io.cairn.project.api.ProjectCommand.CreateProjectCommand;
import io.cairn.project.api.ProjectEvent.ProjectCreatedEvent;
import java.util.Map;

/** Test data for the project context. */
public final class ProjectMother {

    public static final String TENANT = "acme";
    public static final String OTHER_TENANT = "globex";
    public static final String PROJECT_ID = "p-1";

    private ProjectMother() {
    }

    public static CreateProjectCommand create(String name) {
        return new CreateProjectCommand(PROJECT_ID, TENANT, name, "Churn models", Map.of("team", "risk"));
    }

    public static ProjectCreatedEvent created(String name) {
        return new ProjectCreatedEvent(PROJECT_ID, TENANT, name, "Churn models", Map.of("team", "risk"));
    }
}
