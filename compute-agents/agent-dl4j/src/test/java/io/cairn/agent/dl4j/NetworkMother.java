package io.cairn.agent.dl4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Small networks and datasets for the trainer's tests. */
final class NetworkMother {

    private NetworkMother() {
    }

    /** An MLP: {@code inputs} → 8 tanh → {@code classes} softmax, Adam. */
    static String mlp(int inputs, int classes) {
        MultiLayerConfiguration configuration = new NeuralNetConfiguration.Builder()
                .seed(7)
                .weightInit(WeightInit.XAVIER)
                .updater(new Adam(0.05))
                .list()
                .layer(new DenseLayer.Builder().nIn(inputs).nOut(8).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(8).nOut(classes)
                        .activation(Activation.SOFTMAX).build())
                .build();
        return configuration.toJson();
    }

    /** The same MLP as a ComputationGraph: input {@code features} → {@code hidden} → {@code kind}. */
    static String graph(int inputs, int classes) {
        return graphBuilder()
                .addInputs("features")
                .addLayer("hidden", new DenseLayer.Builder().nIn(inputs).nOut(8).activation(Activation.TANH).build(),
                        "features")
                .addLayer("kind", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(8).nOut(classes)
                        .activation(Activation.SOFTMAX).build(), "hidden")
                .setOutputs("kind")
                .build().toJson();
    }

    /** A graph with two inputs merged into one hidden layer: not trainable from one CSV. */
    static String twoInputGraph() {
        return graphBuilder()
                .addInputs("left", "right")
                .addLayer("hidden", new DenseLayer.Builder().nIn(2).nOut(4).activation(Activation.TANH).build(),
                        "left", "right")
                .addLayer("kind", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(4).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "hidden")
                .setOutputs("kind")
                .build().toJson();
    }

    private static ComputationGraphConfiguration.GraphBuilder graphBuilder() {
        return new NeuralNetConfiguration.Builder()
                .seed(7)
                .weightInit(WeightInit.XAVIER)
                .updater(new Adam(0.05))
                .graphBuilder();
    }

    /** A regression MLP: {@code inputs} → 8 tanh → {@code outputs} identity, MSE loss. */
    static String regressionMlp(int inputs, int outputs) {
        MultiLayerConfiguration configuration = new NeuralNetConfiguration.Builder()
                .seed(7)
                .weightInit(WeightInit.XAVIER)
                .updater(new Adam(0.05))
                .list()
                .layer(new DenseLayer.Builder().nIn(inputs).nOut(8).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(8).nOut(outputs)
                        .activation(Activation.IDENTITY).build())
                .build();
        return configuration.toJson();
    }

    /** {@code rows} of {@code a, b, price} with price = 2a − b + 1 + small noise; a and b in [−1, 1]. */
    static Path linear(Path dir, int rows) throws IOException {
        Random random = new Random(5);
        StringBuilder csv = new StringBuilder("a,b,price\n");
        for (int i = 0; i < rows; i++) {
            double a = random.nextDouble() * 2 - 1;
            double b = random.nextDouble() * 2 - 1;
            csv.append(String.format(Locale.ROOT, "%.4f,%.4f,%.4f%n", a, b,
                    2 * a - b + 1 + random.nextGaussian() * 0.02));
        }
        Path file = dir.resolve("linear.csv");
        Files.writeString(file, csv);
        return file;
    }

    /** {@code rows} points around three well-separated centres, labelled {@code a}, {@code b}, {@code c}. */
    static Path blobs(Path dir, int rows) throws IOException {
        Random random = new Random(3);
        StringBuilder csv = new StringBuilder("x,kind,y\n");
        String[] labels = {"b", "a", "c"};
        double[][] centres = {{0, 3}, {3, 0}, {-3, -3}};
        for (int i = 0; i < rows; i++) {
            int k = i % 3;
            csv.append(String.format(Locale.ROOT, "%.3f,%s,%.3f%n", centres[k][0] + random.nextGaussian() * 0.5,
                    labels[k], centres[k][1] + random.nextGaussian() * 0.5));
        }
        Path file = dir.resolve("blobs.csv");
        Files.writeString(file, csv);
        return file;
    }
}
