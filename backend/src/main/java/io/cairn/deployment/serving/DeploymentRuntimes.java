package io.cairn.deployment.serving;

import io.cairn.common.error.InvalidInputException;
import io.cairn.deployment.query.DeploymentView;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/** The runtime of each deployment target, chosen by a deployment's {@code target}. */
@Component
public class DeploymentRuntimes {

    private final Map<String, DeploymentRuntime> byTarget = new TreeMap<>();

    public DeploymentRuntimes(List<DeploymentRuntime> runtimes) {
        runtimes.forEach(runtime -> byTarget.put(runtime.target(), runtime));
    }

    /** The target of a new deployment, once it is known and accepted here; otherwise a 400 on {@code target}. */
    public String requireAccepted(String target) {
        DeploymentRuntime runtime = byTarget.get(target);
        if (runtime == null) {
            throw new InvalidInputException("target", "target must be one of " + String.join(", ", byTarget.keySet()));
        }
        if (!runtime.acceptsDeployments()) {
            throw new InvalidInputException("target", runtime.refusal());
        }
        return target;
    }

    public DeploymentRuntime of(DeploymentView deployment) {
        DeploymentRuntime runtime = byTarget.get(deployment.target());
        if (runtime == null) {
            throw new IllegalStateException("No runtime for the target " + deployment.target());
        }
        return runtime;
    }

    public DeploymentView observe(String tenantId, DeploymentView deployment) {
        return of(deployment).observe(tenantId, deployment);
    }

    public void nudgeAll() {
        byTarget.values().forEach(DeploymentRuntime::nudge);
    }
}
