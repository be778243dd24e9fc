package io.cairn.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * One attempt of a run trained by a built-in trainer in a child JVM ({@code dl4j}, {@code spark}). In the agent:
 * fetch the spec's one dataset version into the attempt directory as {@value #DATA}, write the parameters beside it
 * as {@value #PARAMS} (and whatever else the executor {@link #prepare}s); then start the {@link #command} there. Its
 * output goes to the run's logs, each line of {@value #METRICS} to the run as a metric batch while it trains; when it
 * succeeds, the files it left in {@value #OUTPUT}/ are uploaded as the run's artifacts {@code model/<file>}. When it
 * fails, the reason it wrote to {@value #ERROR} is the run's reason. Killing the run or its timeout stops the child
 * JVM like any process.
 */
public abstract class TrainingExecution implements RunExecutor.Execution {

    public static final String PARAMS = "params.json";
    public static final String DATA = "data.csv";
    public static final String OUTPUT = "output";
    public static final String METRICS = "metrics.jsonl";
    public static final String ERROR = "error.txt";
    /** Where the outputs go among the run's artifacts. */
    public static final String ARTIFACT_DIR = "model/";

    protected final RunContext run;
    private volatile ProcessExecution process;
    private volatile boolean cancelled;

    protected TrainingExecution(RunContext run) {
        this.run = run;
    }

    /** The executor's kind, for messages. */
    protected abstract String kind();

    /**
     * Checks the parameters (an {@link IllegalArgumentException} fails the attempt with its message before anything
     * starts) and writes the trainer's other inputs into {@code dir}.
     */
    protected abstract void prepare(Path dir, Map<String, String> parameters) throws IOException;

    /** The child JVM's command line. */
    protected abstract List<String> command();

    /** The variables the child JVM gets on top of the agent's environment. */
    protected abstract Map<String, String> environment();

    /** The files of {@value #OUTPUT}/ uploaded as {@code model/<file>} when training succeeds. */
    protected abstract List<String> outputFiles();

    @Override
    public void cancel() {
        cancelled = true;
        ProcessExecution started = process;
        if (started != null) {
            started.cancel();
        }
    }

    @Override
    public RunExecutor.Outcome run() throws IOException, InterruptedException {
        Path dir = run.workDir();
        Files.createDirectories(dir);
        JsonNode spec = run.spec();
        JsonNode inputs = spec.path("inputs");
        if (inputs.size() != 1) {
            return RunExecutor.Outcome.failed("The " + kind() + " executor trains on exactly one dataset version "
                    + "(spec.inputs); got " + inputs.size());
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        spec.path("parameters").properties().forEach(p -> parameters.put(p.getKey(), p.getValue().asString()));
        try {
            prepare(dir, parameters);
            DatasetFetch.fetch(run.client(), inputs.get(0).asString(), dir.resolve(DATA));
        } catch (IllegalArgumentException e) {
            return RunExecutor.Outcome.failed(e.getMessage());
        }
        Files.writeString(dir.resolve(PARAMS), run.client().json().writeValueAsString(parameters));

        process = new ProcessExecution(run.client(), run.runId(), command(), environment(),
                spec.path("timeoutSeconds").asLong(0), dir);
        if (cancelled) {
            process.cancel();
        }
        RunExecutor.Outcome outcome = new MetricsShipper(run.client(), run.runId(), run.attempt(), dir.resolve(METRICS))
                .shipWhile(process);
        if ("FINISHED".equals(outcome.status())) {
            return upload(dir.resolve(OUTPUT));
        }
        Path error = dir.resolve(ERROR);
        if ("FAILED".equals(outcome.status()) && outcome.exitCode() != null && Files.exists(error)) {
            return new RunExecutor.Outcome("FAILED", outcome.exitCode(), "Training failed: " + Files.readString(error));
        }
        return outcome;
    }

    private RunExecutor.Outcome upload(Path output) {
        try {
            for (String file : outputFiles()) {
                run.client().putFile("/api/v1/runs/" + run.runId() + "/artifacts/" + ARTIFACT_DIR + file,
                        output.resolve(file));
            }
        } catch (CairnClient.ApiException e) {
            return RunExecutor.Outcome.failed("Training finished, but the model could not be uploaded: " + e.getMessage());
        }
        return new RunExecutor.Outcome("FINISHED", 0, null);
    }
}
