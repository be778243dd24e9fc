package io.cairn.agent.spark;

import io.cairn.agent.MetricsFile;
import io.cairn.agent.TrainingExecution;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Spark driver JVM of one {@code spark} attempt, started by {@link SparkExecution}:
 * {@code SparkTrainerMain <attempt dir> <master>}. It reads {@code params.json} and {@code data.csv} from that
 * directory, checks the columns against the CSV's header before starting Spark (a wrong column fails in a second),
 * trains ({@link SparkTrainer}) and writes {@code output/} (the zipped PipelineModel and its registration request),
 * one JSON line per step to {@code metrics.jsonl} and, when it fails, the reason to {@code error.txt}. Exit code 0, 2
 * for bad parameters or a bad dataset, 1 for any other failure.
 */
public final class SparkTrainerMain {

    private SparkTrainerMain() {
    }

    public static void main(String[] args) throws IOException {
        int code = run(Path.of(args[0]), args[1]);
        System.exit(code);
    }

    static int run(Path dir, String master) throws IOException {
        long started = System.nanoTime();
        return MetricsFile.train(dir, "spark", metrics -> {
            Map<String, String> parameters = JsonMapper.builder().build().readValue(
                    dir.resolve(TrainingExecution.PARAMS).toFile(), new TypeReference<Map<String, String>>() { });
            SparkParams params = SparkParams.from(parameters);
            Path csv = dir.resolve(TrainingExecution.DATA);
            SparkParams.Columns columns = params.columns(header(csv));
            System.out.println("spark: training " + params + " on " + master + ": '" + columns.label() + "' from "
                    + columns.features());
            SparkSession spark = SparkTrainer.session(master, dir);
            try {
                SparkTrainer.Result result = SparkTrainer.train(spark, csv, params, dir.resolve(TrainingExecution.OUTPUT),
                        (step, values) -> {
                            metrics.step(step, values);
                            System.out.println("step " + step + MetricsFile.describe(values));
                        });
                System.out.printf(Locale.ROOT, "spark: trained in %.1f s on %d rows (%d for testing); classes %s; "
                                + "test metrics %s; model %s (%d bytes)%n", (System.nanoTime() - started) / 1e9,
                        result.rows(), result.testRows(), result.classes(), result.testMetrics(),
                        result.model().getFileName(), Files.size(result.model()));
            } finally {
                spark.stop();
            }
        });
    }

    /** The CSV's first non-blank line, split at commas (quotes around a name dropped). */
    static List<String> header(Path csv) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                List<String> names = new ArrayList<>();
                for (String name : line.split(",", -1)) {
                    String trimmed = name.trim();
                    if (trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"")) {
                        trimmed = trimmed.substring(1, trimmed.length() - 1);
                    }
                    names.add(trimmed);
                }
                return names;
            }
        }
        throw new IllegalArgumentException("The CSV is empty; it needs a header row and data rows");
    }
}
