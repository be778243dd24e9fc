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
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.SplitTestAndTrain;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Trains a {@link Network} — a {@code MultiLayerNetwork} or a {@code ComputationGraph} with one input and one
 * output, from the JSON of its configuration — on a CSV table: every column but the label column is a numeric
 * feature. A classification's classes are the label column's distinct values (sorted; numerically when all are
 * numbers); a regression's label is a number. Features are optionally scaled ({@link TrainingParams.Normalize}) by a
 * normalizer fitted on the training rows only and stored in the model zip. After each epoch it reports the loss and
 * accuracy (regression: loss, rmse, mae) on the training rows (and, {@code val_}-prefixed, on held-out rows, if any);
 * at the end it writes {@value #MODEL_FILE} ({@link ModelSerializer}, without updater state, with the normalizer)
 * and {@value #REGISTRATION_FILE}: the body of {@code POST /models/{id}/versions} but the run id (flavor
 * {@code dl4j}, the artifact path and a signature the model server accepts: one {@code double} input per feature
 * column, one {@code float} output per class, or one {@code double} output named after a regression's label).
 */
public final class Dl4jTrainer {

    static final String MODEL_FILE = "model.zip";
    static final String REGISTRATION_FILE = ModelRegistration.FILE;

    /** Receives each epoch's metrics, e.g. {@code loss}, {@code accuracy}, {@code val_loss}, {@code val_accuracy}. */
    public interface EpochListener {
        void epoch(int epoch, Map<String, Double> metrics);
    }

    /** What training produced; {@code classes} is empty for a regression. */
    public record Result(List<String> features, List<String> classes, Map<String, Double> lastMetrics,
                         Path model, Path registration) {
    }

    private Dl4jTrainer() {
    }

    public static Result train(String configurationJson, Path csv, TrainingParams params, Path outputDir,
                               EpochListener listener) throws IOException {
        Network network = Network.fromJson(configurationJson);
        CsvTable table = CsvTable.read(csv);
        int labelIndex = params.labelColumn() == null ? table.header().size() - 1 : table.column(params.labelColumn());
        List<String> features = new ArrayList<>(table.header());
        features.remove(labelIndex);
        boolean regression = params.regression();
        List<String> classes = regression ? List.of() : classes(table, labelIndex);
        network.check(features.size(), classes.size(), regression);

        DataSet all = dataSet(table, labelIndex, classes, regression, network.dataType());
        all.shuffle(params.seed());
        DataSet train = all;
        DataSet validation = null;
        int held = (int) Math.round(all.numExamples() * params.validationFraction());
        if (held > 0 && held < all.numExamples()) {
            SplitTestAndTrain split = all.splitTestAndTrain(all.numExamples() - held);
            train = split.getTrain();
            validation = split.getTest();
        }
        DataNormalization normalizer = params.normalize().normalizer();
        if (normalizer != null) {
            normalizer.fit(train);
            normalizer.transform(train);
            if (validation != null) {
                normalizer.transform(validation);
            }
        }

        network.init(params.seed());
        Map<String, Double> metrics = Map.of();
        for (int epoch = 1; epoch <= params.epochs(); epoch++) {
            train.shuffle(params.seed() + epoch);
            for (DataSet batch : train.batchBy(params.batchSize())) {
                network.fit(batch);
            }
            metrics = new LinkedHashMap<>();
            evaluate(network, train, classes.size(), regression, "", metrics);
            if (validation != null) {
                evaluate(network, validation, classes.size(), regression, "val_", metrics);
            }
            listener.epoch(epoch, metrics);
        }

        Files.createDirectories(outputDir);
        Path model = outputDir.resolve(MODEL_FILE);
        network.save(model.toFile(), normalizer);
        String label = table.header().get(labelIndex);
        Path registration = ModelRegistration.write(outputDir, regression
                ? regressionRegistration(network.kind(), features, label, params.normalize())
                : registration(network.kind(), features, classes, label, params.normalize()));
        return new Result(features, classes, metrics, model, registration);
    }

    /** The registry's version request without the run id: artifact path, flavor and signature. */
    static Map<String, Object> registration(String kind, List<String> features, List<String> classes, String label,
                                            TrainingParams.Normalize normalize) {
        return body(features, classes.stream().map(name -> ModelRegistration.column(name, "float")).toList(),
                "DL4J " + kind + " classifying '" + label + "' (" + String.join(", ", classes) + ") from "
                        + String.join(", ", features) + scaling(normalize));
    }

    /** A regression's request: one {@code double} output named after the label column. */
    static Map<String, Object> regressionRegistration(String kind, List<String> features, String label,
                                                      TrainingParams.Normalize normalize) {
        return body(features, List.of(ModelRegistration.column(label, "double")),
                "DL4J " + kind + " regressing '" + label + "' on " + String.join(", ", features) + scaling(normalize));
    }

    private static Map<String, Object> body(List<String> features, List<Map<String, String>> outputs,
                                            String description) {
        return ModelRegistration.body(MODEL_FILE, "dl4j",
                features.stream().map(name -> ModelRegistration.column(name, "double")).toList(), outputs, description);
    }

    private static String scaling(TrainingParams.Normalize normalize) {
        switch (normalize) {
            case STANDARDIZE:
                return "; features standardized by the normalizer stored in the model";
            case MINMAX:
                return "; features min-max scaled by the normalizer stored in the model";
            default:
                return "";
        }
    }

    /** Adds {@code loss} and {@code accuracy} (regression: {@code loss}, {@code rmse}, {@code mae}), prefixed. */
    private static void evaluate(Network network, DataSet data, int classes, boolean regression, String prefix,
                                 Map<String, Double> metrics) {
        metrics.put(prefix + "loss", network.score(data));
        INDArray output = network.output(data.getFeatures());
        if (regression) {
            INDArray error = output.castTo(DataType.DOUBLE).sub(data.getLabels().castTo(DataType.DOUBLE));
            metrics.put(prefix + "rmse", Math.sqrt(Transforms.pow(error, 2).meanNumber().doubleValue()));
            metrics.put(prefix + "mae", Transforms.abs(error).meanNumber().doubleValue());
        } else {
            Evaluation evaluation = new Evaluation(classes);
            evaluation.eval(data.getLabels(), output);
            metrics.put(prefix + "accuracy", evaluation.accuracy());
        }
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

    /** Features in column order; one-hot classes, or a regression's label value (which must be a number). */
    private static DataSet dataSet(CsvTable table, int labelIndex, List<String> classes, boolean regression,
                                   DataType type) {
        int rows = table.rows().size();
        int columns = table.header().size();
        double[][] x = new double[rows][columns - 1];
        double[][] y = new double[rows][regression ? 1 : classes.size()];
        for (int r = 0; r < rows; r++) {
            List<String> row = table.rows().get(r);
            int f = 0;
            for (int c = 0; c < columns; c++) {
                if (c == labelIndex && regression) {
                    y[r][0] = number(table, r, c, "a regression's label must be numeric");
                } else if (c == labelIndex) {
                    y[r][classes.indexOf(row.get(c))] = 1;
                } else {
                    x[r][f++] = number(table, r, c, "features must be numeric");
                }
            }
        }
        DataType dataType = type == null ? DataType.FLOAT : type;
        return new DataSet(Nd4j.create(x).castTo(dataType), Nd4j.create(y).castTo(dataType));
    }

    private static double number(CsvTable table, int r, int c, String rule) {
        String value = table.rows().get(r).get(c);
        try {
            double number = Double.parseDouble(value);
            if (Double.isFinite(number)) {
                return number;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException("Row " + (r + 1) + ", column '" + table.header().get(c) + "': '" + value
                + "' is not a number (" + rule + ")");
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
