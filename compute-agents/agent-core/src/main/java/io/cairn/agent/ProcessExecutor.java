package io.cairn.agent;

/**
 * The {@code process} executor: the spec's entrypoint is a command line, run by {@code sh -c} in the attempt's working
 * directory, which first receives the run's source snapshot ({@link SourceFetch}).
 */
public class ProcessExecutor implements RunExecutor {

    @Override
    public String kind() {
        return "process";
    }

    @Override
    public Execution prepare(RunContext run) {
        return new ProcessExecution(run.client(), run.runId(), run.spec(), run.runToken(), run.workDir(), run.source());
    }
}
