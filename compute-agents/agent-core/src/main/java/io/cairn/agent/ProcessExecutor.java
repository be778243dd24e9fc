package io.cairn.agent;

/**
 * The {@code process} executor: the spec's entrypoint is a command line, run by {@code sh -c} in the attempt's working
 * directory, which first receives the run's source snapshot ({@link SourceFetch}). The lines the process writes to
 * {@code $CAIRN_METRICS_FILE} ({@value TrainingExecution#METRICS} in its working directory) are shipped to its run as
 * metric batches while it runs, as for the training executors.
 */
public class ProcessExecutor implements RunExecutor {

    @Override
    public String kind() {
        return "process";
    }

    @Override
    public Execution prepare(RunContext run) {
        ProcessExecution process = new ProcessExecution(run.client(), run.runId(), run.spec(), run.runToken(),
                run.workDir(), run.source());
        MetricsShipper metrics = new MetricsShipper(run.client(), run.runId(), run.attempt(),
                run.workDir().resolve(TrainingExecution.METRICS));
        return new Execution() {
            @Override
            public Outcome run() throws java.io.IOException, InterruptedException {
                return metrics.shipWhile(process);
            }

            @Override
            public void cancel() {
                process.cancel();
            }
        };
    }
}
