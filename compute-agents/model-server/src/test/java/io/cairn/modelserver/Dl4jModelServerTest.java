package io.cairn.modelserver;

import static io.cairn.modelserver.HttpCalls.assertProblem;
import static io.cairn.modelserver.HttpCalls.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerMinMaxScaler;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;

/** DL4J models trained here, saved as zips, served over HTTP and scored: predictions equal the model's own. */
class Dl4jModelServerTest {

    @TempDir
    static Path dir;

    static MultiLayerNetwork mlp;
    static ComputationGraph graph;
    static ModelServer mlpServer;
    static ModelServer graphServer;
    static HttpCalls mlpCalls;
    static HttpCalls graphCalls;

    @BeforeAll
    static void serveModels() throws Exception {
        mlp = ModelMother.trainedMlp();
        graph = ModelMother.trainedGraph();
        Path mlpZip = ModelMother.save(mlp, dir.resolve("mlp.zip"));
        Path graphZip = ModelMother.save(graph, dir.resolve("graph.zip"));
        ServerConfig config = ServerConfig.defaults(dir.resolve("work")).withPort(0).withMaxRows(100);
        mlpServer = ModelServer.start(config, () -> ModelLoader.fromPath(mlpZip, "dl4j",
                ModelMother.irisSignature(), config.workDir()));
        Signature packed = new Signature(ModelMother.irisSignature().inputs(),
                List.of(new Signature.Column("species", "float")));
        graphServer = ModelServer.start(config, () -> ModelLoader.fromPath(graphZip, "dl4j", packed,
                config.workDir()));
        mlpServer.awaitReady(Duration.ofMinutes(1));
        graphServer.awaitReady(Duration.ofMinutes(1));
        mlpCalls = new HttpCalls(mlpServer.port());
        graphCalls = new HttpCalls(graphServer.port());
    }

    @AfterAll
    static void stop() {
        mlpServer.close();
        graphServer.close();
    }

    @Test
    void multiLayerNetworkPredictionsEqualTheModelsOwnOutput() {
        double[][] features = ModelMother.features(20, 99);
        HttpCalls.Response response = mlpCalls.score(rows(ModelMother.keyedRows(features)));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode predictions = response.json().get("predictions");
        assertThat(predictions).hasSize(20);
        assertPredictions(predictions, mlp.output(ModelMother.matrix(features)));
        JsonNode model = response.json().get("model");
        assertThat(model.get("flavor").asText()).isEqualTo("dl4j");
    }

    @Test
    void theModelLearnedTheClasses() {
        double[][] features = ModelMother.features(30, 5);
        JsonNode predictions = mlpCalls.score(rows(ModelMother.keyedRows(features))).json().get("predictions");
        int correct = 0;
        for (int r = 0; r < features.length; r++) {
            correct += best(predictions.get(r)) == ModelMother.label(r) ? 1 : 0;
        }
        assertThat(correct).isGreaterThanOrEqualTo(27);
    }

    @Test
    void positionalInputsScoreLikeKeyedRows() {
        double[][] features = ModelMother.features(3, 11);
        List<List<Double>> inputs = new ArrayList<>();
        for (double[] row : features) {
            inputs.add(List.of(row[0], row[1], row[2], row[3]));
        }
        HttpCalls.Response positional = mlpCalls.score(Map.of("inputs", inputs));
        HttpCalls.Response keyed = mlpCalls.score(rows(ModelMother.keyedRows(features)));

        assertThat(positional.status()).isEqualTo(200);
        assertThat(positional.json().get("predictions")).isEqualTo(keyed.json().get("predictions"));
    }

    @Test
    void computationGraphPredictionsEqualTheGraphsOwnOutputInOnePackedColumn() {
        double[][] features = ModelMother.features(10, 3);
        HttpCalls.Response response = graphCalls.score(rows(ModelMother.keyedRows(features)));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        INDArray expected = graph.outputSingle(ModelMother.matrix(features));
        JsonNode predictions = response.json().get("predictions");
        for (int r = 0; r < features.length; r++) {
            JsonNode species = predictions.get(r).get("species");
            assertThat(species).hasSize(3);
            for (int c = 0; c < 3; c++) {
                assertThat((float) species.get(c).doubleValue()).isEqualTo(expected.getFloat(r, c));
            }
        }
    }

    @Test
    void aNormalizerInTheZipScalesRawRowsBeforeTheNetwork() throws Exception {
        NormalizerStandardize standardize = new NormalizerStandardize();
        MultiLayerNetwork scaledMlp = ModelMother.trainedMlp(standardize);
        NormalizerMinMaxScaler minMax = new NormalizerMinMaxScaler();
        ComputationGraph scaledGraph = ModelMother.trainedGraph(minMax);
        Path mlpZip = ModelMother.save(scaledMlp, standardize, dir.resolve("scaled-mlp.zip"));
        Path graphZip = ModelMother.save(scaledGraph, minMax, dir.resolve("scaled-graph.zip"));
        double[][] features = ModelMother.features(15, 21);
        INDArray raw = ModelMother.matrix(features);

        ServerConfig config = ServerConfig.defaults(dir.resolve("work")).withPort(0);
        try (ModelServer mlpServer = ModelServer.start(config, () -> ModelLoader.fromPath(mlpZip, "dl4j",
                ModelMother.irisSignature(), config.workDir()));
             ModelServer graphServer = ModelServer.start(config, () -> ModelLoader.fromPath(graphZip, "dl4j",
                     ModelMother.irisSignature(), config.workDir()))) {
            mlpServer.awaitReady(Duration.ofMinutes(1));
            graphServer.awaitReady(Duration.ofMinutes(1));
            JsonNode mlpPredictions = scoreRaw(mlpServer, features);
            JsonNode graphPredictions = scoreRaw(graphServer, features);

            assertPredictions(mlpPredictions, scaledMlp.output(scaled(raw, standardize)));
            assertPredictions(graphPredictions, scaledGraph.outputSingle(scaled(raw, minMax)));
            // the raw rows alone would not give these predictions: the server applied the normalizer
            assertThat((float) mlpPredictions.get(0).get("setosa").doubleValue())
                    .isNotEqualTo(scaledMlp.output(raw).getFloat(0, 0));
            int correct = 0;
            for (int r = 0; r < features.length; r++) {
                correct += best(mlpPredictions.get(r)) == ModelMother.label(r) ? 1 : 0;
            }
            assertThat(correct).isGreaterThanOrEqualTo(13);
        }
    }

    private static JsonNode scoreRaw(ModelServer server, double[][] features) {
        HttpCalls.Response response = new HttpCalls(server.port()).score(rows(ModelMother.keyedRows(features)));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().get("predictions");
    }

    private static INDArray scaled(INDArray raw, DataNormalization normalizer) {
        INDArray scaled = raw.dup();
        normalizer.transform(scaled);
        return scaled;
    }

    private static void assertPredictions(JsonNode predictions, INDArray expected) {
        List<String> classes = List.of("setosa", "versicolor", "virginica");
        assertThat(predictions).hasSize((int) expected.size(0));
        for (int r = 0; r < expected.size(0); r++) {
            for (int c = 0; c < classes.size(); c++) {
                assertThat((float) predictions.get(r).get(classes.get(c)).doubleValue())
                        .isEqualTo(expected.getFloat(r, c));
            }
        }
    }

    private static int best(JsonNode prediction) {
        double[] p = {prediction.get("setosa").asDouble(), prediction.get("versicolor").asDouble(),
                prediction.get("virginica").asDouble()};
        return p[0] >= p[1] && p[0] >= p[2] ? 0 : p[1] >= p[2] ? 1 : 2;
    }

    @Test
    void integerAndBooleanInputsFeedNumbers() {
        Map<String, Object> row = new LinkedHashMap<>(ModelMother.keyedRows(new double[][] {{5, 3, 1, 0}}).get(0));
        row.put("sepal_length", 5);
        HttpCalls.Response response = mlpCalls.score(rows(List.of(row)));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    @Test
    void rowsViolatingTheSignatureAreRefusedNamingTheField() {
        List<Map<String, Object>> valid = ModelMother.keyedRows(ModelMother.features(5, 1));

        List<Map<String, Object>> missing = copy(valid);
        missing.get(3).remove("sepal_length");
        assertProblem(mlpCalls.score(rows(missing)), 400, "rows[3].sepal_length", "Missing column 'sepal_length'");

        List<Map<String, Object>> wrongType = copy(valid);
        wrongType.get(2).put("petal_width", "wide");
        assertProblem(mlpCalls.score(rows(wrongType)), 400, "rows[2].petal_width",
                "is a finite number (double); got a string");

        List<Map<String, Object>> extra = copy(valid);
        extra.get(1).put("colour", 1.0);
        assertProblem(mlpCalls.score(rows(extra)), 400, "rows[1].colour", "Unknown column 'colour'");

        List<Map<String, Object>> nulls = copy(valid);
        nulls.get(0).put("sepal_width", null);
        assertProblem(mlpCalls.score(rows(nulls)), 400, "rows[0].sepal_width", "must not be null");

        List<Map<String, Object>> tooMany = ModelMother.keyedRows(ModelMother.features(101, 1));
        assertProblem(mlpCalls.score(rows(tooMany)), 400, "rows", "At most 100 rows per request; got 101");

        assertProblem(mlpCalls.score(rows(List.of())), 400, "rows", "is empty");
        assertProblem(mlpCalls.score(Map.of("inputs", List.of(List.of(1.0, 2.0)))), 400, "inputs[0]",
                "got 2");
        assertProblem(mlpCalls.score(Map.of("rows", valid, "extra", 1)), 400, "extra", "Unknown field 'extra'");
        assertProblem(mlpCalls.score("{\"rows\": ["), 400, null, "Malformed JSON");
        assertProblem(mlpCalls.score("[]"), 400, null, "JSON object");
    }

    @Test
    void otherRequestsAnswerProblems() {
        assertProblem(mlpCalls.get("/v1/score"), 405, null, "use POST");
        assertProblem(mlpCalls.get("/nope"), 404, null, "No resource GET /nope");
        HttpCalls.Response text = mlpCalls.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + mlpServer.port() + "/v1/score"))
                .header("Content-Type", "text/plain")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("x")));
        assertProblem(text, 415, null, "Send application/json");
    }

    @Test
    void healthMetadataAndMetricsDescribeTheServer() {
        assertThat(mlpCalls.get("/health/live").status()).isEqualTo(200);
        HttpCalls.Response ready = mlpCalls.get("/health/ready");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().get("status").asText()).isEqualTo("READY");

        JsonNode model = mlpCalls.get("/v1/model").json();
        assertThat(model.get("flavor").asText()).isEqualTo("dl4j");
        assertThat(model.get("artifactSha256").asText()).hasSize(64);
        assertThat(model.get("signature").get("inputs")).hasSize(4);
        assertThat(model.get("outputs").toString()).isEqualTo("[\"setosa\",\"versicolor\",\"virginica\"]");

        mlpCalls.score(rows(ModelMother.keyedRows(ModelMother.features(2, 1))));
        mlpCalls.score(rows(List.of()));
        JsonNode stats = mlpCalls.get("/v1/stats").json();
        assertThat(stats.get("ok").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(stats.get("invalid").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(stats.get("rows").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(stats.get("latencyMs").get("p99").asDouble()).isPositive();
        String prometheus = mlpCalls.get("/metrics").body();
        assertThat(prometheus).contains("cairn_model_server_requests_total{outcome=\"ok\"}")
                .contains("cairn_model_server_latency_seconds{quantile=\"0.99\"}");
    }

    @Test
    void aSignatureThatDoesNotFitTheNetworkIsRefusedAtLoad() {
        Path zip = dir.resolve("mlp.zip");
        Signature threeInputs = new Signature(ModelMother.irisSignature().inputs().subList(0, 3), List.of());
        assertThatThrownBy(() -> ModelLoader.fromPath(zip, "dl4j", threeInputs, dir))
                .isInstanceOf(ModelLoadException.class).hasMessageContaining("3 input features");

        Signature twoOutputs = new Signature(ModelMother.irisSignature().inputs(),
                List.of(new Signature.Column("a", "float"), new Signature.Column("b", "float")));
        assertThatThrownBy(() -> ModelLoader.fromPath(zip, "dl4j", twoOutputs, dir))
                .isInstanceOf(ModelLoadException.class).hasMessageContaining("3 output units");

        Signature text = new Signature(List.of(new Signature.Column("name", "string")), List.of());
        assertThatThrownBy(() -> ModelLoader.fromPath(zip, "dl4j", text, dir))
                .isInstanceOf(ModelLoadException.class).hasMessageContaining("numeric inputs");

        assertThatThrownBy(() -> ModelLoader.fromPath(zip, "generic", ModelMother.irisSignature(), dir))
                .isInstanceOf(ModelLoadException.class).hasMessageContaining("cannot be served");
    }

    @Test
    void aServerWhoseModelFailedIsLiveButNotReady() throws Exception {
        ServerConfig config = ServerConfig.defaults(dir.resolve("work")).withPort(0);
        try (ModelServer broken = ModelServer.start(config, () -> ModelLoader.fromPath(dir.resolve("absent.zip"),
                "dl4j", ModelMother.irisSignature(), dir))) {
            assertThatThrownBy(() -> broken.awaitReady(Duration.ofSeconds(30))).isInstanceOf(ModelLoadException.class);
            HttpCalls calls = new HttpCalls(broken.port());
            assertThat(calls.get("/health/live").status()).isEqualTo(200);
            HttpCalls.Response ready = calls.get("/health/ready");
            assertThat(ready.status()).isEqualTo(503);
            assertThat(ready.json().get("reason").asText()).contains("No model at");
            assertProblem(calls.score(rows(ModelMother.keyedRows(ModelMother.features(1, 1)))), 503, null,
                    "did not load");
        }
    }

    private static List<Map<String, Object>> copy(List<Map<String, Object>> rows) {
        List<Map<String, Object>> copy = new ArrayList<>();
        rows.forEach(row -> copy.add(new LinkedHashMap<>(row)));
        return copy;
    }
}
