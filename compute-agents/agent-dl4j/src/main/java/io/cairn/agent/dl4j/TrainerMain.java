package io.cairn.agent.dl4j;

import io.cairn.agent.MetricsFile;
import io.cairn.agent.TrainingExecution;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The training JVM of one {@code dl4j} attempt, started by {@link Dl4jExecution} with {@code OMP_NUM_THREADS} and
 * {@code org.bytedeco.javacpp.cachedir} set: {@code TrainerMain <attempt dir>}. It reads {@value #CONFIGURATION},
 * {@value #PARAMS} and {@value #DATA} from that directory and writes {@code output/} (the model and its registration
 * request), one JSON line per epoch to {@value #METRICS} (the agent ships them as metric batches while training
 * runs) and, when it fails, the reason to {@value #ERROR}. Exit code 0, 2 for a bad configuration or dataset, 1 for
 * any other failure.
 */
public final class TrainerMain {

    static final String CONFIGURATION = "configuration.json";
    static final String PARAMS = TrainingExecution.PARAMS;
    static final String DATA = TrainingExecution.DATA;
    static final String OUTPUT = TrainingExecution.OUTPUT;
    static final String METRICS = TrainingExecution.METRICS;
    static final String ERROR = TrainingExecution.ERROR;

    private TrainerMain() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        int code = run(dir);
        System.exit(code);
    }

    static int run(Path dir) throws IOException {
        JsonMapper json = JsonMapper.builder().build();
        long started = System.nanoTime();
        return MetricsFile.train(dir, "dl4j", metrics -> {
            Map<String, String> parameters = json.readValue(dir.resolve(PARAMS).toFile(),
                    new TypeReference<Map<String, String>>() { });
            TrainingParams params = TrainingParams.from(parameters);
            System.out.println("dl4j: training " + params + " with " + System.getenv("OMP_NUM_THREADS")
                    + " OpenMP thread(s)");
            Dl4jTrainer.Result result = Dl4jTrainer.train(Files.readString(dir.resolve(CONFIGURATION)),
                    dir.resolve(DATA), params, dir.resolve(OUTPUT), (epoch, values) -> {
                        metrics.step(epoch, values);
                        System.out.println("epoch " + epoch + "/" + params.epochs() + MetricsFile.describe(values));
                    });
            System.out.printf(Locale.ROOT, "dl4j: trained in %.1f s; %s; model %s (%d bytes)%n",
                    (System.nanoTime() - started) / 1e9,
                    result.classes().isEmpty() ? "regression" : "classes " + result.classes(),
                    result.model().getFileName(),
                    Files.size(result.model()));
        });
    }
}
