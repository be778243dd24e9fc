package io.cairn.agent.dl4j;

import io.cairn.agent.CairnClient;
import io.cairn.agent.ProcessExecution;
import io.cairn.agent.RunContext;
import io.cairn.agent.RunExecutor;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/**
 * One attempt of a {@code dl4j} run. In the agent: fetch the spec's one dataset version into the attempt directory,
 * write the configuration (the spec's entrypoint) and the parameters beside it; then train in a child JVM
 * ({@link TrainerMain}, this agent's class path) with {@code OMP_NUM_THREADS} from the run's cpu request (default 1),
 * {@code -Xmx} from its memory request, and {@code org.bytedeco.javacpp.cachedir} under the agent's work dir (the
 * natives are unpacked once per agent). Its output goes to the run's logs, each epoch's metrics to the run as a metric
 * batch while it trains; when it succeeds, the model zip and its registration request are uploaded as the run's
 * artifacts {@code model/model.zip} and {@code model/registration.json}. Killing the run or its timeout stops the
 * child JVM like any process.
 */
class Dl4jExecution implements RunExecutor.Execution {

    static final String CACHE_DIR = "javacpp-cache";
    private static final long DEFAULT_HEAP_MB = 512;

    private final RunContext run;
    private volatile ProcessExecution process;
    private volatile boolean cancelled;

    Dl4jExecution(RunContext run) {
        this.run = run;
    }

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
            return RunExecutor.Outcome.failed("The dl4j executor trains on exactly one dataset version (spec.inputs); "
                    + "got " + inputs.size());
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        spec.path("parameters").properties().forEach(p -> parameters.put(p.getKey(), p.getValue().asString()));
        try {
            TrainingParams.from(parameters);
            DatasetFetch.fetch(run.client(), inputs.get(0).asString(), dir.resolve(TrainerMain.DATA));
        } catch (IllegalArgumentException e) {
            return RunExecutor.Outcome.failed(e.getMessage());
        }
        Files.writeString(dir.resolve(TrainerMain.CONFIGURATION), spec.path("entrypoint").asString());
        Files.writeString(dir.resolve(TrainerMain.PARAMS), run.client().json().writeValueAsString(parameters));

        process = new ProcessExecution(run.client(), run.runId(), command(), environment(spec),
                spec.path("timeoutSeconds").asLong(0), dir);
        if (cancelled) {
            process.cancel();
        }
        MetricsShipper metrics = new MetricsShipper(run.client(), run.runId(), dir.resolve(TrainerMain.METRICS));
        CountDownLatch ended = new CountDownLatch(1);
        Thread shipper = new Thread(() -> {
            try {
                while (!ended.await(500, TimeUnit.MILLISECONDS)) {
                    metrics.ship();
                }
            } catch (InterruptedException stop) {
                Thread.currentThread().interrupt();
            }
        }, "metrics-" + run.runId());
        shipper.setDaemon(true);
        shipper.start();
        RunExecutor.Outcome outcome;
        try {
            outcome = process.run();
        } finally {
            ended.countDown();
            shipper.join();
        }
        if (!metrics.ship()) {
            System.err.println("[cairn-agent] some metrics of run " + run.runId() + " could not be shipped");
        }
        if ("FINISHED".equals(outcome.status())) {
            return upload(dir.resolve(TrainerMain.OUTPUT));
        }
        Path error = dir.resolve(TrainerMain.ERROR);
        if ("FAILED".equals(outcome.status()) && outcome.exitCode() != null && Files.exists(error)) {
            return new RunExecutor.Outcome("FAILED", outcome.exitCode(), "Training failed: " + Files.readString(error));
        }
        return outcome;
    }

    private RunExecutor.Outcome upload(Path output) {
        try {
            for (String file : List.of(Dl4jTrainer.MODEL_FILE, Dl4jTrainer.REGISTRATION_FILE)) {
                run.client().putFile("/api/v1/runs/" + run.runId() + "/artifacts/" + Dl4jTrainer.ARTIFACT_DIR + file,
                        output.resolve(file));
            }
        } catch (CairnClient.ApiException e) {
            return RunExecutor.Outcome.failed("Training finished, but the model could not be uploaded: " + e.getMessage());
        }
        return new RunExecutor.Outcome("FINISHED", 0, null);
    }

    /** This JVM's java and class path (absolute: the child runs in the attempt directory). */
    List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        JsonNode memory = run.spec().path("environment").path("resources").path("memoryMb");
        long heapMb = memory.isNumber() && memory.asLong() > 0 ? Math.max(64, memory.asLong() / 2) : DEFAULT_HEAP_MB;
        command.add("-Xmx" + heapMb + "m");
        command.add("-Dorg.bytedeco.javacpp.cachedir=" + run.config().workDir().resolve(CACHE_DIR));
        command.add("-cp");
        List<String> classPath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                classPath.add(Path.of(entry).toAbsolutePath().toString());
            }
        }
        command.add(String.join(File.pathSeparator, classPath));
        command.add(TrainerMain.class.getName());
        command.add(run.workDir().toAbsolutePath().toString());
        return command;
    }

    /**
     * The spec's variables, {@code OMP_NUM_THREADS} from the cpu request (rounded up, at least 1; default 1) unless
     * the variables set it, and the run id.
     */
    Map<String, String> environment(JsonNode spec) {
        Map<String, String> environment = new HashMap<>();
        spec.path("environment").path("variables").properties()
                .forEach(variable -> environment.put(variable.getKey(), variable.getValue().asString()));
        JsonNode cpu = spec.path("environment").path("resources").path("cpu");
        long threads = cpu.isNumber() ? Math.max(1, (long) Math.ceil(cpu.asDouble())) : 1;
        environment.putIfAbsent("OMP_NUM_THREADS", Long.toString(threads));
        environment.put("CAIRN_RUN_ID", run.runId());
        return environment;
    }
}
