package io.cairn.modelserver;

import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/**
 * The one local-mode Spark session of the process: no UI, driver bound to loopback, one shuffle partition
 * (requests are small), its SQL warehouse folder under the work directory. Spark keeps one session per JVM;
 * later calls get the same one.
 */
public final class SparkSessions {

    private SparkSessions() {
    }

    public static SparkSession local(int cores, Path workDir) {
        return SparkSession.builder()
                .appName("cairn-model-server")
                .master("local[" + Math.max(1, cores) + "]")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "1")
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.sql.warehouse.dir", workDir.resolve("spark-warehouse").toAbsolutePath().toString())
                .getOrCreate();
    }
}
