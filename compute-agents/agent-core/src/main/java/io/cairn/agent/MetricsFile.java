package io.cairn.agent;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The training JVM's side of {@link MetricsShipper}: {@value TrainingExecution#METRICS} in the attempt directory, one
 * {@code {"step", "metrics": {key: value}}} line per step, flushed at once so the agent ships it while training runs.
 */
public final class MetricsFile implements Closeable {

    private final JsonMapper json = JsonMapper.builder().build();
    private final Writer out;

    public MetricsFile(Path dir) throws IOException {
        out = Files.newBufferedWriter(dir.resolve(TrainingExecution.METRICS), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
    }

    /** Appends one step's metrics. */
    public void step(long step, Map<String, Double> metrics) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("step", step);
        line.put("metrics", metrics);
        try {
            out.write(json.writeValueAsString(line) + "\n");
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One step's metrics for the log: {@code " key=0.1234 key2=…"}. */
    public static String describe(Map<String, Double> metrics) {
        StringBuilder text = new StringBuilder();
        metrics.forEach((key, value) -> text.append(' ').append(key).append('=')
                .append(String.format(Locale.ROOT, "%.4f", value)));
        return text.toString();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    /** A trainer's work, writing its metrics to the file; an {@link IllegalArgumentException} is bad input. */
    public interface Training {
        void run(MetricsFile metrics) throws IOException;
    }

    /**
     * Runs a training JVM's work with {@value TrainingExecution#METRICS} open and answers its exit code: 0, 2 for bad
     * parameters or data (an {@link IllegalArgumentException}: its message is the reason), 1 for any other failure
     * (the exception is the reason, its stack trace goes to stderr).
     */
    public static int train(Path dir, String prefix, Training training) throws IOException {
        try (MetricsFile metrics = new MetricsFile(dir)) {
            training.run(metrics);
            return 0;
        } catch (IllegalArgumentException e) {
            return fail(dir, prefix, e.getMessage(), 2);
        } catch (RuntimeException | IOException | OutOfMemoryError e) {
            e.printStackTrace();
            return fail(dir, prefix, e.getClass().getSimpleName() + ": " + e.getMessage(), 1);
        }
    }

    /**
     * Ends a training JVM that failed: the reason to stderr (the run's logs, after {@code prefix: }) and to
     * {@value TrainingExecution#ERROR} (the run's reason); answers {@code code}.
     */
    static int fail(Path dir, String prefix, String reason, int code) throws IOException {
        System.err.println(prefix + ": " + reason);
        Files.writeString(dir.resolve(TrainingExecution.ERROR), reason);
        return code;
    }
}
