package io.cairn.compute.web;

import io.cairn.identity.AccessTokenService;
import io.cairn.run.api.RunSpec;
import io.cairn.run.query.RunReadModel;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * The token a leased run's own process reports with (handed to it by the agent as {@code CAIRN_TOKEN} and
 * {@code MLFLOW_TRACKING_TOKEN}). It is a personal access token of the run's submitter, in the run's organization:
 * the process can do what the submitter can, never what the agent's service account can (the local agent's is an
 * organization ADMIN). One token per attempt, named {@code run <runId> attempt <n>} (the submitter sees it among
 * their tokens), revoked when the attempt ends; it expires {@value #MARGIN_MINUTES} minutes after the run's timeout,
 * or after {@value #DEFAULT_LIFETIME_HOURS} hours for a run without one (a lost attempt's token is left to expire).
 */
@Component
class RunTokens {

    static final long MARGIN_MINUTES = 10;
    static final long DEFAULT_LIFETIME_HOURS = 24;

    private final AccessTokenService tokens;
    private final RunReadModel runs;
    private final Clock clock;

    RunTokens(AccessTokenService tokens, RunReadModel runs, Clock clock) {
        this.tokens = tokens;
        this.runs = runs;
        this.clock = clock;
    }

    /** A new token for this attempt, acting as the run's submitter. */
    String issue(String tenantId, String runId, int attempt, RunSpec spec) {
        Duration lifetime = spec != null && spec.timeoutSeconds() != null
                ? Duration.ofSeconds(spec.timeoutSeconds()).plusMinutes(MARGIN_MINUTES)
                : Duration.ofHours(DEFAULT_LIFETIME_HOURS);
        String submitter = runs.get(tenantId, runId).createdBy();
        return tokens.issue(submitter, tenantId, name(runId, attempt), Instant.now(clock).plus(lifetime)).token();
    }

    /** Revokes the attempt's token (if the attempt had one). */
    void revoke(String tenantId, String runId, int attempt) {
        tokens.revokeNamed(tenantId, name(runId, attempt));
    }

    private static String name(String runId, int attempt) {
        return "run " + runId + " attempt " + attempt;
    }
}
