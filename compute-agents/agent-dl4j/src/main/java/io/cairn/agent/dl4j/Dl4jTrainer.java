package io.cairn.agent.dl4j;

import io.cairn.agent.ModelRegistration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.SplitTestAndTrain;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trains a {@link MultiLayerNetwork} classifier from its configuration (the JSON of
 * {@link MultiLayerConfiguration#toJson}) on a CSV table: every column but the label column is a numeric feature,
 * the label column's distinct values are the classes (sorted; numerically when all are numbers). After each epoch it
 * reports the loss and accuracy on the training rows (and on held-out rows, if any); at the end it writes
 * {@value #MODEL_FILE} ({@link ModelSerializer}, without updater state) and {@value #REGISTRATION_FILE}: the body of
 * {@code POST /models/{id}/versions} but the run id (flavor {@code dl4j}, the artifact path and a signature the model
 * server accepts: one {@code double} input per feature column, one {@code float} output per class).
 */
public final class Dl4jTrainer {

    static final String MODEL_FILE = "model.zip";
    static final String REGISTRATION_FILE = ModelRegistration.FILE;

    /** Receives each epoch's metrics, e.g. {@code loss}, {@code accuracy}, {@code val_loss}, {@code val_accuracy}. */
    public interface EpochListener {
        void epoch(int epoch, Map<String, Double> metrics);
    }

    /** What training produced. */
    public record Result(List<String> features, List<String> classes, Map<String, Double> lastMetrics,
                         Path model, Path registration) {
    }

    private Dl4jTrainer() {
    }

    public static Result train(String configurationJson, Path csv, TrainingParams params, Path outputDir,
                               EpochListener listener) throws IOException {
        MultiLayerConfiguration configuration;
        try {
            configuration = MultiLayerConfiguration.fromJson(configurationJson);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("The entrypoint is not a MultiLayerConfiguration JSON: " + e.getMessage(), e);
        }
        CsvTable table = CsvTable.read(csv);
        int labelIndex = params.labelColumn() == null ? table.header().size() - 1 : table.column(params.labelColumn());
        List<String> features = new ArrayList<>(table.header());
        features.remove(labelIndex);
        List<String> classes = classes(table, labelIndex);
        check(configuration, features.size(), classes.size());

        DataSet all = dataSet(table, labelIndex, classes, configuration.getDataType());
        all.shuffle(params.seed());
        DataSet train = all;
        DataSet validation = null;
        int held = (int) Math.round(all.numExamples() * params.validationFraction());
        if (held > 0 && held < all.numExamples()) {
            SplitTestAndTrain split = all.splitTestAndTrain(all.numExamples() - held);
            train = split.getTrain();
            validation = split.getTest();
        }

        for (NeuralNetConfiguration layer : configuration.getConfs()) {
            layer.setSeed(params.seed());
        }
        Nd4j.getRandom().setSeed(params.seed());
        MultiLayerNetwork network = new MultiLayerNetwork(configuration);
        network.init();
        Map<String, Double> metrics = Map.of();
        for (int epoch = 1; epoch <= params.epochs(); epoch++) {
            train.shuffle(params.seed() + epoch);
            for (DataSet batch : train.batchBy(params.batchSize())) {
                network.fit(batch);
            }
            metrics = new LinkedHashMap<>();
            metrics.put("loss", network.score(train));
            metrics.put("accuracy", accuracy(network, train, classes.size()));
            if (validation != null) {
                metrics.put("val_loss", network.score(validation));
                metrics.put("val_accuracy", accuracy(network, validation, classes.size()));
            }
            listener.epoch(epoch, metrics);
        }

        Files.createDirectories(outputDir);
        Path model = outputDir.resolve(MODEL_FILE);
        ModelSerializer.writeModel(network, model.toFile(), false);
        Path registration = ModelRegistration.write(outputDir,
                registration(features, classes, table.header().get(labelIndex)));
        return new Result(features, classes, metrics, model, registration);
    }

    /** The registry's version request without the run id: artifact path, flavor and signature. */
    static Map<String, Object> registration(List<String> features, List<String> classes, String label) {
        return ModelRegistration.body(MODEL_FILE, "dl4j",
                features.stream().map(name -> ModelRegistration.column(name, "double")).toList(),
                classes.stream().map(name -> ModelRegistration.column(name, "float")).toList(),
                "DL4J MultiLayerNetwork classifying '" + label + "' (" + String.join(", ", classes) + ") from "
                        + String.join(", ", features));
    }

    private static List<String> classes(CsvTable table, int labelIndex) {
        TreeSet<String> values = new TreeSet<>();
        for (List<String> row : table.rows()) {
            values.add(row.get(labelIndex));
        }
        List<String> classes = new ArrayList<>(values);
        if (classes.stream().allMatch(Dl4jTrainer::isNumber)) {
            classes.sort((a, b) -> Double.compare(Double.parseDouble(a), Double.parseDouble(b)));
        }
        if (classes.size() < 2) {
            throw new IllegalArgumentException("The label column '" + table.header().get(labelIndex)
                    + "' needs at least two distinct classes; it has " + classes);
        }
        return classes;
    }

    /** The configuration must take one input per feature column and give one output per class. */
    private static void check(MultiLayerConfiguration configuration, int features, int classes) {
        Layer first = configuration.getConf(0).getLayer();
        if (first instanceof FeedForwardLayer && ((FeedForwardLayer) first).getNIn() != features) {
            throw new IllegalArgumentException("The first layer takes " + ((FeedForwardLayer) first).getNIn()
                    + " inputs, but the CSV has " + features + " feature columns");
        }
        Layer last = configuration.getConf(configuration.getConfs().size() - 1).getLayer();
        if (!(last instanceof BaseOutputLayer)) {
            throw new IllegalArgumentException("The last layer must be an output layer (e.g. OutputLayer with softmax)");
        }
        if (((BaseOutputLayer) last).getNOut() != classes) {
            throw new IllegalArgumentException("The output layer has " + ((BaseOutputLayer) last).getNOut()
                    + " outputs, but the label column has " + classes + " classes");
        }
    }

    private static DataSet dataSet(CsvTable table, int labelIndex, List<String> classes, DataType type) {
        int rows = table.rows().size();
        int columns = table.header().size();
        double[][] x = new double[rows][columns - 1];
        double[][] y = new double[rows][classes.size()];
        for (int r = 0; r < rows; r++) {
            List<String> row = table.rows().get(r);
            int f = 0;
            for (int c = 0; c < columns; c++) {
                if (c == labelIndex) {
                    y[r][classes.indexOf(row.get(c))] = 1;
                    continue;
                }
                try {
                    x[r][f++] = Double.parseDouble(row.get(c));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("Row " + (r + 1) + ", column '" + table.header().get(c)
                            + "': '" + row.get(c) + "' is not a number (features must be numeric)");
                }
            }
        }
        DataType dataType = type == null ? DataType.FLOAT : type;
        return new DataSet(Nd4j.create(x).castTo(dataType), Nd4j.create(y).castTo(dataType));
    }

    private static double accuracy(MultiLayerNetwork network, DataSet data, int classes) {
        INDArray output = network.output(data.getFeatures());
        Evaluation evaluation = new Evaluation(classes);
        evaluation.eval(data.getLabels(), output);
        return evaluation.accuracy();
    }

    private static boolean isNumber(String value) {
        try {
            Double.parseDouble(value);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
