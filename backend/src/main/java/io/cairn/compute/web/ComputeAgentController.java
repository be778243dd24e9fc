package io.cairn.compute.web;

import io.cairn.common.error.CairnException;
import io.cairn.common.error.InvalidInputException;
import io.cairn.common.error.NotFoundException;
import io.cairn.common.messaging.Commands;
import io.cairn.common.messaging.ProjectionBarrier;
import io.cairn.common.web.PageToken;
import io.cairn.compute.api.ComputeAgentCommand.RegisterAgentCommand;
import io.cairn.compute.query.ComputeReadModel;
import io.cairn.compute.query.ComputeViews.AgentView;
import io.cairn.compute.query.ComputeViews.ExecutionView;
import io.cairn.project.api.ProjectRole;
import io.cairn.run.api.RunCommand.EndRunAttemptCommand;
import io.cairn.run.api.RunCommand.ExtendRunLeaseCommand;
import io.cairn.run.api.RunCommand.LeaseRunCommand;
import io.cairn.run.api.RunSpec;
import io.cairn.run.api.RunStatus;
import io.cairn.run.api.SourceSnapshot;
import io.cairn.run.query.RunReadModel;
import io.cairn.tenancy.AccessPolicy;
import io.cairn.tenancy.AccessPolicy.Action;
import io.cairn.tenancy.CairnPrincipal;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Compute agents: register, heartbeat (extends the leases of the runs they hold, and tells them which runs to stop),
 * lease the next queued run of their targets, and end their attempts. An agent is operated only by the principal that
 * registered it (normally a service account); to everybody else its operations answer 404.
 */
@RestController
@RequestMapping("/api/v1/compute/agents")
public class ComputeAgentController {

    private static final String RESOURCE = "Agent";
    private static final int DEFAULT_LEASE_TTL_SECONDS = 30;
    private static final int MAX_RUNS_PER_HEARTBEAT = 100;
    private static final int LEASE_CANDIDATES = 20;
    private static final Pattern AGENT_ID = Pattern.compile("[A-Za-z0-9-]{8,64}");

    private final Commands commands;
    private final ProjectionBarrier barrier;
    private final ComputeReadModel compute;
    private final AccessPolicy policy;
    private final Clock clock;
    private final RunTokens runTokens;
    private final RunReadModel runs;

    ComputeAgentController(Commands commands, ProjectionBarrier barrier, ComputeReadModel compute, AccessPolicy policy,
                           Clock clock, RunTokens runTokens, RunReadModel runs) {
        this.runTokens = runTokens;
        this.runs = runs;
        this.commands = commands;
        this.barrier = barrier;
        this.compute = compute;
        this.policy = policy;
        this.clock = clock;
    }

    /** {@code agentId} names an agent registered before (a restart); absent, a new agent is registered. */
    public record RegisterAgentRequest(String agentId, String name, List<String> kinds, List<String> targets,
                                       Integer leaseTtlSeconds) {
    }

    public record HeartbeatRequest(List<String> runs) {
    }

    /** Runs the agent must stop now (killed, finished or no longer leased to it), and the lease TTL. */
    public record HeartbeatResponse(List<String> cancel, int leaseTtlSeconds) {
    }

    /**
     * {@code source}: the run's source snapshot, which the agent materialises in the attempt's working directory;
     * {@code runToken}: what the run's own process reports with, acting as the run's submitter (RunTokens).
     */
    public record Lease(String runId, String projectId, String targetId, int attempt, long leaseExpiresAt,
                        int leaseTtlSeconds, RunSpec spec, SourceSnapshot source, String runToken) {
    }

    /** {@code attempt}: the attempt number of the lease, so a report about an earlier attempt is refused. */
    public record EndAttemptRequest(String status, Integer exitCode, String reason, Integer attempt) {
    }

    public record AgentPage(List<AgentView> agents, String nextPageToken) {
    }

    @PostMapping
    ResponseEntity<AgentView> register(@RequestBody RegisterAgentRequest request) {
        CairnPrincipal caller = policy.caller(Action.WRITE);
        boolean known = request.agentId() != null;
        if (known && !AGENT_ID.matcher(request.agentId()).matches()) {
            throw new InvalidInputException("agentId", "agentId must be 8 to 64 letters, digits and '-'");
        }
        String id = known ? request.agentId() : UUID.randomUUID().toString();
        commands.sendAndProject(new RegisterAgentCommand(id, caller.tenantId(), caller.principalId(), request.name(),
                request.kinds(), request.targets(), request.leaseTtlSeconds() == null ? DEFAULT_LEASE_TTL_SECONDS
                        : request.leaseTtlSeconds()), RESOURCE, id, ComputeTargetController.PROJECTION);
        compute.heartbeat(caller.tenantId(), id, clock.millis());
        AgentView agent = own(caller, id);
        return known ? ResponseEntity.ok(agent)
                : ResponseEntity.created(URI.create("/api/v1/compute/agents/" + id)).body(agent);
    }

    @GetMapping
    AgentPage list(@RequestParam(required = false) Integer maxResults, @RequestParam(required = false) String pageToken) {
        CairnPrincipal caller = policy.caller(Action.READ);
        int size = PageToken.maxResults(maxResults);
        long offset = PageToken.decode(pageToken);
        List<AgentView> rows = compute.agents(caller.tenantId(), offset, size + 1);
        return new AgentPage(rows.subList(0, Math.min(size, rows.size())), PageToken.next(offset, size, rows.size()));
    }

    @GetMapping("/{id}")
    AgentView get(@PathVariable String id) {
        CairnPrincipal caller = policy.caller(Action.READ);
        return compute.agent(caller.tenantId(), id).orElseThrow(() -> new NotFoundException(RESOURCE, id));
    }

    @PostMapping("/{id}/heartbeat")
    HeartbeatResponse heartbeat(@PathVariable String id, @RequestBody(required = false) HeartbeatRequest request) {
        CairnPrincipal caller = policy.caller(Action.WRITE);
        AgentView agent = own(caller, id);
        List<String> runs = request == null || request.runs() == null ? List.of() : request.runs();
        if (runs.size() > MAX_RUNS_PER_HEARTBEAT) {
            throw new InvalidInputException("runs", "At most " + MAX_RUNS_PER_HEARTBEAT + " runs per heartbeat");
        }
        compute.heartbeat(caller.tenantId(), id, clock.millis());
        List<String> cancel = new ArrayList<>();
        for (String runId : runs) {
            try {
                commands.send(new ExtendRunLeaseCommand(runId, caller.tenantId(), id, agent.leaseTtlSeconds() * 1000L),
                        "Run", runId);
            } catch (CairnException lost) {
                cancel.add(runId);
            }
        }
        return new HeartbeatResponse(cancel, agent.leaseTtlSeconds());
    }

    /** Leases the oldest queued run of the agent's targets: 200 with the run and its spec, or 204 when none waits. */
    @PostMapping("/{id}/lease")
    ResponseEntity<Lease> lease(@PathVariable String id) {
        CairnPrincipal caller = policy.caller(Action.WRITE);
        AgentView agent = own(caller, id);
        for (String runId : compute.queued(caller.tenantId(), agent, LEASE_CANDIDATES)) {
            if (!mayReport(caller, runId)) {
                continue;
            }
            try {
                commands.send(new LeaseRunCommand(runId, caller.tenantId(), id, agent.leaseTtlSeconds() * 1000L), "Run",
                        runId);
            } catch (CairnException takenOrGone) {
                continue;
            }
            barrier.await(ComputeTargetController.PROJECTION, runId);
            ExecutionView execution = RunExecutionController.visible(compute, caller.tenantId(), runId);
            return ResponseEntity.ok(new Lease(runId, execution.projectId(), execution.targetId(), execution.attempt(),
                    execution.leaseExpiresAt() == null ? 0 : execution.leaseExpiresAt(), agent.leaseTtlSeconds(),
                    execution.spec(), runs.get(caller.tenantId(), runId).source(), runTokens.issue(caller.tenantId(), runId, execution.attempt(), execution.spec())));
        }
        return ResponseEntity.status(HttpStatus.NO_CONTENT).build();
    }

    /** Ends the agent's attempt of a run it holds: the run ends with the status, the exit code and the reason. */
    @PostMapping("/{id}/runs/{runId}/complete")
    ExecutionView complete(@PathVariable String id, @PathVariable String runId, @RequestBody EndAttemptRequest request) {
        CairnPrincipal caller = policy.caller(Action.WRITE);
        own(caller, id);
        commands.sendAndProject(new EndRunAttemptCommand(runId, caller.tenantId(), id, request.attempt(),
                RunStatus.requireTerminal(request.status()),
                request.exitCode(), request.reason()), "Run", runId, "runs", ComputeTargetController.PROJECTION);
        ExecutionView ended = RunExecutionController.visible(compute, caller.tenantId(), runId);
        runTokens.revoke(caller.tenantId(), runId, request.attempt() != null ? request.attempt() : ended.attempt());
        return ended;
    }

    /** An agent leases only runs it may report to through the run API (EDITOR on the run's project). */
    private boolean mayReport(CairnPrincipal caller, String runId) {
        return compute.execution(caller.tenantId(), runId).map(execution -> {
            try {
                policy.requireOnProject(caller, execution.projectId(), ProjectRole.EDITOR,
                        () -> new NotFoundException("Run", runId));
                return true;
            } catch (NotFoundException | AccessDeniedException notAllowed) {
                return false;
            }
        }).orElse(false);
    }

    private AgentView own(CairnPrincipal caller, String agentId) {
        return compute.agent(caller.tenantId(), agentId)
                .filter(agent -> agent.principalId().equals(caller.principalId()))
                .orElseThrow(() -> new NotFoundException(RESOURCE, agentId));
    }
}
