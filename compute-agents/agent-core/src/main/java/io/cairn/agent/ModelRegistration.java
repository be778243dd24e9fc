package io.cairn.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The registration request a trainer leaves beside its model ({@value #FILE}): the body of
 * {@code POST /models/{id}/versions} but the run id — the artifact path among the run's artifacts, the flavor the
 * model server loads, the signature and a description.
 */
public final class ModelRegistration {

    public static final String FILE = "registration.json";

    private ModelRegistration() {
    }

    /** The request for {@code model/<modelFile>}; inputs and outputs are {@link #column}s. */
    public static Map<String, Object> body(String modelFile, String flavor, List<Map<String, String>> inputs,
                                           List<Map<String, String>> outputs, String description) {
        Map<String, Object> signature = new LinkedHashMap<>();
        signature.put("inputs", inputs);
        signature.put("outputs", outputs);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("artifactPath", TrainingExecution.ARTIFACT_DIR + modelFile);
        body.put("flavor", flavor);
        body.put("signature", signature);
        body.put("description", description);
        return body;
    }

    /** One signature column. */
    public static Map<String, String> column(String name, String type) {
        Map<String, String> column = new LinkedHashMap<>();
        column.put("name", name);
        column.put("type", type);
        return column;
    }

    /** Writes the request to {@value #FILE} in {@code outputDir}. */
    public static Path write(Path outputDir, Map<String, Object> body) throws IOException {
        Path file = outputDir.resolve(FILE);
        Files.writeString(file, JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(body));
        return file;
    }
}
