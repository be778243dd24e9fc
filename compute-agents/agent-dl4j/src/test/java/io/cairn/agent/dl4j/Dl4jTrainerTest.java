package io.cairn.agent.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerMinMaxScaler;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.nd4j.linalg.factory.Nd4j;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The trainer on tiny data (OMP_NUM_THREADS=1, see the pom): a few hundred rows, a few epochs. */
class Dl4jTrainerTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void trainsAClassifierLogsEachEpochAndWritesTheModelWithItsRegistration(@TempDir Path dir) throws Exception {
        Path csv = NetworkMother.blobs(dir, 150);
        List<Map<String, Double>> epochs = new ArrayList<>();
        Dl4jTrainer.Result result = Dl4jTrainer.train(NetworkMother.mlp(2, 3), csv,
                TrainingParams.from(Map.of("epochs", "5", "batchSize", "16", "labelColumn", "kind",
                        "validationFraction", "0.2")), dir.resolve("out"), (epoch, metrics) -> {
                    assertThat(epoch).isEqualTo(epochs.size() + 1);
                    epochs.add(metrics);
                });

        assertThat(epochs).hasSize(5);
        assertThat(epochs.get(0)).containsOnlyKeys("loss", "accuracy", "val_loss", "val_accuracy");
        assertThat(epochs.get(4).get("loss")).isLessThan(epochs.get(0).get("loss"));
        assertThat(epochs.get(4).get("accuracy")).isGreaterThan(0.9);
        assertThat(epochs.get(4).get("val_accuracy")).isGreaterThan(0.9);
        assertThat(result.features()).containsExactly("x", "y");
        assertThat(result.classes()).containsExactly("a", "b", "c");

        MultiLayerNetwork model = ModelSerializer.restoreMultiLayerNetwork(result.model().toFile(), false);
        assertThat(model.output(Nd4j.create(new float[][] {{3, 0}})).argMax(1).getInt(0)).isEqualTo(0);
        JsonNode registration = json.readTree(result.registration().toFile());
        assertThat(registration.get("artifactPath").asString()).isEqualTo("model/model.zip");
        assertThat(registration.get("flavor").asString()).isEqualTo("dl4j");
        assertThat(registration.get("signature").toString()).isEqualTo("{\"inputs\":[{\"name\":\"x\",\"type\":\"double\"},"
                + "{\"name\":\"y\",\"type\":\"double\"}],\"outputs\":[{\"name\":\"a\",\"type\":\"float\"},"
                + "{\"name\":\"b\",\"type\":\"float\"},{\"name\":\"c\",\"type\":\"float\"}]}");
    }

    @Test
    void aNormalizerFittedOnTheTrainingRowsIsStoredInTheModelZip(@TempDir Path dir) throws Exception {
        Path csv = NetworkMother.blobs(dir, 150);
        Dl4jTrainer.Result result = Dl4jTrainer.train(NetworkMother.mlp(2, 3), csv,
                TrainingParams.from(Map.of("epochs", "5", "batchSize", "16", "labelColumn", "kind",
                        "normalize", "standardize")), dir.resolve("out"), (epoch, metrics) -> { });

        assertThat(result.lastMetrics().get("accuracy")).isGreaterThan(0.9);
        NormalizerStandardize normalizer = ModelSerializer.restoreNormalizerFromFile(result.model().toFile());
        // fitted on all 150 rows (no validation): x and y are each about 0 ± 2.5 (centres 0, 3, −3)
        assertThat(normalizer.getMean().getDouble(0)).isCloseTo(0.0, org.assertj.core.data.Offset.offset(0.3));
        assertThat(normalizer.getStd().getDouble(0)).isCloseTo(2.5, org.assertj.core.data.Offset.offset(0.3));
        MultiLayerNetwork model = ModelSerializer.restoreMultiLayerNetwork(result.model().toFile(), false);
        INDArray raw = Nd4j.create(new float[][] {{3, 0}, {0, 3}, {-3, -3}});
        INDArray scaled = raw.dup();
        normalizer.transform(scaled);
        assertThat(model.output(scaled).argMax(1).toIntVector()).containsExactly(0, 1, 2);
        assertThat(json.readTree(result.registration().toFile()).get("description").asString())
                .endsWith("; features standardized by the normalizer stored in the model");
    }

    @Test
    void minMaxScalingIsStoredAndNoneStoresNoNormalizer(@TempDir Path dir) throws Exception {
        Path csv = NetworkMother.blobs(dir, 60);
        Dl4jTrainer.Result minMax = Dl4jTrainer.train(NetworkMother.mlp(2, 3), csv,
                TrainingParams.from(Map.of("epochs", "1", "labelColumn", "kind", "normalize", "minmax",
                        "validationFraction", "0.5")), dir.resolve("minmax"), (epoch, metrics) -> { });
        NormalizerMinMaxScaler scaler = ModelSerializer.restoreNormalizerFromFile(minMax.model().toFile());
        assertThat(scaler.getMin().length()).isEqualTo(2);

        Dl4jTrainer.Result none = Dl4jTrainer.train(NetworkMother.mlp(2, 3), csv,
                TrainingParams.from(Map.of("epochs", "1", "labelColumn", "kind")), dir.resolve("none"),
                (epoch, metrics) -> { });
        assertThat((Object) ModelSerializer.restoreNormalizerFromFile(none.model().toFile())).isNull();
    }

    @Test
    void trainsAComputationGraphWithTheSameMetricsAndArtifacts(@TempDir Path dir) throws Exception {
        Path csv = NetworkMother.blobs(dir, 150);
        List<Map<String, Double>> epochs = new ArrayList<>();
        Dl4jTrainer.Result result = Dl4jTrainer.train(NetworkMother.graph(2, 3), csv,
                TrainingParams.from(Map.of("epochs", "5", "batchSize", "16", "labelColumn", "kind",
                        "validationFraction", "0.2", "normalize", "standardize")), dir.resolve("out"),
                (epoch, metrics) -> epochs.add(metrics));

        assertThat(epochs).hasSize(5);
        assertThat(epochs.get(0)).containsOnlyKeys("loss", "accuracy", "val_loss", "val_accuracy");
        assertThat(epochs.get(4).get("loss")).isLessThan(epochs.get(0).get("loss"));
        assertThat(epochs.get(4).get("val_accuracy")).isGreaterThan(0.9);
        ComputationGraph model = ModelSerializer.restoreComputationGraph(result.model().toFile(), false);
        NormalizerStandardize normalizer = ModelSerializer.restoreNormalizerFromFile(result.model().toFile());
        INDArray scaled = Nd4j.create(new float[][] {{3, 0}, {0, 3}, {-3, -3}});
        normalizer.transform(scaled);
        assertThat(model.outputSingle(scaled).argMax(1).toIntVector()).containsExactly(0, 1, 2);
        JsonNode registration = json.readTree(result.registration().toFile());
        assertThat(registration.get("signature").get("outputs")).hasSize(3);
        assertThat(registration.get("description").asString()).startsWith("DL4J ComputationGraph classifying 'kind'");
    }

    @Test
    void aGraphThatDoesNotFitTheDataIsRefusedWithTheReason(@TempDir Path dir) throws Exception {
        Path csv = NetworkMother.blobs(dir, 30);
        TrainingParams params = TrainingParams.from(Map.of("epochs", "1", "labelColumn", "kind"));
        assertThatThrownBy(() -> Dl4jTrainer.train(NetworkMother.twoInputGraph(), csv, params, dir, (e, m) -> { }))
                .hasMessage("The ComputationGraph has 2 inputs [left, right]; the dl4j executor feeds exactly one "
                        + "(the CSV's feature columns)");
        assertThatThrownBy(() -> Dl4jTrainer.train(NetworkMother.graph(4, 3), csv, params, dir, (e, m) -> { }))
                .hasMessage("The layer 'hidden' takes 4 inputs, but the CSV has 2 feature columns");
        assertThatThrownBy(() -> Dl4jTrainer.train(NetworkMother.graph(2, 2), csv, params, dir, (e, m) -> { }))
                .hasMessage("The graph's output 'kind' has 2 outputs, but the label column has 3 classes");
    }

    @Test
    void aRegressionLogsLossRmseAndMaeAndRegistersOneDoubleOutput(@TempDir Path dir) throws Exception {
        Path csv = NetworkMother.linear(dir, 200);
        List<Map<String, Double>> epochs = new ArrayList<>();
        Dl4jTrainer.Result result = Dl4jTrainer.train(NetworkMother.regressionMlp(2, 1), csv,
                TrainingParams.from(Map.of("epochs", "20", "batchSize", "16", "task", "regression",
                        "validationFraction", "0.2", "normalize", "minmax")), dir.resolve("out"),
                (epoch, metrics) -> epochs.add(metrics));

        assertThat(epochs.get(0)).containsOnlyKeys("loss", "rmse", "mae", "val_loss", "val_rmse", "val_mae");
        Map<String, Double> last = epochs.get(19);
        assertThat(last.get("rmse")).isLessThan(epochs.get(0).get("rmse")).isLessThan(0.3);
        assertThat(last.get("val_mae")).isLessThan(0.3);
        assertThat(last.get("mae")).isLessThanOrEqualTo(last.get("rmse"));
        assertThat(result.classes()).isEmpty();
        JsonNode registration = json.readTree(result.registration().toFile());
        assertThat(registration.get("signature").toString()).isEqualTo("{\"inputs\":[{\"name\":\"a\",\"type\":"
                + "\"double\"},{\"name\":\"b\",\"type\":\"double\"}],\"outputs\":[{\"name\":\"price\","
                + "\"type\":\"double\"}]}");
        assertThat(registration.get("description").asString()).startsWith("DL4J MultiLayerNetwork regressing 'price'");
    }

    @Test
    void aRegressionNeedsANumericLabelAndOneOutput(@TempDir Path dir) throws Exception {
        Path csv = NetworkMother.blobs(dir, 30);
        TrainingParams byKind = TrainingParams.from(Map.of("epochs", "1", "labelColumn", "kind",
                "task", "regression"));
        assertThatThrownBy(() -> Dl4jTrainer.train(NetworkMother.regressionMlp(2, 1), csv,
                byKind, dir, (e, m) -> { }))
                .hasMessageStartingWith("Row 1, column 'kind': '")
                .hasMessageEndingWith("' is not a number (a regression's label must be numeric)");
        TrainingParams byY = TrainingParams.from(Map.of("epochs", "1", "labelColumn", "y", "task", "regression"));
        assertThatThrownBy(() -> Dl4jTrainer.train(NetworkMother.regressionMlp(2, 3), csv,
                byY, dir, (e, m) -> { }))
                .hasMessage("The output layer has 3 outputs, but a regression predicts one value (nOut 1)");
    }

    @Test
    void theSameSeedTrainsTheSameNetwork(@TempDir Path dir) throws Exception {
        Path csv = NetworkMother.blobs(dir, 60);
        TrainingParams params = TrainingParams.from(Map.of("epochs", "2", "labelColumn", "kind", "seed", "5"));
        List<Double> losses = new ArrayList<>();
        for (String out : List.of("one", "two")) {
            losses.add(Dl4jTrainer.train(NetworkMother.mlp(2, 3), csv, params, dir.resolve(out), (e, m) -> { })
                    .lastMetrics().get("loss"));
        }
        assertThat(losses.get(0)).isEqualTo(losses.get(1));
    }

    @Test
    void aConfigurationThatDoesNotFitTheDataIsRefusedWithTheReason(@TempDir Path dir) throws Exception {
        Path csv = NetworkMother.blobs(dir, 30);
        TrainingParams params = TrainingParams.from(Map.of("epochs", "1", "labelColumn", "kind"));
        assertThatThrownBy(() -> Dl4jTrainer.train(NetworkMother.mlp(4, 3), csv, params, dir, (e, m) -> { }))
                .hasMessage("The first layer takes 4 inputs, but the CSV has 2 feature columns");
        assertThatThrownBy(() -> Dl4jTrainer.train(NetworkMother.mlp(2, 2), csv, params, dir, (e, m) -> { }))
                .hasMessage("The output layer has 2 outputs, but the label column has 3 classes");
        assertThatThrownBy(() -> Dl4jTrainer.train("{\"not\": \"a network\"}", csv, params, dir, (e, m) -> { }))
                .hasMessageStartingWith("The entrypoint is not a MultiLayerConfiguration or "
                        + "ComputationGraphConfiguration JSON");
        assertThatThrownBy(() -> Dl4jTrainer.train(NetworkMother.mlp(2, 3), csv,
                TrainingParams.from(Map.of("labelColumn", "colour")), dir, (e, m) -> { }))
                .hasMessage("The CSV has no column 'colour' (columns: x, kind, y)");
        // without labelColumn the last column is the label: each of the 30 values of 'y' is a class
        assertThatThrownBy(() -> Dl4jTrainer.train(NetworkMother.mlp(2, 3), csv, TrainingParams.from(Map.of()), dir,
                (e, m) -> { })).hasMessage("The output layer has 3 outputs, but the label column has 30 classes");
    }

    @Test
    void parametersAreCheckedAndDefaulted() {
        assertThat(TrainingParams.from(Map.of())).isEqualTo(new TrainingParams(10, 32, null, 42, 0,
                TrainingParams.Normalize.NONE, TrainingParams.Task.CLASSIFICATION));
        assertThat(TrainingParams.from(Map.of("normalize", "MinMax", "task", " regression ")))
                .isEqualTo(new TrainingParams(10, 32, null, 42, 0, TrainingParams.Normalize.MINMAX,
                        TrainingParams.Task.REGRESSION));
        assertThatThrownBy(() -> TrainingParams.from(Map.of("normalize", "zscore")))
                .hasMessage("Parameter normalize must be one of none, standardize, minmax; got 'zscore'");
        assertThatThrownBy(() -> TrainingParams.from(Map.of("task", "clustering")))
                .hasMessage("Parameter task must be one of classification, regression; got 'clustering'");
        assertThatThrownBy(() -> TrainingParams.from(Map.of("epochs", "0"))).hasMessageContaining("epochs");
        assertThatThrownBy(() -> TrainingParams.from(Map.of("batchSize", "many"))).hasMessageContaining("whole number");
        assertThatThrownBy(() -> TrainingParams.from(Map.of("validationFraction", "1"))).hasMessageContaining("below 1");
    }

    @Test
    void theTrainingJvmWritesMetricLinesOrTheReasonItFailed(@TempDir Path dir) throws Exception {
        Files.copy(NetworkMother.blobs(dir, 60), dir.resolve(TrainerMain.DATA));
        Files.writeString(dir.resolve(TrainerMain.CONFIGURATION), NetworkMother.mlp(2, 3));
        Files.writeString(dir.resolve(TrainerMain.PARAMS), "{\"epochs\": \"3\", \"labelColumn\": \"kind\"}");
        assertThat(TrainerMain.run(dir)).isZero();
        List<String> lines = Files.readAllLines(dir.resolve(TrainerMain.METRICS));
        assertThat(lines).hasSize(3);
        assertThat(json.readTree(lines.get(2)).get("step").asInt()).isEqualTo(3);
        assertThat(json.readTree(lines.get(2)).get("metrics").has("accuracy")).isTrue();
        assertThat(dir.resolve("output").resolve("model.zip")).exists();

        Files.writeString(dir.resolve(TrainerMain.PARAMS), "{\"labelColumn\": \"colour\"}");
        assertThat(TrainerMain.run(dir)).isEqualTo(2);
        assertThat(Files.readString(dir.resolve(TrainerMain.ERROR))).startsWith("The CSV has no column 'colour'");
    }
}
