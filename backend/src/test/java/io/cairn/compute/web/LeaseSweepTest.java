package io.cairn.compute.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.support.Api;
import io.cairn.support.ComputeTestBase;
import java.util.List;
import java.util.Map;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.modelling.command.AggregateScopeDescriptor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A lease whose deadline is gone — as when the instance that scheduled it dies in a cluster — is still watched:
 * the lease sweep leaves it alone while heartbeats extend it and loses the attempt once it has expired.
 */
class LeaseSweepTest extends ComputeTestBase {

    @Autowired
    private DeadlineManager deadlines;

    @Test
    void aLeaseWithoutItsDeadlineIsLostByTheSweepOnceItExpires() throws InterruptedException {
        Api agent = steps.tokenOf(admin, credentials);
        String runId = steps.submit(owner, target, project, "sleep 60", 1);
        String agentId = steps.registerAgent(agent, target, 2);
        assertThat(agent.post("/api/v1/compute/agents/" + agentId + "/lease", Map.of()).get("/attempt")).isEqualTo("1");
        deadlines.cancelAllWithinScope("run-lease", new AggregateScopeDescriptor("Run", runId));

        // heartbeats keep the lease alive past its first expiry: the sweep must not lose it
        for (int beat = 0; beat < 8; beat++) {
            Api.Response answer = agent.post("/api/v1/compute/agents/" + agentId + "/heartbeat",
                    Map.of("runs", List.of(runId)));
            assertThat(answer.json().get("cancel")).as(answer.text()).isEmpty();
            Thread.sleep(500);
        }
        assertThat(owner.get("/api/v1/runs/" + runId).get("/status")).isEqualTo("RUNNING");

        // the agent goes silent: no deadline fires, the sweep finds the expired lease
        eventually(() -> "FAILED".equals(owner.get("/api/v1/runs/" + runId).get("/status")));
        Api.Response execution = owner.get("/api/v1/runs/" + runId + "/execution");
        assertThat(execution.get("/attempts/0/outcome")).isEqualTo("LOST");
        assertThat(execution.get("/reason")).contains("lease of agent '" + agentId + "' expired").contains("attempt 1 of 1");
    }
}
