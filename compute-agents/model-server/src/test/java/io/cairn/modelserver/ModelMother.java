package io.cairn.modelserver;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Test models and data: three Iris-like classes generated around fixed centres (no data file needed), a
 * tiny MLP and a tiny ComputationGraph trained on them in a few milliseconds.
 */
final class ModelMother {

    static final List<String> FEATURES = List.of("sepal_length", "sepal_width", "petal_length", "petal_width");
    static final double[][] CENTRES = {{5.0, 3.4, 1.5, 0.2}, {5.9, 2.8, 4.3, 1.3}, {6.6, 3.0, 5.6, 2.0}};

    private ModelMother() {
    }

    /** {@code {"inputs": four doubles, "outputs": setosa, versicolor, virginica (floats)}}. */
    static Signature irisSignature() {
        return new Signature(FEATURES.stream().map(name -> new Signature.Column(name, "double")).toList(),
                List.of(new Signature.Column("setosa", "float"), new Signature.Column("versicolor", "float"),
                        new Signature.Column("virginica", "float")));
    }

    /** {@code n} feature rows with their class (0, 1, 2 in turn), reproducible from {@code seed}. */
    static double[][] features(int n, long seed) {
        Random random = new Random(seed);
        double[][] rows = new double[n][FEATURES.size()];
        for (int i = 0; i < n; i++) {
            double[] centre = CENTRES[i % 3];
            for (int f = 0; f < centre.length; f++) {
                rows[i][f] = Math.round((centre[f] + random.nextGaussian() * 0.3) * 100) / 100.0;
            }
        }
        return rows;
    }

    static int label(int row) {
        return row % 3;
    }

    static DataSet dataSet(int n) {
        double[][] features = features(n, 7);
        double[][] labels = new double[n][3];
        for (int i = 0; i < n; i++) {
            labels[i][label(i)] = 1.0;
        }
        return new DataSet(Nd4j.create(features).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT),
                Nd4j.create(labels).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT));
    }

    static MultiLayerNetwork trainedMlp() {
        return trainedMlp(null);
    }

    /** The MLP trained on rows scaled by {@code normalizer} (fitted here on them), or on raw rows when null. */
    static MultiLayerNetwork trainedMlp(DataNormalization normalizer) {
        MultiLayerConfiguration configuration = new NeuralNetConfiguration.Builder()
                .seed(42).weightInit(WeightInit.XAVIER).updater(new Adam(0.05))
                .list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(8).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(8).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork network = new MultiLayerNetwork(configuration);
        network.init();
        DataSet data = scaled(dataSet(150), normalizer);
        for (int epoch = 0; epoch < 30; epoch++) {
            network.fit(data);
        }
        return network;
    }

    static ComputationGraph trainedGraph() {
        return trainedGraph(null);
    }

    /** The graph trained on rows scaled by {@code normalizer} (fitted here on them), or on raw rows when null. */
    static ComputationGraph trainedGraph(DataNormalization normalizer) {
        ComputationGraphConfiguration configuration = new NeuralNetConfiguration.Builder()
                .seed(42).weightInit(WeightInit.XAVIER).updater(new Adam(0.05))
                .graphBuilder()
                .addInputs("features")
                .addLayer("hidden", new DenseLayer.Builder().nIn(4).nOut(6).activation(Activation.TANH).build(),
                        "features")
                .addLayer("species", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(6).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "hidden")
                .setOutputs("species")
                .build();
        ComputationGraph graph = new ComputationGraph(configuration);
        graph.init();
        DataSet data = scaled(dataSet(150), normalizer);
        for (int epoch = 0; epoch < 30; epoch++) {
            graph.fit(data);
        }
        return graph;
    }

    private static DataSet scaled(DataSet data, DataNormalization normalizer) {
        if (normalizer != null) {
            normalizer.fit(data);
            normalizer.transform(data);
        }
        return data;
    }

    /** The model zip with {@code normalizer} added to it, as the dl4j trainer writes it. */
    static Path save(org.deeplearning4j.nn.api.Model model, DataNormalization normalizer, Path file)
            throws IOException {
        ModelSerializer.writeModel(model, file.toFile(), false);
        ModelSerializer.addNormalizerToModel(file.toFile(), normalizer);
        return file;
    }

    static Path save(MultiLayerNetwork network, Path file) throws IOException {
        ModelSerializer.writeModel(network, file.toFile(), false);
        return file;
    }

    static Path save(ComputationGraph graph, Path file) throws IOException {
        ModelSerializer.writeModel(graph, file.toFile(), false);
        return file;
    }

    /** The rows as the {@code rows} request format: one object keyed by feature name per row. */
    static List<Map<String, Object>> keyedRows(double[][] features) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (double[] feature : features) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (int f = 0; f < FEATURES.size(); f++) {
                row.put(FEATURES.get(f), feature[f]);
            }
            rows.add(row);
        }
        return rows;
    }

    static INDArray matrix(double[][] features) {
        return Nd4j.create(features).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
    }
}
