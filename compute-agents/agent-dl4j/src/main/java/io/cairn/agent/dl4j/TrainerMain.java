package io.cairn.agent.dl4j;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
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
    static final String PARAMS = "params.json";
    static final String DATA = "data.csv";
    static final String OUTPUT = "output";
    static final String METRICS = "metrics.jsonl";
    static final String ERROR = "error.txt";

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
        try (Writer metrics = Files.newBufferedWriter(dir.resolve(METRICS), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING)) {
            Map<String, String> parameters = json.readValue(dir.resolve(PARAMS).toFile(),
                    new TypeReference<Map<String, String>>() { });
            TrainingParams params = TrainingParams.from(parameters);
            System.out.println("dl4j: training " + params + " with " + System.getenv("OMP_NUM_THREADS")
                    + " OpenMP thread(s)");
            Dl4jTrainer.Result result = Dl4jTrainer.train(Files.readString(dir.resolve(CONFIGURATION)),
                    dir.resolve(DATA), params, dir.resolve(OUTPUT), (epoch, values) -> {
                        Map<String, Object> line = new LinkedHashMap<>();
                        line.put("step", epoch);
                        line.put("metrics", values);
                        try {
                            metrics.write(json.writeValueAsString(line) + "\n");
                            metrics.flush();
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                        StringBuilder text = new StringBuilder("epoch " + epoch + "/" + params.epochs());
                        values.forEach((key, value) -> text.append(' ').append(key).append('=')
                                .append(String.format(Locale.ROOT, "%.4f", value)));
                        System.out.println(text);
                    });
            System.out.printf(Locale.ROOT, "dl4j: trained in %.1f s; classes %s; model %s (%d bytes)%n",
                    (System.nanoTime() - started) / 1e9, result.classes(), result.model().getFileName(),
                    Files.size(result.model()));
            return 0;
        } catch (IllegalArgumentException e) {
            return fail(dir, e.getMessage(), 2);
        } catch (RuntimeException | IOException | OutOfMemoryError e) {
            e.printStackTrace();
            return fail(dir, e.getClass().getSimpleName() + ": " + e.getMessage(), 1);
        }
    }

    private static int fail(Path dir, String reason, int code) throws IOException {
        System.err.println("dl4j: " + reason);
        Files.writeString(dir.resolve(ERROR), reason);
        return code;
    }
}
