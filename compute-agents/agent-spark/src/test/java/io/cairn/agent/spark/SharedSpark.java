package io.cairn.agent.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/** The one local Spark session of the test JVM (starting one takes seconds), made the way the trainer makes it. */
final class SharedSpark {

    private static SparkSession session;

    private SharedSpark() {
    }

    static synchronized SparkSession session() {
        if (session == null) {
            try {
                session = SparkTrainer.session("local[1]", Files.createTempDirectory("spark-tests-"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return session;
    }

    static Path iris() {
        return Path.of("..", "samples", "iris", "iris.csv").toAbsolutePath().normalize();
    }
}
