package io.cairn.agent;

import java.nio.file.Path;
import tools.jackson.databind.JsonNode;

/**
 * What an executor gets for one attempt of a leased run.
 *
 * @param client   the backend's public API, with the agent's credentials
 * @param config   the agent's configuration ({@link AgentConfig#workDir} holds caches shared by runs)
 * @param runId    the run
 * @param targetId the compute target the run was submitted to (its settings: {@code GET /compute/targets/{id}})
 * @param attempt  the attempt number of the lease
 * @param spec     the run spec ({@code kind, entrypoint, parameters, environment, inputs, timeoutSeconds, …})
 * @param workDir  this attempt's own directory, {@code <work-dir>/runs/<runId>/attempt-<n>} (not yet created)
 * @param runToken the token the run's own process reports with (the backend issues it per attempt, acting as the
 *                 run's submitter), or null
 * @param source   the run's source snapshot ({@code gitRepo, gitCommit, dirty, archiveDigest}), or null
 */
public record RunContext(CairnClient client, AgentConfig config, String runId, String targetId, int attempt,
                         JsonNode spec, Path workDir, String runToken, JsonNode source) {

    /** An attempt of a run without a source snapshot. */
    public RunContext(CairnClient client, AgentConfig config, String runId, String targetId, int attempt,
                      JsonNode spec, Path workDir, String runToken) {
        this(client, config, runId, targetId, attempt, spec, workDir, runToken, null);
    }

    /** An attempt without a token for its process. */
    public RunContext(CairnClient client, AgentConfig config, String runId, String targetId, int attempt,
                      JsonNode spec, Path workDir) {
        this(client, config, runId, targetId, attempt, spec, workDir, null);
    }
}
