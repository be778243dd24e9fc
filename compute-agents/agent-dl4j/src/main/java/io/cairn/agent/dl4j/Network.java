package io.cairn.agent.dl4j;

import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
import org.nd4j.linalg.factory.Nd4j;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The network a {@code dl4j} run trains, from the spec's entrypoint: the JSON of
 * {@link MultiLayerConfiguration#toJson} or of {@link ComputationGraphConfiguration#toJson} (told apart by the
 * graph's {@code vertices} key, as the model server does). A graph must have one input and one output, so both kinds
 * train on the same {@link DataSet}s and score the same way.
 */
abstract class Network {

    /** {@code MultiLayerNetwork} or {@code ComputationGraph}, for logs and the registration's description. */
    abstract String kind();

    abstract DataType dataType();

    /**
     * Refuses a configuration that does not fit the data: the layers reading the input must take {@code features}
     * inputs, the output must be an output layer with {@code outputs} units (one for a regression).
     */
    abstract void check(int features, int outputs, boolean regression);

    /** Seeds every layer and ND4J's random generator, then initialises the parameters. */
    abstract void init(long seed);

    abstract void fit(DataSet batch);

    /** The loss on {@code data}, regularisation included. */
    abstract double score(DataSet data);

    /** One forward pass in inference mode. */
    abstract INDArray output(INDArray features);

    abstract Model model();

    /**
     * The model zip without updater state, with {@code normalizer} (if any) added to it
     * ({@code ModelSerializer.writeModel} with a normalizer fails in 1.0.0-M2.1: its serializer closes the zip stream).
     */
    void save(File file, DataNormalization normalizer) throws IOException {
        ModelSerializer.writeModel(model(), file, false);
        if (normalizer != null) {
            ModelSerializer.addNormalizerToModel(file, normalizer);
        }
    }

    static Network fromJson(String json) {
        JsonNode tree;
        try {
            tree = JsonMapper.builder().build().readTree(json);
        } catch (RuntimeException e) {
            tree = null;
        }
        try {
            if (tree != null && tree.isObject() && tree.has("vertices")) {
                return new Graph(ComputationGraphConfiguration.fromJson(json));
            }
            return new Layers(MultiLayerConfiguration.fromJson(json));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("The entrypoint is not a MultiLayerConfiguration or "
                    + "ComputationGraphConfiguration JSON: " + e.getMessage(), e);
        }
    }

    private static void checkInput(String layer, Layer conf, int features) {
        if (conf instanceof FeedForwardLayer && ((FeedForwardLayer) conf).getNIn() != features) {
            throw new IllegalArgumentException("The " + layer + " takes " + ((FeedForwardLayer) conf).getNIn()
                    + " inputs, but the CSV has " + features + " feature columns");
        }
    }

    private static void checkOutput(String last, String layer, Layer conf, int outputs, boolean regression) {
        if (!(conf instanceof BaseOutputLayer)) {
            throw new IllegalArgumentException("The " + last + " must be an output layer (e.g. OutputLayer with "
                    + (regression ? "MSE loss and identity activation)" : "softmax)"));
        }
        long nOut = ((BaseOutputLayer) conf).getNOut();
        if (regression && nOut != 1) {
            throw new IllegalArgumentException("The " + layer + " has " + nOut
                    + " outputs, but a regression predicts one value (nOut 1)");
        }
        if (!regression && nOut != outputs) {
            throw new IllegalArgumentException("The " + layer + " has " + nOut + " outputs, but the label column has "
                    + outputs + " classes");
        }
    }

    /** A {@link MultiLayerNetwork}. */
    private static final class Layers extends Network {

        private final MultiLayerConfiguration configuration;
        private MultiLayerNetwork network;

        Layers(MultiLayerConfiguration configuration) {
            this.configuration = configuration;
        }

        @Override
        String kind() {
            return "MultiLayerNetwork";
        }

        @Override
        DataType dataType() {
            return configuration.getDataType();
        }

        @Override
        void check(int features, int outputs, boolean regression) {
            List<NeuralNetConfiguration> confs = configuration.getConfs();
            checkInput("first layer", confs.get(0).getLayer(), features);
            checkOutput("last layer", "output layer", confs.get(confs.size() - 1).getLayer(), outputs, regression);
        }

        @Override
        void init(long seed) {
            for (NeuralNetConfiguration layer : configuration.getConfs()) {
                layer.setSeed(seed);
            }
            Nd4j.getRandom().setSeed(seed);
            network = new MultiLayerNetwork(configuration);
            network.init();
        }

        @Override
        void fit(DataSet batch) {
            network.fit(batch);
        }

        @Override
        double score(DataSet data) {
            return network.score(data);
        }

        @Override
        INDArray output(INDArray features) {
            return network.output(features, false);
        }

        @Override
        Model model() {
            return network;
        }
    }

    /** A {@link ComputationGraph} with one input and one output. */
    private static final class Graph extends Network {

        private final ComputationGraphConfiguration configuration;
        private ComputationGraph graph;

        Graph(ComputationGraphConfiguration configuration) {
            this.configuration = configuration;
        }

        @Override
        String kind() {
            return "ComputationGraph";
        }

        @Override
        DataType dataType() {
            return configuration.getDataType();
        }

        @Override
        void check(int features, int outputs, boolean regression) {
            List<String> inputs = configuration.getNetworkInputs();
            if (inputs.size() != 1) {
                throw new IllegalArgumentException("The ComputationGraph has " + inputs.size() + " inputs " + inputs
                        + "; the dl4j executor feeds exactly one (the CSV's feature columns)");
            }
            List<String> outs = configuration.getNetworkOutputs();
            if (outs.size() != 1) {
                throw new IllegalArgumentException("The ComputationGraph has " + outs.size() + " outputs " + outs
                        + "; the dl4j executor trains exactly one (the label column)");
            }
            for (Map.Entry<String, List<String>> vertex : configuration.getVertexInputs().entrySet()) {
                Layer layer = layer(vertex.getKey());
                if (layer != null && vertex.getValue().contains(inputs.get(0))) {
                    checkInput("layer '" + vertex.getKey() + "'", layer, features);
                }
            }
            String output = "graph's output '" + outs.get(0) + "'";
            checkOutput(output, output, layer(outs.get(0)), outputs, regression);
        }

        private Layer layer(String vertex) {
            GraphVertex conf = configuration.getVertices().get(vertex);
            return conf instanceof LayerVertex ? ((LayerVertex) conf).getLayerConf().getLayer() : null;
        }

        @Override
        void init(long seed) {
            configuration.getDefaultConfiguration().setSeed(seed);
            for (GraphVertex vertex : configuration.getVertices().values()) {
                if (vertex instanceof LayerVertex) {
                    ((LayerVertex) vertex).getLayerConf().setSeed(seed);
                }
            }
            Nd4j.getRandom().setSeed(seed);
            graph = new ComputationGraph(configuration);
            graph.init();
        }

        @Override
        void fit(DataSet batch) {
            graph.fit(batch);
        }

        @Override
        double score(DataSet data) {
            return graph.score(data);
        }

        @Override
        INDArray output(INDArray features) {
            return graph.outputSingle(false, features);
        }

        @Override
        Model model() {
            return graph;
        }
    }
}
