package io.cairn.modelserver;

import static io.cairn.modelserver.HttpCalls.assertProblem;
import static io.cairn.modelserver.HttpCalls.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Spark ML LogisticRegression pipeline trained here (one local SparkSession for the whole JVM), saved,
 * zipped as a user would upload it, served and scored: predictions equal {@code PipelineModel.transform}.
 */
class SparkModelServerTest {

    @TempDir
    static Path dir;

    static SparkSession spark;
    static PipelineModel model;
    static Path zip;
    static ModelServer server;
    static HttpCalls calls;

    static final Signature SIGNATURE = new Signature(
            ModelMother.FEATURES.stream().map(name -> new Signature.Column(name, "double")).toList(),
            List.of(new Signature.Column("prediction", "double"), new Signature.Column("probability", "double")));

    @BeforeAll
    static void trainSaveAndServe() throws Exception {
        spark = SparkSessions.local(1, dir.resolve("spark"));
        VectorAssembler assembler = new VectorAssembler()
                .setInputCols(ModelMother.FEATURES.toArray(new String[0])).setOutputCol("features");
        LogisticRegression regression = new LogisticRegression().setMaxIter(8).setLabelCol("label");
        model = new Pipeline().setStages(new PipelineStage[] {assembler, regression})
                .fit(frame(ModelMother.features(150, 7), true));
        Path saved = dir.resolve("pipeline");
        model.write().overwrite().save(saved.toString());
        zip = zip(saved, dir.resolve("pipeline.zip"));

        ServerConfig config = ServerConfig.defaults(dir.resolve("work")).withPort(0);
        server = ModelServer.start(config, () -> ModelLoader.fromPath(zip, "spark-ml", SIGNATURE, config.workDir()));
        server.awaitReady(Duration.ofMinutes(2));
        calls = new HttpCalls(server.port());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void pipelinePredictionsEqualTheModelsOwnTransform() {
        double[][] features = ModelMother.features(12, 99);
        HttpCalls.Response response = calls.score(rows(ModelMother.keyedRows(features)));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertSameAsTransform(response.json().get("predictions"), features);
        assertThat(response.json().get("model").get("flavor").asText()).isEqualTo("spark-ml");
    }

    @Test
    void theZippedPipelineWasUnpackedUnderTheWorkDirectoryByDigest() throws IOException {
        Path unpacked = dir.resolve("work").resolve("unpacked").resolve(ArtifactFiles.sha256(zip));
        assertThat(unpacked.resolve("pipeline").resolve("metadata")).isDirectory();
        assertThat(ArtifactFiles.sparkModelRoot(unpacked)).isEqualTo(unpacked.resolve("pipeline"));
        assertThat(calls.get("/v1/model").json().get("outputs").toString())
                .isEqualTo("[\"prediction\",\"probability\"]");
    }

    @Test
    void rowsViolatingTheSignatureAreRefusedBeforeSparkSeesThem() {
        List<Map<String, Object>> bad = new ArrayList<>();
        ModelMother.keyedRows(ModelMother.features(4, 1)).forEach(row -> bad.add(new LinkedHashMap<>(row)));
        bad.get(3).put("petal_length", true);
        assertProblem(calls.score(rows(bad)), 400, "rows[3].petal_length", "got a boolean");
    }

    @Test
    void aSignatureThePipelineDoesNotFitIsRefusedAtLoad() {
        Signature unknownOutput = new Signature(SIGNATURE.inputs(), List.of(new Signature.Column("score", "double")));
        assertThatThrownBy(() -> SparkScorer.of(model, unknownOutput, spark))
                .isInstanceOf(ModelLoadException.class).hasMessageContaining("no column 'score'");

        Signature missingInput = new Signature(SIGNATURE.inputs().subList(0, 3), List.of());
        assertThatThrownBy(() -> SparkScorer.of(model, missingInput, spark))
                .isInstanceOf(ModelLoadException.class).hasMessageContaining("does not accept");

        Signature defaultOutput = new Signature(SIGNATURE.inputs(), List.of());
        assertThat(SparkScorer.of(model, defaultOutput, spark).outputs()).containsExactly("prediction");
    }

    @Test
    void aFolderWithoutASavedModelIsNotServed() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("not-a-model"));
        assertThatThrownBy(() -> ModelLoader.fromPath(empty, "spark-ml", SIGNATURE, dir))
                .isInstanceOf(ModelLoadException.class).hasMessageContaining("No saved Spark ML model");
    }

    private static void assertSameAsTransform(JsonNode predictions, double[][] features) {
        List<Row> expected = model.transform(frame(features, false)).select("prediction", "probability")
                .collectAsList();
        assertThat(predictions).hasSize(features.length);
        for (int r = 0; r < features.length; r++) {
            JsonNode prediction = predictions.get(r);
            assertThat(prediction.get("prediction").asDouble()).isEqualTo(expected.get(r).getDouble(0));
            double[] probability = ((Vector) expected.get(r).get(1)).toArray();
            for (int c = 0; c < probability.length; c++) {
                assertThat(prediction.get("probability").get(c).asDouble()).isEqualTo(probability[c]);
            }
        }
    }

    /** The features as a DataFrame, with the generated class as {@code label} when {@code labelled}. */
    private static Dataset<Row> frame(double[][] features, boolean labelled) {
        List<StructField> fields = new ArrayList<>();
        ModelMother.FEATURES.forEach(name ->
                fields.add(DataTypes.createStructField(name, DataTypes.DoubleType, false)));
        if (labelled) {
            fields.add(DataTypes.createStructField("label", DataTypes.DoubleType, false));
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < features.length; i++) {
            double[] f = features[i];
            rows.add(labelled ? RowFactory.create(f[0], f[1], f[2], f[3], (double) ModelMother.label(i))
                    : RowFactory.create(f[0], f[1], f[2], f[3]));
        }
        return spark.createDataFrame(rows, new StructType(fields.toArray(new StructField[0])));
    }

    /** A zip of {@code folder} with the folder as its single top-level entry, as a user would upload it. */
    static Path zip(Path folder, Path zip) throws IOException {
        try (OutputStream file = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(file);
             Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new ZipEntry(folder.getFileName() + "/" + folder.relativize(path)));
                Files.copy(path, out);
                out.closeEntry();
            }
        }
        return zip;
    }
}
