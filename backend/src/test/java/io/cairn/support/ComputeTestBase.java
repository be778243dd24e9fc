package io.cairn.support;

import io.cairn.support.ComputeSteps.Credentials;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the compute tests: a fresh organization with a project, a {@code process} target, and a MEMBER service
 * account for agents that holds EDITOR on the project.
 */
public abstract class ComputeTestBase extends ApiTestBase {

    protected ComputeSteps steps;
    protected String org;
    protected Api owner;
    protected String project;
    protected String target;
    protected Credentials credentials;

    @BeforeEach
    void computeOrganization() {
        steps = new ComputeSteps(port);
        org = unique("compute");
        owner = ownerOf(org);
        project = createProject(owner);
        target = steps.createTarget(owner, unique("local"));
        credentials = steps.serviceAccount(owner, org, "MEMBER");
        grant(owner, project, "users", credentials.principalId(), "EDITOR");
    }
}
