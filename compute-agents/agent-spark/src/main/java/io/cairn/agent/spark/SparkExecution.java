package io.cairn.agent.spark;

import io.cairn.agent.CairnClient;
import io.cairn.agent.ChildJvm;
import io.cairn.agent.RunContext;
import io.cairn.agent.TrainingExecution;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * One attempt of a {@code spark} run ({@link TrainingExecution}): the child JVM ({@link SparkTrainerMain}, this
 * agent's class path, with the {@code --add-opens} Spark needs on Java 17) is the Spark driver. Its master is the
 * target's {@code settings.sparkMaster} when set, else {@code local[N]} with N the run's cpu request (rounded up;
 * default 1); a local driver binds to loopback ({@code SPARK_LOCAL_IP=127.0.0.1} unless the spec's variables set it).
 * Heap from the run's memory request (half of it, at least {@value #MIN_HEAP_MB} MB, which Spark needs; default
 * {@value #DEFAULT_HEAP_MB} MB). When it succeeds, the zipped PipelineModel and its registration request are uploaded
 * as {@code model/pipeline.zip} and {@code model/registration.json}.
 */
class SparkExecution extends TrainingExecution {

    static final long DEFAULT_HEAP_MB = 768;
    static final long MIN_HEAP_MB = 600;
    /** What Spark needs opened on Java 17 (the list of model-server's pom and Spark's own launcher). */
    static final List<String> JVM_OPENS = List.of(
            "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
            "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
            "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED", "-Djdk.reflect.useDirectMethodHandle=false",
            "-Dio.netty.tryReflectionSetAccessible=true");

    /** The built-in job, the one entrypoint a spark run may name (or leave empty). */
    static final String BUILT_IN_JOB = "logistic-regression";

    private String master;

    SparkExecution(RunContext run) {
        super(run);
    }

    @Override
    protected String kind() {
        return "spark";
    }

    @Override
    protected void prepare(Path dir, Map<String, String> parameters) throws IOException {
        checkEntrypoint(run.spec().path("entrypoint").asString(""));
        SparkParams.from(parameters);
        master = master(targetMaster(), run.spec());
        Files.createDirectories(dir.resolve(SparkTrainer.TMP_DIR));
    }

    @Override
    protected List<String> outputFiles() {
        return List.of(SparkTrainer.MODEL_FILE, SparkTrainer.REGISTRATION_FILE);
    }

    @Override
    protected List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(ChildJvm.java());
        command.addAll(JVM_OPENS);
        command.add("-Xmx" + Math.max(MIN_HEAP_MB, ChildJvm.heapMb(run.spec(), DEFAULT_HEAP_MB)) + "m");
        command.add("-Djava.io.tmpdir=" + run.workDir().toAbsolutePath().resolve(SparkTrainer.TMP_DIR));
        command.add("-cp");
        command.add(ChildJvm.classPath());
        command.add(SparkTrainerMain.class.getName());
        command.add(run.workDir().toAbsolutePath().toString());
        command.add(master);
        return command;
    }

    /** The spec's variables, the run id, and {@code SPARK_LOCAL_IP=127.0.0.1} for a local master. */
    @Override
    protected Map<String, String> environment() {
        Map<String, String> environment = ChildJvm.variables(run.spec(), run.runId());
        if (master.startsWith("local")) {
            environment.putIfAbsent("SPARK_LOCAL_IP", "127.0.0.1");
        }
        return environment;
    }

    /** The built-in job only, so far: a job class of the user's is not run. */
    static void checkEntrypoint(String entrypoint) {
        if (!entrypoint.isBlank() && !entrypoint.trim().equals(BUILT_IN_JOB)) {
            throw new IllegalArgumentException("The spark executor runs the built-in job '" + BUILT_IN_JOB
                    + "' (entrypoint empty or '" + BUILT_IN_JOB + "'); got '" + entrypoint.trim() + "'");
        }
    }

    /** The target's master URL, else {@code local[<cpu request>]}. */
    static String master(String targetMaster, JsonNode spec) {
        return targetMaster != null && !targetMaster.isBlank() ? targetMaster.trim()
                : "local[" + ChildJvm.cores(spec) + "]";
    }

    /**
     * The {@code settings.sparkMaster} of the run's target ({@code GET /runs/{id}/execution}, then
     * {@code GET /compute/targets/{id}}); null when it sets none or cannot be read (then the run is local).
     */
    private String targetMaster() {
        try {
            CairnClient.Response execution = run.client().get("/api/v1/runs/" + run.runId() + "/execution");
            String targetId = execution.ok() ? execution.body().path("targetId").asString("") : "";
            if (targetId.isEmpty()) {
                warn("its execution answered " + execution.status());
                return null;
            }
            CairnClient.Response target = run.client().get("/api/v1/compute/targets/" + targetId);
            if (!target.ok()) {
                warn("target " + targetId + " answered " + target.status());
                return null;
            }
            JsonNode master = target.body().path("settings").path("sparkMaster");
            return master.isString() ? master.asString() : null;
        } catch (CairnClient.ApiException e) {
            warn(e.getMessage());
            return null;
        }
    }

    private void warn(String why) {
        System.err.println("[cairn-agent] run " + run.runId() + ": no Spark master read from its target (" + why
                + "); training locally");
    }
}
