package io.cairn.agent.dl4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
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
