package io.cairn.agent.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
                .hasMessageStartingWith("The entrypoint is not a MultiLayerConfiguration JSON");
        assertThatThrownBy(() -> Dl4jTrainer.train(NetworkMother.mlp(2, 3), csv,
                TrainingParams.from(Map.of("labelColumn", "colour")), dir, (e, m) -> { }))
                .hasMessage("The CSV has no column 'colour' (columns: x, kind, y)");
        // without labelColumn the last column is the label: each of the 30 values of 'y' is a class
        assertThatThrownBy(() -> Dl4jTrainer.train(NetworkMother.mlp(2, 3), csv, TrainingParams.from(Map.of()), dir,
                (e, m) -> { })).hasMessage("The output layer has 3 outputs, but the label column has 30 classes");
    }

    @Test
    void parametersAreCheckedAndDefaulted() {
        assertThat(TrainingParams.from(Map.of())).isEqualTo(new TrainingParams(10, 32, null, 42, 0));
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
