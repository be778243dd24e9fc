package io.cairn.compute.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.agent.AgentMain;
import io.cairn.support.AgentProcesses;
import io.cairn.support.Api;
import io.cairn.support.ComputeTestBase;
import io.cairn.support.SourceZips;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Real agents: each a separate JVM running {@code io.cairn.agent.AgentMain} (agent-core and Jackson only on its
 * class path), authenticated with a service account's client credentials, executing {@code process} runs.
 */
class AgentProcessTest extends ComputeTestBase {

    private static final Duration WAIT = Duration.ofSeconds(40);

    @RegisterExtension
    final AgentProcesses agents = new AgentProcesses();

    @Test
    void anAgentExecutesAProcessRunAndFinishesIt() throws Exception {
        Path workDir = Files.createTempDirectory("agent-");
        startAgent(workDir);
        String runId = steps.submit(owner, target, project, "echo hi from $GREETING lr=$CAIRN_PARAM_LR; exit 0", 1);
        awaitEnded(runId, "FINISHED");
        Api.Response run = owner.get("/api/v1/runs/" + runId);
        assertThat(run.get("/params/lr")).isEqualTo("0.1");
        assertThat(run.get("/environment/variables/GREETING")).isEqualTo("hello");
        assertThat(owner.get("/api/v1/runs/" + runId + "/logs").get("/chunks/0/text")).isEqualTo("hi from hello lr=0.1\n");
        Api.Response execution = owner.get("/api/v1/runs/" + runId + "/execution");
        assertThat(execution.get("/exitCode")).isEqualTo("0");
        assertThat(execution.get("/attempts/0/outcome")).isEqualTo("FINISHED");
        assertThat(Files.readString(workDir.resolve("agent-id")).trim()).isEqualTo(execution.get("/attempts/0/agentId"));
    }

    /**
     * The process reports to its own run with what the agent hands it: URL, token, run id (Cairn's and MLflow's). The
     * token acts as the run's submitter, not as the agent's service account, and is revoked when the attempt ends.
     */
    @Test
    void theProcessLogsMetricsToItsOwnRunWithTheTokenItIsHanded() throws Exception {
        Path workDir = Files.createTempDirectory("agent-");
        startAgent(workDir);
        String script = "test \"$MLFLOW_TRACKING_URI\" = \"$CAIRN_URL\" && test \"$MLFLOW_RUN_ID\" = \"$CAIRN_RUN_ID\" "
                + "&& test \"$MLFLOW_TRACKING_TOKEN\" = \"$CAIRN_TOKEN\" || exit 9; "
                + "curl -sf -X POST -H \"Authorization: Bearer $CAIRN_TOKEN\" -H 'Content-Type: application/json' "
                + "-d '{\"points\": [{\"key\": \"self_reported\", \"value\": 0.75, \"step\": 1}]}' "
                + "\"$CAIRN_URL/api/v1/runs/$CAIRN_RUN_ID/metrics\" || exit 8; "
                + "curl -sf -H \"Authorization: Bearer $CAIRN_TOKEN\" \"$CAIRN_URL/api/v1/me\" || exit 7; "
                + "printf %s \"$CAIRN_TOKEN\" > token.txt";
        String runId = steps.submit(owner, target, project, script, 1);
        awaitEnded(runId, "FINISHED");
        assertThat(owner.get("/api/v1/runs/" + runId + "/metrics").get("/metrics/self_reported/value")).isEqualTo("0.75");
        // and MLflow's client finds the same run at the same URL with the same token
        assertThat(owner.get("/api/2.0/mlflow/runs/get?run_id=" + runId).status()).isEqualTo(200);
        // the process acted as the submitter
        StringBuilder stdout = new StringBuilder(); // the two curls' answers may arrive in one chunk or two
        owner.get("/api/v1/runs/" + runId + "/logs?stream=stdout").json().get("chunks")
                .forEach(chunk -> stdout.append(chunk.get("text").asString()));
        String me = stdout.toString();
        assertThat(me).contains("\"principalId\":\"" + owner.get("/api/v1/me").get("/principalId") + "\"");
        // and its token ended with the attempt
        String token = Files.readString(workDir.resolve("runs").resolve(runId).resolve("attempt-1").resolve("token.txt"));
        assertThat(token).startsWith("cairn_pat_");
        assertThat(owner.withToken(token).get("/api/v1/me").status()).isEqualTo(401);
        assertThat(owner.get("/api/v1/tokens").text()).contains("run " + runId + " attempt 1");
    }

    /** Lines written to $CAIRN_METRICS_FILE reach the run as metric batches, also those written just before exit. */
    @Test
    void theLinesAProcessWritesToItsMetricsFileBecomeItsRunsMetrics() throws Exception {
        startAgent(Files.createTempDirectory("agent-"));
        String script = "i=0; while [ $i -lt 150 ]; do "
                + "echo \"{\\\"step\\\": $i, \\\"metrics\\\": {\\\"loss\\\": 0.$i, \\\"acc\\\": $i}}\" >> \"$CAIRN_METRICS_FILE\"; "
                + "i=$((i+1)); done; echo 'not json' >> \"$CAIRN_METRICS_FILE\"; "
                + "echo '{\"step\": 150, \"metrics\": {\"loss\": 0.01, \"acc\": 150}}' >> \"$CAIRN_METRICS_FILE\"";
        String runId = steps.submit(owner, target, project, script, 1);
        awaitEnded(runId, "FINISHED");
        Api.Response metrics = owner.get("/api/v1/runs/" + runId + "/metrics");
        assertThat(metrics.get("/metrics/acc/value")).isEqualTo("150.0");
        assertThat(metrics.get("/metrics/loss/step")).isEqualTo("150");
        Api.Response history = owner.get("/api/v1/runs/" + runId + "/metrics/acc?maxResults=1000");
        assertThat(history.json().get("points")).hasSize(151); // the line that is not JSON held up none after it
    }

    @Test
    void aNonZeroExitFailsTheRunWithItsReasonAndKeepsTheLogs() throws Exception {
        startAgent(Files.createTempDirectory("agent-"));
        String runId = steps.submit(owner, target, project, "echo working; echo broken >&2; exit 3", 1);
        awaitEnded(runId, "FAILED");
        Api.Response execution = owner.get("/api/v1/runs/" + runId + "/execution");
        assertThat(execution.get("/exitCode")).isEqualTo("3");
        assertThat(execution.get("/reason")).isEqualTo("The process exited with code 3");
        assertThat(owner.get("/api/v1/runs/" + runId + "/logs?stream=stdout").get("/chunks/0/text")).isEqualTo("working\n");
        assertThat(owner.get("/api/v1/runs/" + runId + "/logs?stream=stderr").get("/chunks/0/text")).isEqualTo("broken\n");
    }

    @Test
    void aRunOverItsTimeoutIsStoppedAndFails() throws Exception {
        startAgent(Files.createTempDirectory("agent-"));
        Api.Response submitted = owner.post("/api/v1/compute/targets/" + target + "/runs", Map.of("projectId", project,
                "spec", Map.of("entrypoint", "sleep 30", "timeoutSeconds", 1, "maxAttempts", 1)));
        String runId = submitted.get("/runId");
        awaitEnded(runId, "FAILED");
        assertThat(owner.get("/api/v1/runs/" + runId + "/execution").get("/reason")).startsWith("Timed out after 1 s");
    }

    @Test
    void cancellingARunningRunStopsItsProcessWithinSeconds() throws Exception {
        Path workDir = Files.createTempDirectory("agent-");
        startAgent(workDir);
        String runId = steps.submit(owner, target, project, "echo $$ > pid; exec sleep 60", 1);
        Path pidFile = workDir.resolve("runs").resolve(runId).resolve("attempt-1").resolve("pid");
        await(() -> Files.exists(pidFile) && pid(pidFile) > 0);
        long pid = pid(pidFile);
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).contains(true);
        long killed = System.nanoTime();
        assertThat(owner.post("/api/v1/runs/" + runId + "/finish", Map.of("status", "KILLED")).get("/status"))
                .isEqualTo("KILLED");
        await(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
        assertThat(Duration.ofNanos(System.nanoTime() - killed)).isLessThan(Duration.ofSeconds(10));
        assertThat(owner.get("/api/v1/runs/" + runId + "/execution").get("/attempts/0/outcome")).isEqualTo("KILLED");
    }

    @Test
    void aCrashedAgentsRunIsRequeuedAndFinishedByAnotherAgent() throws Exception {
        Path firstDir = Files.createTempDirectory("agent-");
        Process first = startAgent(firstDir);
        String runId = steps.submit(owner, target, project, "echo $$ > pid; sleep 3; echo done", 3);
        Path pidFile = firstDir.resolve("runs").resolve(runId).resolve("attempt-1").resolve("pid");
        await(() -> Files.exists(pidFile) && pid(pidFile) > 0);
        first.destroyForcibly().waitFor();
        ProcessHandle.of(pid(pidFile)).ifPresent(ProcessHandle::destroyForcibly);

        startAgent(Files.createTempDirectory("agent-"));
        awaitEnded(runId, "FINISHED");
        Api.Response execution = owner.get("/api/v1/runs/" + runId + "/execution");
        assertThat(execution.json().get("attempts")).hasSize(2);
        assertThat(execution.get("/attempts/0/outcome")).isEqualTo("LOST");
        assertThat(execution.get("/attempts/0/reason")).contains("lease").contains("attempt 1 of 3");
        assertThat(execution.get("/attempts/1/outcome")).isEqualTo("FINISHED");
        assertThat(execution.get("/attempts/1/agentId")).isNotEqualTo(execution.get("/attempts/0/agentId"));
        assertThat(owner.get("/api/v1/runs/" + runId + "/logs").text()).contains("done");
        List<String> events = new ArrayList<>();
        owner.get("/api/v1/orgs/" + org + "/audit/events?aggregateId=" + runId).json().get("events")
                .forEach(event -> events.add(event.get("type").asString()));
        assertThat(events).contains("cairn.run.RunAttemptStarted", "cairn.run.RunAttemptLost",
                "cairn.run.RunAttemptEnded");
    }

    /** The archive wins over the repository the run also names; the process runs the script it holds. */
    @Test
    void aProcessRunExecutesAScriptFromItsUnpackedSourceArchive() throws Exception {
        startAgent(Files.createTempDirectory("agent-"));
        String script = "echo \"training from $(pwd | xargs basename)\"; "
                + "curl -sf -X POST -H \"Authorization: Bearer $CAIRN_TOKEN\" -H 'Content-Type: application/json' "
                + "-d '{\"points\": [{\"key\": \"from_archive\", \"value\": 1}]}' "
                + "\"$CAIRN_URL/api/v1/runs/$CAIRN_RUN_ID/metrics\" > /dev/null || exit 8\n";
        byte[] zip = SourceZips.zip(Map.of("src/train.sh", script));
        String sha = SourceZips.upload(owner, zip);
        String runId = steps.submit(owner, target, project, "sh src/train.sh", Map.of("archiveDigest", "sha256:" + sha,
                "gitRepo", "https://git.example.com/never-cloned.git", "gitCommit", "4f2a9c1d"));
        awaitEnded(runId, "FINISHED");
        assertThat(owner.get("/api/v1/runs/" + runId + "/metrics").get("/metrics/from_archive/value")).isEqualTo("1.0");
        assertThat(log(runId, "stdout")).isEqualTo("training from attempt-1\n");
        assertThat(log(runId, "stderr")).isEqualTo("[cairn-agent] source: unpacked the archive sha256:" + sha + " (1 files, "
                + script.length() + " bytes) into the working directory\n"
                + "[cairn-agent] source: the run also names https://git.example.com/never-cloned.git at 4f2a9c1d; the "
                + "archive wins, nothing was cloned\n");
    }

    @Test
    void aProcessRunWithoutArchiveGetsItsGitCommitCheckedOut() throws Exception {
        Path repo = Files.createTempDirectory("repo-");
        String first = git(repo, "git init -q && echo v1 > version.txt && git add . && git commit -qm v1 "
                + "&& git rev-parse HEAD && echo v2 > version.txt && git commit -qam v2").trim();
        startAgent(Files.createTempDirectory("agent-"));
        String runId = steps.submit(owner, target, project, "cat version.txt; git rev-parse HEAD",
                Map.of("gitRepo", repo.toUri().toString(), "gitCommit", first));
        awaitEnded(runId, "FINISHED");
        assertThat(log(runId, "stdout")).isEqualTo("v1\n" + first + "\n");
        assertThat(log(runId, "stderr")).isEqualTo("[cairn-agent] source: checked out " + repo.toUri() + " at " + first
                + " into the working directory\n");
    }

    @Test
    void aZipSlipArchiveFailsTheRunBeforeItsProcessStarts() throws Exception {
        Path workDir = Files.createTempDirectory("agent-");
        startAgent(workDir);
        Map<String, String> files = new java.util.LinkedHashMap<>();
        files.put("train.sh", "touch started\n");
        files.put("../../escaped.sh", "echo pwned\n");
        String sha = SourceZips.upload(owner, SourceZips.zip(files));
        String runId = steps.submit(owner, target, project, "sh train.sh", Map.of("archiveDigest", sha));
        awaitEnded(runId, "FAILED");
        String reason = "The run's source could not be materialised: the archive sha256:" + sha + " was refused: Entry "
                + "'../../escaped.sh' would escape the working directory (a '..' segment)";
        assertThat(owner.get("/api/v1/runs/" + runId + "/execution").get("/reason")).isEqualTo(reason);
        assertThat(log(runId, "stderr")).isEqualTo("[cairn-agent] " + reason + "\n");
        assertThat(workDir.resolve("runs").resolve(runId).resolve("attempt-1").resolve("started")).doesNotExist();
        assertThat(workDir.resolve("runs").resolve("escaped.sh")).doesNotExist();
        assertThat(workDir.resolve("runs").resolve(runId).resolve("escaped.sh")).doesNotExist();
    }

    /** The run's log chunks of one stream, concatenated. */
    private String log(String runId, String stream) {
        StringBuilder text = new StringBuilder();
        owner.get("/api/v1/runs/" + runId + "/logs?stream=" + stream).json().get("chunks")
                .forEach(chunk -> text.append(chunk.get("text").asString()));
        return text.toString();
    }

    /** Runs a shell script of git commands in {@code repo} with a fixed identity; answers its output. */
    private static String git(Path repo, String script) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", script).directory(repo.toFile()).redirectErrorStream(true);
        builder.environment().putAll(Map.of("GIT_CONFIG_GLOBAL", "/dev/null", "GIT_AUTHOR_NAME", "Test",
                "GIT_AUTHOR_EMAIL", "test@example.com", "GIT_COMMITTER_NAME", "Test",
                "GIT_COMMITTER_EMAIL", "test@example.com"));
        Process git = builder.start();
        String output = new String(git.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(git.waitFor()).as(output).isZero();
        return output;
    }

    private Process startAgent(Path workDir) throws IOException, URISyntaxException {
        List<String> command = new ArrayList<>(List.of(AgentProcesses.java(), "-Xmx64m", "-XX:TieredStopAtLevel=1", "-cp",
                agentClassPath(), AgentMain.class.getName()));
        command.addAll(AgentProcesses.options(port, target, credentials, workDir));
        return agents.start(command, workDir);
    }

    /** agent-core and Jackson, nothing of the backend: where their classes were loaded from in this JVM. */
    private static String agentClassPath() throws URISyntaxException {
        List<String> entries = new ArrayList<>();
        for (Class<?> type : List.of(AgentMain.class, tools.jackson.databind.json.JsonMapper.class,
                tools.jackson.core.json.JsonFactory.class, com.fasterxml.jackson.annotation.JsonProperty.class)) {
            entries.add(Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        }
        return String.join(File.pathSeparator, entries);
    }

    private static long pid(Path file) {
        try {
            String text = Files.readString(file).trim();
            return text.isEmpty() ? -1 : Long.parseLong(text);
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Until the run has {@code status} in both read models that the assertions read: the run's (runs projection)
     * and its execution's (compute projection), which apply the same event independently.
     */
    private void awaitEnded(String runId, String status) throws InterruptedException {
        await(() -> status.equals(owner.get("/api/v1/runs/" + runId).get("/status"))
                && status.equals(owner.get("/api/v1/runs/" + runId + "/execution").get("/status")));
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        AgentProcesses.await(condition, WAIT);
    }
}
