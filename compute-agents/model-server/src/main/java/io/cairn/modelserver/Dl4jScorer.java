package io.cairn.modelserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
import org.nd4j.linalg.dataset.api.preprocessor.Normalizer;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The {@code dl4j} flavor: a {@link MultiLayerNetwork} or {@link ComputationGraph} zip written by
 * {@link ModelSerializer}. Every input column is numeric (booleans count as 0/1) and feeds one feature, in
 * signature order; the network's output row (a graph's outputs side by side) maps onto the signature's output
 * columns — one per output unit, or a single column holding the whole row as a list, or {@code output} when
 * the signature names none. A graph takes exactly one input array. A normalizer stored in the zip
 * ({@code ModelSerializer.addNormalizerToModel}, e.g. the {@code dl4j} trainer's {@code normalize} parameter) scales
 * the incoming rows before the forward pass, so raw rows score as the network was trained.
 */
final class Dl4jScorer implements Scorer {

    private final Object lock = new Object();
    private final MultiLayerNetwork network;
    private final ComputationGraph graph;
    private final DataNormalization normalizer;
    private final DataType dataType;
    private final int width;
    private final List<String> outputs;
    private final boolean packed;

    private Dl4jScorer(MultiLayerNetwork network, ComputationGraph graph, DataNormalization normalizer,
                       Signature signature) {
        this.network = network;
        this.graph = graph;
        this.normalizer = normalizer;
        this.dataType = network != null ? network.params().dataType() : graph.params().dataType();
        this.width = signature.inputs().size();
        int units = (int) predict(Nd4j.zeros(dataType, 1, width)).size(1);
        List<String> named = signature.outputs().stream().map(Signature.Column::name).toList();
        if (named.size() == units) {
            this.outputs = named;
            this.packed = false;
        } else if (named.size() <= 1) {
            this.outputs = named.isEmpty() ? List.of("output") : named;
            this.packed = true;
        } else {
            throw new ModelLoadException("The network has " + units + " output units but the signature names "
                    + named.size() + " output columns; name one per unit, or one column for the whole row");
        }
    }

    static Dl4jScorer load(Path zip, Signature signature) {
        for (Signature.Column column : signature.inputs()) {
            if (!Signature.NUMERIC_TYPES.contains(column.type())) {
                throw new ModelLoadException("A dl4j model takes numeric inputs; column '" + column.name() + "' is "
                        + column.type());
            }
        }
        try {
            boolean isGraph = isComputationGraph(zip);
            DataNormalization normalizer = normalizer(zip);
            Dl4jScorer scorer;
            if (isGraph) {
                ComputationGraph graph = ModelSerializer.restoreComputationGraph(zip.toFile(), false);
                if (graph.getNumInputArrays() != 1) {
                    throw new ModelLoadException("A ComputationGraph with " + graph.getNumInputArrays()
                            + " inputs cannot be served; the model server feeds one input array");
                }
                scorer = new Dl4jScorer(null, graph, normalizer, signature);
            } else {
                scorer = new Dl4jScorer(ModelSerializer.restoreMultiLayerNetwork(zip.toFile(), false), null,
                        normalizer, signature);
            }
            return scorer;
        } catch (IOException e) {
            throw new ModelLoadException("Cannot read the DL4J model zip: " + e.getMessage(), e);
        } catch (ModelLoadException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ModelLoadException("The DL4J model does not load or does not take " + signature.inputs().size()
                    + " input features (one per signature input): " + e.getMessage(), e);
        }
    }

    /** The zip's feature normalizer, or null when it has none; only single-array normalizers can be applied. */
    static DataNormalization normalizer(Path zip) throws IOException {
        Normalizer<?> normalizer = ModelSerializer.restoreNormalizerFromFile(zip.toFile());
        if (normalizer == null || normalizer instanceof DataNormalization) {
            return (DataNormalization) normalizer;
        }
        throw new ModelLoadException("The model zip's normalizer (" + normalizer.getClass().getSimpleName()
                + ") scales several input arrays; the model server feeds one");
    }

    /** A graph's configuration lists vertices; a MultiLayerNetwork's lists layer confs. */
    static boolean isComputationGraph(Path zip) throws IOException {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            ZipEntry entry = file.getEntry("configuration.json");
            if (entry == null) {
                throw new ModelLoadException("Not a DL4J model zip: it has no configuration.json");
            }
            try (InputStream in = file.getInputStream(entry)) {
                JsonNode configuration = new ObjectMapper().readTree(in);
                return configuration.has("vertices");
            }
        }
    }

    @Override
    public List<String> outputs() {
        return outputs;
    }

    @Override
    public List<Map<String, Object>> score(ScoringRequest request) {
        Object[][] rows = request.rows();
        INDArray input = features(rows);
        if (normalizer != null) {
            normalizer.transform(input);
        }
        INDArray output = predict(input);
        List<Map<String, Object>> predictions = new ArrayList<>(rows.length);
        int units = (int) output.size(1);
        for (int r = 0; r < rows.length; r++) {
            Map<String, Object> prediction = new LinkedHashMap<>();
            if (packed) {
                List<Object> values = new ArrayList<>(units);
                for (int u = 0; u < units; u++) {
                    values.add(value(output, r, u));
                }
                prediction.put(outputs.get(0), values);
            } else {
                for (int u = 0; u < units; u++) {
                    prediction.put(outputs.get(u), value(output, r, u));
                }
            }
            predictions.add(prediction);
        }
        return predictions;
    }

    /**
     * The rows as one array of the network's data type, made straight from Java values: a double array cast to
     * float on the ND4J side cost an extra array and an extra op per request (both rounding to nearest, so the
     * values are the same).
     */
    private INDArray features(Object[][] rows) {
        long[] shape = {rows.length, width};
        if (dataType == DataType.FLOAT) {
            float[] features = new float[rows.length * width];
            for (int r = 0; r < rows.length; r++) {
                for (int c = 0; c < width; c++) {
                    features[r * width + c] = (float) number(rows[r][c]);
                }
            }
            return Nd4j.create(features, shape, 'c');
        }
        double[] features = new double[rows.length * width];
        for (int r = 0; r < rows.length; r++) {
            for (int c = 0; c < width; c++) {
                features[r * width + c] = number(rows[r][c]);
            }
        }
        INDArray input = Nd4j.create(features, shape, 'c');
        return dataType == DataType.DOUBLE ? input : input.castTo(dataType);
    }

    /** One forward pass in inference mode; DL4J networks are not safe for concurrent use, so one at a time. */
    private INDArray predict(INDArray features) {
        synchronized (lock) {
            if (network != null) {
                return network.output(features, false);
            }
            INDArray[] outs = graph.output(false, features);
            return outs.length == 1 ? outs[0] : Nd4j.hstack(outs);
        }
    }

    private Object value(INDArray output, int row, int unit) {
        return output.dataType() == DataType.DOUBLE ? (Object) output.getDouble(row, unit)
                : (Object) output.getFloat(row, unit);
    }

    private static double number(Object value) {
        if (value instanceof Boolean) {
            return ((Boolean) value) ? 1.0 : 0.0;
        }
        return ((Number) value).doubleValue();
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (network != null) {
                network.close();
            } else {
                graph.close();
            }
        }
    }
}
