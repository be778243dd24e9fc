package io.cairn.agent.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class SparkParamsTest {

    private static final List<String> IRIS = List.of("sepal_length", "sepal_width", "petal_length", "petal_width",
            "species");

    @Test
    void defaultsTrainOnEveryColumnButTheLastOne() {
        SparkParams params = SparkParams.from(Map.of());
        assertThat(params).isEqualTo(new SparkParams(null, null, 100, 0, 0, 0.8, 42, false));
        SparkParams.Columns columns = params.columns(IRIS);
        assertThat(columns.label()).isEqualTo("species");
        assertThat(columns.features()).containsExactly("sepal_length", "sepal_width", "petal_length", "petal_width");
    }

    @Test
    void namedColumnsAndRegressionParameters() {
        SparkParams params = SparkParams.from(Map.of("labelColumn", " species ", "featureColumns",
                "petal_length, petal_width", "maxIter", "20", "regParam", "0.01", "elasticNetParam", "0.5",
                "trainFraction", "0.7", "seed", "7", "scaleFeatures", "true"));
        assertThat(params).isEqualTo(new SparkParams("species", List.of("petal_length", "petal_width"), 20, 0.01, 0.5,
                0.7, 7, true));
        assertThat(params.columns(IRIS).features()).containsExactly("petal_length", "petal_width");
        assertThat(SparkParams.from(Map.of("labelColumn", "sepal_length")).columns(IRIS).features())
                .containsExactly("sepal_width", "petal_length", "petal_width", "species");
    }

    @Test
    void badParametersAreRefusedWithTheirName() {
        assertThatThrownBy(() -> SparkParams.from(Map.of("maxIter", "0")))
                .hasMessage("Parameter maxIter must be between 1 and 10000; got 0");
        assertThatThrownBy(() -> SparkParams.from(Map.of("maxIter", "ten")))
                .hasMessage("Parameter maxIter must be a whole number; got 'ten'");
        assertThatThrownBy(() -> SparkParams.from(Map.of("trainFraction", "1")))
                .hasMessage("Parameter trainFraction must be above 0 and below 1; got 1");
        assertThatThrownBy(() -> SparkParams.from(Map.of("elasticNetParam", "1.5")))
                .hasMessage("Parameter elasticNetParam must be between 0 and 1; got 1.5");
        assertThatThrownBy(() -> SparkParams.from(Map.of("regParam", "-1")))
                .hasMessage("Parameter regParam must be at least 0; got -1");
        assertThatThrownBy(() -> SparkParams.from(Map.of("scaleFeatures", "yes")))
                .hasMessage("Parameter scaleFeatures must be true or false; got 'yes'");
        assertThatThrownBy(() -> SparkParams.from(Map.of("featureColumns", "a,b,a")))
                .hasMessageContaining("names a column twice");
        assertThatThrownBy(() -> SparkParams.from(Map.of("labelColumn", "a", "featureColumns", "a,b")))
                .hasMessage("The label column 'a' cannot be a feature too");
    }

    @Test
    void columnsMustBeInTheCsv() {
        assertThatThrownBy(() -> SparkParams.from(Map.of("labelColumn", "kind")).columns(IRIS))
                .hasMessage("The label column 'kind' is not in the CSV (columns: sepal_length, sepal_width, "
                        + "petal_length, petal_width, species)");
        assertThatThrownBy(() -> SparkParams.from(Map.of("featureColumns", "petal_area")).columns(IRIS))
                .hasMessageStartingWith("The feature column 'petal_area' is not in the CSV");
        assertThatThrownBy(() -> SparkParams.from(Map.of()).columns(List.of("prediction", "y")))
                .hasMessageContaining("'prediction' is reserved");
        assertThatThrownBy(() -> SparkParams.from(Map.of()).columns(List.of("y")))
                .hasMessage("The CSV has no feature column besides the label 'y'");
    }

    @Test
    void theMasterIsTheTargetsElseLocalWithTheCpuRequest() {
        JsonMapper json = JsonMapper.builder().build();
        assertThat(SparkExecution.master(null, json.readTree("{}"))).isEqualTo("local[1]");
        assertThat(SparkExecution.master("", json.readTree("{\"environment\": {\"resources\": {\"cpu\": 1.5}}}")))
                .isEqualTo("local[2]");
        assertThat(SparkExecution.master("spark://spark:7077",
                json.readTree("{\"environment\": {\"resources\": {\"cpu\": 4}}}"))).isEqualTo("spark://spark:7077");
        assertThat(SparkTrainer.localCores("local[3]")).isEqualTo(3);
        assertThat(SparkTrainer.localCores("local")).isEqualTo(1);
        assertThat(SparkTrainer.localCores("k8s://https://kube:6443")).isEqualTo(8);
    }

    @Test
    void theEntrypointIsTheBuiltInJobOrEmpty() {
        SparkExecution.checkEntrypoint("");
        SparkExecution.checkEntrypoint(" logistic-regression ");
        assertThatThrownBy(() -> SparkExecution.checkEntrypoint("com.example.MyJob"))
                .hasMessage("The spark executor runs the built-in job 'logistic-regression' (entrypoint empty or "
                        + "'logistic-regression'); got 'com.example.MyJob'");
    }

    @Test
    void theRegistrationRequestNamesTheZippedPipelineAndItsSignature() {
        Map<String, Object> body = SparkTrainer.registration(new SparkParams.Columns("species",
                List.of("petal_length", "petal_width")), List.of("setosa", "versicolor"));
        assertThat(JsonMapper.builder().build().writeValueAsString(body)).isEqualTo("{\"artifactPath\":"
                + "\"model/pipeline.zip\",\"flavor\":\"spark-ml\",\"signature\":{\"inputs\":["
                + "{\"name\":\"petal_length\",\"type\":\"double\"},{\"name\":\"petal_width\",\"type\":\"double\"}],"
                + "\"outputs\":[{\"name\":\"predictedLabel\",\"type\":\"string\"},"
                + "{\"name\":\"prediction\",\"type\":\"double\"},{\"name\":\"probability\",\"type\":\"double\"}]},"
                + "\"description\":\"Spark ML logistic regression classifying 'species' (setosa, versicolor) from "
                + "petal_length, petal_width\"}");
    }
}
