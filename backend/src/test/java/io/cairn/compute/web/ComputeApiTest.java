package io.cairn.compute.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.support.Api;
import io.cairn.support.ComputeTestBase;
import io.cairn.support.ComputeSteps.Credentials;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Compute targets, run submission, agents, leases (incl. racing agents), heartbeats, logs and tenant isolation. */
class ComputeApiTest extends ComputeTestBase {

    private Api agent;

    @BeforeEach
    void agentToken() {
        agent = steps.tokenOf(admin, credentials);
    }

    @Test
    void ownersManageTargetsAndMembersListThem() {
        String name = unique("spark");
        Api.Response created = owner.post("/api/v1/compute/targets", Map.of("name", name, "kind", "spark",
                "settings", Map.of("sparkMaster", "local[2]", "maxConcurrentRuns", 2)));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String id = created.get("/id");
        assertThat(created.get("/settings/sparkMaster")).isEqualTo("local[2]");
        Api member = memberOf(org, "MEMBER");
        assertThat(member.get("/api/v1/compute/targets").text()).contains(name);
        assertThat(member.get("/api/v1/compute/targets/" + id).get("/kind")).isEqualTo("spark");
        assertProblem(member.post("/api/v1/compute/targets", Map.of("name", unique("x"), "kind", "process")), 403);
        assertProblem(member.patch("/api/v1/compute/targets/" + id, Map.of("name", "x")), 403);

        Api.Response renamed = owner.patch("/api/v1/compute/targets/" + id, Map.of("name", name + "-2",
                "settings", Map.of("gpus", 1)));
        assertThat(renamed.status()).as(renamed.text()).isEqualTo(200);
        assertThat(renamed.get("/name")).isEqualTo(name + "-2");
        assertThat(renamed.get("/settings/gpus")).isEqualTo("1");
        assertThat(assertProblem(owner.post("/api/v1/compute/targets", Map.of("name", name + "-2", "kind", "process")),
                409).get("/field")).isEqualTo("name");

        assertThat(owner.delete("/api/v1/compute/targets/" + id).status()).isEqualTo(204);
        assertProblem(owner.get("/api/v1/compute/targets/" + id), 404);
        assertThat(owner.post("/api/v1/compute/targets", Map.of("name", name + "-2", "kind", "process")).status())
                .isEqualTo(201);
        assertProblem(ownerOf(unique("outsider")).get("/api/v1/compute/targets/" + target), 404);
    }

    @Test
    void badTargetsAndSubmissionsNameTheirField() {
        assertThat(assertProblem(owner.post("/api/v1/compute/targets", Map.of("name", unique("t"), "kind", "mainframe")),
                400).get("/field")).isEqualTo("kind");
        assertThat(assertProblem(owner.post("/api/v1/compute/targets", Map.of("name", unique("t"), "kind", "spark",
                "settings", Map.of("sparkMaster", "yarn"))), 400).get("/field")).isEqualTo("settings.sparkMaster");
        String runs = "/api/v1/compute/targets/" + target + "/runs";
        assertThat(assertProblem(owner.post(runs, Map.of("spec", Map.of("entrypoint", "true"))), 400).get("/field"))
                .isEqualTo("projectId");
        assertThat(assertProblem(owner.post(runs, Map.of("projectId", project)), 400).get("/field")).isEqualTo("spec");
        assertThat(assertProblem(owner.post(runs, Map.of("projectId", project, "spec", Map.of("entrypoint", " "))), 400)
                .get("/field")).isEqualTo("spec.entrypoint");
        assertThat(assertProblem(owner.post(runs, Map.of("projectId", project, "spec", Map.of("entrypoint", "true",
                "environment", Map.of("variables", Map.of("API_TOKEN", "x"))))), 400).get("/field"))
                .isEqualTo("spec.environment.variables.API_TOKEN");
        assertThat(assertProblem(owner.post(runs, Map.of("projectId", project, "spec", Map.of("entrypoint", "true",
                "kind", "spark"))), 400).get("/field")).isEqualTo("spec.kind");
        assertThat(assertProblem(owner.post(runs, Map.of("projectId", project, "spec", Map.of("entrypoint", "true",
                "maxAttempts", 0))), 400).get("/field")).isEqualTo("spec.maxAttempts");
        assertProblem(owner.post("/api/v1/compute/targets/nope/runs", Map.of("projectId", project,
                "spec", Map.of("entrypoint", "true"))), 404);
        Member viewer = newMember(org, "MEMBER");
        grant(owner, project, "users", viewer.principalId(), "VIEWER");
        assertProblem(viewer.api().post(runs, Map.of("projectId", project, "spec", Map.of("entrypoint", "true"))), 403);
        assertThat(assertProblem(agent.post("/api/v1/compute/agents", Map.of("name", "w", "targets", List.of("nope"))),
                404).get("/field")).isEqualTo("targets[0]");
        assertThat(assertProblem(agent.post("/api/v1/compute/agents", Map.of("name", "w", "targets", List.of(target),
                "leaseTtlSeconds", 1)), 400).get("/field")).isEqualTo("leaseTtlSeconds");
        String agentId = steps.registerAgent(agent, target, 30);
        assertThat(assertProblem(agent.post("/api/v1/compute/agents/" + agentId + "/runs/x/complete",
                Map.of("status", "RUNNING")), 400).get("/field")).isEqualTo("status");
        assertThat(assertProblem(agent.post("/api/v1/runs/" + createRun(owner, project) + "/logs",
                Map.of("stream", "stdin", "text", "x")), 400).get("/field")).isEqualTo("stream");
    }

    @Test
    void anAgentLeasesASubmittedRunReportsThroughTheRunApiAndEndsItsAttempt() {
        String runId = steps.submit(owner, target, project, "exit 2", 2);
        assertThat(owner.get("/api/v1/runs/" + runId).get("/status")).isEqualTo("QUEUED");
        assertThat(owner.get("/api/v1/runs/" + runId).get("/environment/variables/GREETING")).isEqualTo("hello");
        String agentId = steps.registerAgent(agent, target, 30);
        assertThat(owner.get("/api/v1/compute/agents/" + agentId).get("/principalId")).isEqualTo(credentials.principalId());

        Api.Response lease = agent.post("/api/v1/compute/agents/" + agentId + "/lease", Map.of());
        assertThat(lease.status()).as(lease.text()).isEqualTo(200);
        assertThat(lease.get("/runId")).isEqualTo(runId);
        assertThat(lease.get("/attempt")).isEqualTo("1");
        assertThat(lease.get("/spec/entrypoint")).isEqualTo("exit 2");
        assertThat(lease.get("/spec/kind")).isEqualTo("process");
        assertThat(agent.post("/api/v1/compute/agents/" + agentId + "/lease", Map.of()).status()).isEqualTo(204);
        assertThat(owner.get("/api/v1/runs/" + runId).get("/status")).isEqualTo("RUNNING");

        Api.Response beat = agent.post("/api/v1/compute/agents/" + agentId + "/heartbeat", Map.of("runs", List.of(runId)));
        assertThat(beat.status()).as(beat.text()).isEqualTo(200);
        assertThat(beat.json().get("cancel")).isEmpty();
        assertThat(agent.post("/api/v1/runs/" + runId + "/params", Map.of("params", Map.of("lr", "0.1"))).status())
                .isEqualTo(200);
        assertThat(agent.post("/api/v1/runs/" + runId + "/logs", Map.of("stream", "stdout", "text", "one\n")).get("/seq"))
                .isEqualTo("1");
        agent.post("/api/v1/runs/" + runId + "/logs", Map.of("stream", "stderr", "text", "two\n"));
        agent.post("/api/v1/runs/" + runId + "/logs", Map.of("stream", "stdout", "text", "three\n"));

        Api.Response ended = agent.post("/api/v1/compute/agents/" + agentId + "/runs/" + runId + "/complete",
                Map.of("status", "FAILED", "exitCode", 2, "reason", "The process exited with code 2", "attempt", 1));
        assertThat(ended.status()).as(ended.text()).isEqualTo(200);
        assertThat(ended.get("/status")).isEqualTo("FAILED");
        assertThat(ended.get("/exitCode")).isEqualTo("2");
        assertThat(ended.get("/attempts/0/outcome")).isEqualTo("FAILED");
        assertThat(owner.get("/api/v1/runs/" + runId).get("/status")).isEqualTo("FAILED");
        assertThat(owner.get("/api/v1/runs/" + runId + "/execution").get("/reason")).contains("code 2");

        Api.Response logs = owner.get("/api/v1/runs/" + runId + "/logs");
        assertThat(logs.json().get("chunks")).hasSize(3);
        assertThat(logs.get("/nextSeq")).isEqualTo("3");
        assertThat(owner.get("/api/v1/runs/" + runId + "/logs?stream=stdout").json().get("chunks")).hasSize(2);
        assertThat(owner.get("/api/v1/runs/" + runId + "/logs?tail=1").get("/chunks/0/text")).isEqualTo("three\n");
        assertThat(owner.get("/api/v1/runs/" + runId + "/logs?after=2").get("/chunks/0/seq")).isEqualTo("3");
        assertProblem(agent.post("/api/v1/compute/agents/" + agentId + "/runs/" + runId + "/complete",
                Map.of("status", "FINISHED")), 409);
    }

    @Test
    void twoAgentsRacingForTheSameRunsNeverHoldTheSameRun() throws Exception {
        List<String> submitted = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            submitted.add(steps.submit(owner, target, project, "true", 1));
        }
        Credentials second = steps.serviceAccount(owner, org, "MEMBER");
        grant(owner, project, "users", second.principalId(), "EDITOR");
        Api otherAgent = steps.tokenOf(admin, second);
        List<Api> clients = List.of(agent, otherAgent, agent, otherAgent);
        List<String> agentIds = List.of(steps.registerAgent(agent, target, 30), steps.registerAgent(otherAgent, target, 30),
                steps.registerAgent(agent, target, 30), steps.registerAgent(otherAgent, target, 30));
        List<String> leased = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Void>> racers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Api client = clients.get(i);
                String agentId = agentIds.get(i);
                racers.add(() -> {
                    while (true) {
                        Api.Response lease = client.post("/api/v1/compute/agents/" + agentId + "/lease", Map.of());
                        if (lease.status() == 204) {
                            return null;
                        }
                        assertThat(lease.status()).as(lease.text()).isEqualTo(200);
                        leased.add(lease.get("/runId"));
                    }
                });
            }
            for (Future<Void> racer : pool.invokeAll(racers)) {
                racer.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(leased).doesNotHaveDuplicates();
        assertThat(new HashSet<>(leased)).containsAll(submitted);
        for (String runId : submitted) {
            assertThat(owner.get("/api/v1/runs/" + runId + "/execution").json().get("attempts")).hasSize(1);
        }
    }

    @Test
    void anotherOrganizationsAgentCannotLeaseSeeOrReportToRuns() {
        String runId = steps.submit(owner, target, project, "true", 1);
        String agentId = steps.registerAgent(agent, target, 30);

        String otherOrg = unique("rival");
        Api otherOwner = ownerOf(otherOrg);
        String otherTarget = steps.createTarget(otherOwner, unique("local"));
        Api rival = steps.tokenOf(admin, steps.serviceAccount(otherOwner, otherOrg, "ADMIN"));
        assertProblem(rival.post("/api/v1/compute/agents", Map.of("name", "w", "targets", List.of(target))), 404);
        String rivalId = steps.registerAgent(rival, otherTarget, 30);
        assertThat(rival.post("/api/v1/compute/agents/" + rivalId + "/lease", Map.of()).status()).isEqualTo(204);
        assertProblem(rival.post("/api/v1/compute/agents/" + agentId + "/lease", Map.of()), 404);
        assertProblem(rival.post("/api/v1/compute/agents/" + agentId + "/heartbeat", Map.of()), 404);
        assertProblem(rival.get("/api/v1/compute/agents/" + agentId), 404);
        assertProblem(rival.get("/api/v1/runs/" + runId), 404);
        assertProblem(rival.get("/api/v1/runs/" + runId + "/execution"), 404);
        assertProblem(rival.get("/api/v1/runs/" + runId + "/logs"), 404);
        assertProblem(rival.post("/api/v1/runs/" + runId + "/logs", Map.of("stream", "stdout", "text", "x")), 404);
        assertProblem(rival.post("/api/v1/compute/agents/" + rivalId + "/runs/" + runId + "/complete",
                Map.of("status", "FINISHED")), 404);
        Api.Response beat = rival.post("/api/v1/compute/agents/" + rivalId + "/heartbeat", Map.of("runs", List.of(runId)));
        assertThat(beat.json().get("cancel").get(0).asString()).isEqualTo(runId);
        assertProblem(rival.post("/api/v1/compute/targets/" + target + "/runs", Map.of("projectId", project,
                "spec", Map.of("entrypoint", "true"))), 404);

        // a member of the same organization that did not register the agent cannot operate it either
        assertProblem(memberOf(org, "MEMBER").post("/api/v1/compute/agents/" + agentId + "/lease", Map.of()), 404);
        assertThat(agent.post("/api/v1/compute/agents/" + agentId + "/lease", Map.of()).get("/runId")).isEqualTo(runId);
    }

    @Test
    void anAgentDoesNotLeaseRunsOfProjectsItCannotReportTo() {
        String elsewhere = createProject(owner);
        String runId = steps.submit(owner, target, elsewhere, "true", 1);
        String agentId = steps.registerAgent(agent, target, 30);
        assertThat(agent.post("/api/v1/compute/agents/" + agentId + "/lease", Map.of()).status()).isEqualTo(204);
        grant(owner, elsewhere, "users", credentials.principalId(), "EDITOR");
        assertThat(agent.post("/api/v1/compute/agents/" + agentId + "/lease", Map.of()).get("/runId")).isEqualTo(runId);
    }

    @Test
    void anAgentLeasesOnlyRunsOfTargetsWhoseKindItExecutes() {
        String dl4j = steps.createTarget(owner, unique("dl4j"), "dl4j");
        Api.Response submitted = owner.post("/api/v1/compute/targets/" + dl4j + "/runs", Map.of("projectId", project,
                "spec", Map.of("entrypoint", "{\"confs\": []}", "inputs", List.of())));
        assertThat(submitted.status()).as(submitted.text()).isEqualTo(201);
        String processOnly = steps.registerAgent(agent, dl4j, 30);
        assertThat(agent.post("/api/v1/compute/agents/" + processOnly + "/lease", Map.of()).status()).isEqualTo(204);
        Api.Response trainer = agent.post("/api/v1/compute/agents", Map.of("name", "trainer",
                "kinds", List.of("process", "dl4j"), "targets", List.of(dl4j)));
        assertThat(trainer.json().get("kinds").toString()).isEqualTo("[\"process\",\"dl4j\"]");
        Api.Response lease = agent.post("/api/v1/compute/agents/" + trainer.get("/id") + "/lease", Map.of());
        assertThat(lease.get("/runId")).isEqualTo(submitted.get("/runId"));
        assertThat(lease.get("/spec/kind")).isEqualTo("dl4j");
    }

    @Test
    void killingALeasedRunTellsItsAgentToCancelOnTheNextHeartbeat() {
        String runId = steps.submit(owner, target, project, "sleep 60", 1);
        String agentId = steps.registerAgent(agent, target, 30);
        agent.post("/api/v1/compute/agents/" + agentId + "/lease", Map.of());
        assertThat(owner.post("/api/v1/runs/" + runId + "/finish", Map.of("status", "KILLED")).get("/status"))
                .isEqualTo("KILLED");
        Api.Response beat = agent.post("/api/v1/compute/agents/" + agentId + "/heartbeat", Map.of("runs", List.of(runId)));
        assertThat(beat.json().get("cancel").get(0).asString()).isEqualTo(runId);
        eventually(() -> "KILLED".equals(owner.get("/api/v1/runs/" + runId + "/execution").get("/attempts/0/outcome")));
    }

    @Test
    void anExpiredLeaseRequeuesTheRunUntilItsLastAttemptFails() {
        String runId = steps.submit(owner, target, project, "sleep 60", 2);
        String agentId = steps.registerAgent(agent, target, 2);
        assertThat(agent.post("/api/v1/compute/agents/" + agentId + "/lease", Map.of()).get("/attempt")).isEqualTo("1");
        eventually(() -> "QUEUED".equals(owner.get("/api/v1/runs/" + runId).get("/status")));
        Api.Response execution = owner.get("/api/v1/runs/" + runId + "/execution");
        assertThat(execution.get("/attempts/0/outcome")).isEqualTo("LOST");
        assertThat(execution.get("/attempts/0/reason")).contains("lease").contains("attempt 1 of 2");

        assertThat(agent.post("/api/v1/compute/agents/" + agentId + "/lease", Map.of()).get("/attempt")).isEqualTo("2");
        Api.Response beat = agent.post("/api/v1/compute/agents/" + agentId + "/heartbeat", Map.of("runs", List.of(runId)));
        assertThat(beat.json().get("cancel")).isEmpty();
        eventually(() -> "FAILED".equals(owner.get("/api/v1/runs/" + runId).get("/status")));
        execution = owner.get("/api/v1/runs/" + runId + "/execution");
        assertThat(execution.get("/reason")).contains("attempt 2 of 2");
        assertThat(execution.json().get("attempts")).hasSize(2);
        Set<String> outcomes = new HashSet<>();
        execution.json().get("attempts").forEach(a -> outcomes.add(a.get("outcome").asString()));
        assertThat(outcomes).containsExactly("LOST");
    }
}
