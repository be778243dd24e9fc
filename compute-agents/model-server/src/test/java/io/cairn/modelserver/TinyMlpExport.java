package io.cairn.modelserver;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Writes a model for tests in other modules (the backend's deployment test), so they need no DL4J on their class
 * path: {@code model.zip} (the tiny MLP of {@link ModelMother}), {@code signature.json} and {@code expected.json}
 * ({@code {"rows": [...], "predictions": [...]}}: a few rows and the model's own output for them, as floats).
 * Run it with {@code OMP_NUM_THREADS=1}: {@code java -cp <test-jar>:<model-server.jar> ... TinyMlpExport <dir>}.
 */
public final class TinyMlpExport {

    private TinyMlpExport() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: TinyMlpExport <output-dir>");
            System.exit(2);
        }
        Path dir = Files.createDirectories(Path.of(args[0]));
        MultiLayerNetwork network = ModelMother.trainedMlp();
        ModelMother.save(network, dir.resolve("model.zip"));
        ObjectMapper json = new ObjectMapper();
        Signature signature = ModelMother.irisSignature();
        json.writeValue(dir.resolve("signature.json").toFile(), signature);
        double[][] features = ModelMother.features(6, 11);
        INDArray output = network.output(ModelMother.matrix(features));
        List<Map<String, Object>> predictions = new ArrayList<>();
        for (int row = 0; row < features.length; row++) {
            Map<String, Object> prediction = new LinkedHashMap<>();
            for (int unit = 0; unit < signature.outputs().size(); unit++) {
                prediction.put(signature.outputs().get(unit).name(), output.getFloat(row, unit));
            }
            predictions.add(prediction);
        }
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("rows", ModelMother.keyedRows(features));
        expected.put("predictions", predictions);
        json.writeValue(dir.resolve("expected.json").toFile(), expected);
    }
}
