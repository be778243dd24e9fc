package io.cairn.agent.dl4j;

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
 * One attempt of a {@code dl4j} run ({@link TrainingExecution}): the configuration (the spec's entrypoint) is written
 * beside the dataset and the parameters; the child JVM ({@link TrainerMain}, this agent's class path) trains with
 * {@code OMP_NUM_THREADS} from the run's cpu request (default 1), {@code -Xmx} from its memory request, and
 * {@code org.bytedeco.javacpp.cachedir} under the agent's work dir (the natives are unpacked once per agent). When it
 * succeeds, the model zip and its registration request are uploaded as the run's artifacts {@code model/model.zip}
 * and {@code model/registration.json}.
 */
class Dl4jExecution extends TrainingExecution {

    static final String CACHE_DIR = "javacpp-cache";
    private static final long DEFAULT_HEAP_MB = 512;

    Dl4jExecution(RunContext run) {
        super(run);
    }

    @Override
    protected String kind() {
        return "dl4j";
    }

    @Override
    protected void prepare(Path dir, Map<String, String> parameters) throws IOException {
        TrainingParams.from(parameters);
        Files.writeString(dir.resolve(TrainerMain.CONFIGURATION), run.spec().path("entrypoint").asString());
    }

    @Override
    protected List<String> outputFiles() {
        return List.of(Dl4jTrainer.MODEL_FILE, Dl4jTrainer.REGISTRATION_FILE);
    }

    /** This JVM's java and class path (absolute: the child runs in the attempt directory). */
    @Override
    protected List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(ChildJvm.java());
        command.add("-Xmx" + ChildJvm.heapMb(run.spec(), DEFAULT_HEAP_MB) + "m");
        command.add("-Dorg.bytedeco.javacpp.cachedir=" + run.config().workDir().resolve(CACHE_DIR));
        command.add("-cp");
        command.add(ChildJvm.classPath());
        command.add(TrainerMain.class.getName());
        command.add(run.workDir().toAbsolutePath().toString());
        return command;
    }

    /**
     * The spec's variables, {@code OMP_NUM_THREADS} from the cpu request (rounded up, at least 1; default 1) unless
     * the variables set it, and the run id.
     */
    @Override
    protected Map<String, String> environment() {
        JsonNode spec = run.spec();
        Map<String, String> environment = ChildJvm.variables(spec, run.runId());
        environment.putIfAbsent("OMP_NUM_THREADS", Long.toString(ChildJvm.cores(spec)));
        return environment;
    }
}
