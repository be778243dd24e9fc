package io.cairn.mlflow.web;

import io.cairn.dataset.query.DatasetReadModel;
import io.cairn.dataset.query.DatasetView;
import io.cairn.run.api.DatasetInput;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * MLflow datasets and Cairn dataset versions, both ways: the URI a logged MLflow dataset's source becomes, and the
 * MLflow view (name, digest, source type, source) of a run's input.
 */
@Component
class MlflowDatasets {

    static final String DIGEST_PREFIX = "mlflow:";
    private static final String SOURCE_SCHEME = "mlflow-source:";

    private final DatasetReadModel datasets;
    private final JsonMapper json;

    MlflowDatasets(DatasetReadModel datasets, JsonMapper json) {
        this.datasets = datasets;
        this.json = json;
    }

    /**
     * The URI of an MLflow dataset source: the {@code uri}, {@code url} or {@code path} MLflow's source JSON names
     * (a path becomes a {@code file:} URI), else {@code mlflow-source:<source_type>} for sources without one (code,
     * in-memory data frames).
     */
    String sourceUri(String sourceType, String source) {
        if (source != null && !source.isBlank()) {
            try {
                JsonNode parsed = json.readTree(source);
                for (String field : List.of("uri", "url", "path")) {
                    JsonNode value = parsed.get(field);
                    if (value != null && value.isString() && !value.asString().isBlank()) {
                        String text = value.asString();
                        if (absolute(text)) {
                            return text;
                        }
                        if (field.equals("path")) {
                            return java.nio.file.Path.of(text).toAbsolutePath().normalize().toUri().toString();
                        }
                    }
                }
            } catch (JacksonException | java.nio.file.InvalidPathException notJsonOrNotAPath) {
                // fall through: a source MLflow did not describe with a URI
            }
        }
        String type = sourceType == null || sourceType.isBlank() ? "unknown" : sourceType;
        return SOURCE_SCHEME + URLEncoder.encode(type, StandardCharsets.UTF_8);
    }

    private static boolean absolute(String text) {
        try {
            return new URI(text).getScheme() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** A run's input as MLflow shows it: the dataset's name, the client's digest, and where the data came from. */
    MlflowViews.Dataset view(String tenantId, DatasetInput input) {
        DatasetView.Version version = datasets.version(tenantId, input.datasetVersionId());
        String digest = version.digest().startsWith(DIGEST_PREFIX)
                ? version.digest().substring(DIGEST_PREFIX.length()) : version.digest();
        String uri = version.uri();
        if (uri.startsWith(SOURCE_SCHEME)) {
            return new MlflowViews.Dataset(datasets.nameOf(tenantId, version.datasetId()), digest,
                    URLDecoder.decode(uri.substring(SOURCE_SCHEME.length()), StandardCharsets.UTF_8), "{}");
        }
        String scheme = URI.create(uri).getScheme();
        return new MlflowViews.Dataset(datasets.nameOf(tenantId, version.datasetId()), digest,
                "file".equals(scheme) ? "local" : scheme, json.writeValueAsString(Map.of("uri", uri)));
    }
}
