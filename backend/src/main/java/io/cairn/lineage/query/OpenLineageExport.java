package io.cairn.lineage.query;

import io.cairn.dataset.api.DatasetField;
import io.cairn.dataset.query.DatasetReadModel;
import io.cairn.dataset.query.DatasetView;
import io.cairn.run.api.DatasetInput;
import io.cairn.run.api.RunStatus;
import io.cairn.run.api.SourceSnapshot;
import io.cairn.run.query.ArtifactView;
import io.cairn.run.query.RunReadModel;
import io.cairn.run.query.RunView;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * A run's lineage as OpenLineage run events (spec 2-0-2), so tools such as Marquez can read it: a START event
 * at the run's start and, once it ended, a COMPLETE, FAIL or ABORT event. The job is the run's project, the
 * inputs are its declared dataset versions (named after their URIs, per OpenLineage's naming conventions) and
 * the outputs its artifacts.
 */
@Component
public class OpenLineageExport {

    public static final String PRODUCER = "https://cairn.dev/cairn";
    public static final String RUN_EVENT_SCHEMA = "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent";
    private static final String SOURCE_FACET_SCHEMA =
            "https://openlineage.io/spec/facets/1-0-1/SourceCodeLocationJobFacet.json#/$defs/SourceCodeLocationJobFacet";
    private static final String VERSION_FACET_SCHEMA =
            "https://openlineage.io/spec/facets/1-0-0/DatasetVersionDatasetFacet.json#/$defs/DatasetVersionDatasetFacet";
    private static final String SCHEMA_FACET_SCHEMA =
            "https://openlineage.io/spec/facets/1-0-0/SchemaDatasetFacet.json#/$defs/SchemaDatasetFacet";
    private static final Pattern HEX_32 = Pattern.compile("[0-9a-f]{32}");
    /** Object stores name datasets by key, without a leading slash. */
    private static final Set<String> OBJECT_STORES = Set.of("s3", "s3a", "s3n", "gs", "gcs", "abfs", "abfss", "wasbs");

    public record RunEvent(String eventType, String eventTime, Run run, Job job, List<Dataset> inputs,
                           List<Dataset> outputs, String producer, String schemaURL) {
    }

    public record Run(String runId, Map<String, Object> facets) {
    }

    public record Job(String namespace, String name, Map<String, Object> facets) {
    }

    public record Dataset(String namespace, String name, Map<String, Object> facets) {
    }

    private final RunReadModel runs;
    private final DatasetReadModel datasets;

    public OpenLineageExport(RunReadModel runs, DatasetReadModel datasets) {
        this.runs = runs;
        this.datasets = datasets;
    }

    public List<RunEvent> events(String tenantId, String runId) {
        RunView view = runs.get(tenantId, runId);
        Run run = new Run(openLineageRunId(tenantId, runId), Map.of());
        Job job = new Job(namespace(tenantId), view.projectId(), jobFacets(view.source()));
        List<Dataset> inputs = new ArrayList<>();
        for (DatasetInput input : view.inputs()) {
            inputs.add(input(datasets.version(tenantId, input.datasetVersionId())));
        }
        List<RunEvent> events = new ArrayList<>();
        events.add(new RunEvent("START", time(view.startTime()), run, job, inputs, List.of(), PRODUCER, RUN_EVENT_SCHEMA));
        if (view.status().isTerminal()) {
            List<Dataset> outputs = new ArrayList<>();
            for (ArtifactView artifact : runs.artifacts(tenantId, runId, null)) {
                outputs.add(new Dataset(namespace(tenantId), "runs/" + runId + "/artifacts/" + artifact.path(),
                        Map.of("version", facet(VERSION_FACET_SCHEMA, "datasetVersion", "sha256:" + artifact.sha256()))));
            }
            events.add(new RunEvent(terminalType(view.status()), time(view.endTime() == null ? view.startTime()
                    : view.endTime()), run, job, inputs, outputs, PRODUCER, RUN_EVENT_SCHEMA));
        }
        return events;
    }

    /** OpenLineage wants a UUID: Cairn's 32-hex run ids are UUIDs without dashes; other ids map to a name UUID. */
    static String openLineageRunId(String tenantId, String runId) {
        if (HEX_32.matcher(runId).matches()) {
            return runId.replaceFirst("(.{8})(.{4})(.{4})(.{4})(.{12})", "$1-$2-$3-$4-$5");
        }
        return UUID.nameUUIDFromBytes((tenantId + "/" + runId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static String namespace(String tenantId) {
        return "cairn://" + tenantId;
    }

    private static String terminalType(RunStatus status) {
        return switch (status) {
            case FINISHED -> "COMPLETE";
            case FAILED -> "FAIL";
            default -> "ABORT";
        };
    }

    private static String time(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString();
    }

    private static Map<String, Object> jobFacets(SourceSnapshot source) {
        if (source == null || source.gitRepo() == null) {
            return Map.of();
        }
        Map<String, Object> facet = facet(SOURCE_FACET_SCHEMA, "type", "git");
        facet.put("url", source.gitRepo());
        facet.put("repoUrl", source.gitRepo());
        if (source.gitCommit() != null) {
            facet.put("version", source.gitCommit());
        }
        return Map.of("sourceCodeLocation", facet);
    }

    private static Dataset input(DatasetView.Version version) {
        String[] name = datasetName(version.uri());
        Map<String, Object> facets = new LinkedHashMap<>();
        facets.put("version", facet(VERSION_FACET_SCHEMA, "datasetVersion", version.digest()));
        if (!version.schema().isEmpty()) {
            List<Map<String, String>> fields = new ArrayList<>();
            for (DatasetField field : version.schema()) {
                fields.add(Map.of("name", field.name(), "type", field.type()));
            }
            facets.put("schema", facet(SCHEMA_FACET_SCHEMA, "fields", fields));
        }
        return new Dataset(name[0], name[1], facets);
    }

    /** Namespace and name after OpenLineage's naming: {@code scheme://authority} and the path. */
    static String[] datasetName(String uri) {
        try {
            URI parsed = new URI(uri);
            String scheme = parsed.getScheme();
            String path = parsed.getPath() == null ? parsed.getSchemeSpecificPart() : parsed.getPath();
            if (parsed.getAuthority() == null) {
                return new String[] {scheme, path};
            }
            String name = OBJECT_STORES.contains(scheme) && path.startsWith("/") ? path.substring(1) : path;
            return new String[] {scheme + "://" + parsed.getAuthority(), name};
        } catch (URISyntaxException e) {
            return new String[] {"cairn", uri};
        }
    }

    private static Map<String, Object> facet(String schemaUrl, String key, Object value) {
        Map<String, Object> facet = new LinkedHashMap<>();
        facet.put("_producer", PRODUCER);
        facet.put("_schemaURL", schemaUrl);
        facet.put(key, value);
        return facet;
    }
}
