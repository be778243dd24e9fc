package io.cairn.run.api;

import java.util.List;
import java.util.Map;

/**
 * What a compute agent executes for a submitted run.
 *
 * @param kind           the executor: {@code process}, {@code dl4j}, {@code spark} or {@code kubernetes} (the
 *                       target's kind when omitted)
 * @param entrypoint     for {@code process} a command line run by {@code sh -c}; for other kinds their job config
 * @param parameters     logged as the run's params by the agent and passed to the process as {@code CAIRN_PARAM_*}
 * @param environment    environment variables and requested resources; recorded as the run's environment
 * @param inputs         dataset version ids the run reads (declared as the run's inputs at submission)
 * @param maxAttempts    attempts before a run whose agent keeps getting lost fails (1 to 10; default 3)
 * @param timeoutSeconds the agent fails an attempt that runs longer (default: no timeout)
 */
public record RunSpec(String kind, String entrypoint, Map<String, String> parameters, EnvironmentSpec environment,
                      List<String> inputs, Integer maxAttempts, Long timeoutSeconds) {
}
