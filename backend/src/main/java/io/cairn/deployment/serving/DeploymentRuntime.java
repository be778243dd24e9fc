package io.cairn.deployment.serving;

import io.cairn.deployment.query.DeploymentView;
import java.net.URI;

/**
 * Where the model servers of one deployment target run: the local supervisor's child JVMs, or Kubernetes
 * Deployments. The read model says what should run; a runtime makes it so and says what it observes.
 */
public interface DeploymentRuntime {

    /** The target name deployments are created with ({@code local}, {@code kubernetes}). */
    String target();

    /** Whether this backend accepts new deployments on the target (see each runtime for what it means). */
    boolean acceptsDeployments();

    /** Why {@link #acceptsDeployments()} is false, for the 400 a create request answers. */
    String refusal();

    /** The deployment with what is observed of each served version, and the sum of it in {@code status}. */
    DeploymentView observe(String tenantId, DeploymentView deployment);

    /** The scoring URL of a ready served version, or null when none answers now. */
    URI scoreUri(String tenantId, DeploymentView deployment, int version);

    /** Looks at the deployments now rather than at the next poll (after a change through the API). */
    void nudge();
}
