package io.cairn.agent.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.agent.TrainingExecution;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The Iris logistic regression trained once in the shared session; its outputs read back as the model server would. */
class SparkTrainerTest {

    @TempDir
    static Path dir;

    static SparkSession spark;
    static SparkTrainer.Result result;
    static final Map<Long, Map<String, Double>> STEPS = new LinkedHashMap<>();

    @BeforeAll
    static void train() throws Exception {
        spark = SharedSpark.session();
        result = SparkTrainer.train(spark, SharedSpark.iris(), SparkParams.from(Map.of("labelColumn", "species",
                "maxIter", "30", "scaleFeatures", "true")), dir.resolve("output"),
                (step, metrics) -> STEPS.computeIfAbsent(step, s -> new LinkedHashMap<>()).putAll(metrics));
    }

    @Test
    void itLogsTheObjectivePerIterationAndTheTestMetricsAtTheLastOne() {
        assertThat(result.classes()).containsExactly("setosa", "versicolor", "virginica");
        assertThat(result.rows()).isEqualTo(150);
        assertThat(result.testRows()).isBetween(15L, 45L);
        List<Double> loss = STEPS.values().stream().map(metrics -> metrics.get("loss")).toList();
        assertThat(loss.size()).isBetween(2, 31);
        assertThat(loss.get(loss.size() - 1)).isLessThan(loss.get(0));
        Map<String, Double> last = STEPS.get((long) loss.size() - 1);
        assertThat(last).containsOnlyKeys("loss", "accuracy", "f1", "weightedPrecision", "weightedRecall");
        assertThat(last.get("accuracy")).isGreaterThan(0.8).isEqualTo(result.testMetrics().get("accuracy"));
    }

    @Test
    void theZipHoldsTheSavedPipelineFolderWhichScoresRowsWithoutTheLabel() throws Exception {
        Path unpacked = dir.resolve("unpacked");
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(result.model()))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                names.add(entry.getName());
                Path out = unpacked.resolve(entry.getName());
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(in, out);
                }
            }
        }
        assertThat(names).allMatch(name -> name.startsWith("pipeline/")).contains("pipeline/metadata/")
                .noneMatch(name -> name.endsWith(".crc"));

        PipelineModel model = PipelineModel.load(unpacked.resolve("pipeline").toString());
        Dataset<Row> rows = spark.read().option("header", "true").option("inferSchema", "true")
                .csv(SharedSpark.iris().toString()).drop("species").limit(3);
        List<Row> predicted = model.transform(rows).select("predictedLabel", "prediction", "probability")
                .collectAsList();
        assertThat(predicted).hasSize(3).allMatch(row -> row.getString(0).equals("setosa"));
    }

    @Test
    void theRegistrationRequestIsForTheZip() throws Exception {
        JsonNode registration = JsonMapper.builder().build().readTree(result.registration().toFile());
        assertThat(registration.get("artifactPath").asString()).isEqualTo("model/pipeline.zip");
        assertThat(registration.get("flavor").asString()).isEqualTo("spark-ml");
        assertThat(registration.get("signature").get("inputs")).hasSize(4);
    }

    @Test
    void aTextFeatureOrASingleClassIsRefused() throws Exception {
        Path csv = Files.writeString(dir.resolve("bad.csv"), "size,colour,kind\n1,red,a\n2,blue,b\n");
        assertThatThrownBy(() -> SparkTrainer.train(spark, csv, SparkParams.from(Map.of()), dir.resolve("bad"),
                (step, metrics) -> { }))
                .hasMessage("The feature column 'colour' is not numeric (its values read as string)");
        Path one = Files.writeString(dir.resolve("one.csv"), "size,kind\n1,a\n2,a\n");
        assertThatThrownBy(() -> SparkTrainer.train(spark, one, SparkParams.from(Map.of()), dir.resolve("one"),
                (step, metrics) -> { }))
                .hasMessage("The label column 'kind' needs at least two distinct classes; it has [a]");
    }

    @Test
    void aMissingLabelColumnFailsTheTrainingJvmBeforeSparkStarts() throws Exception {
        Path attempt = Files.createDirectories(dir.resolve("attempt"));
        Files.copy(SharedSpark.iris(), attempt.resolve(TrainingExecution.DATA));
        Files.writeString(attempt.resolve(TrainingExecution.PARAMS), "{\"labelColumn\": \"kind\"}");
        assertThat(SparkTrainerMain.run(attempt, "local[1]")).isEqualTo(2);
        assertThat(Files.readString(attempt.resolve(TrainingExecution.ERROR)))
                .startsWith("The label column 'kind' is not in the CSV");
    }
}
