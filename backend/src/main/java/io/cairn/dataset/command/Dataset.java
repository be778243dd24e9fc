package io.cairn.dataset.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.cairn.common.error.ConflictException;
import io.cairn.common.error.InvalidInputException;
import io.cairn.common.error.NotFoundException;
import io.cairn.common.naming.UniqueNames;
import io.cairn.common.validation.Inputs;
import io.cairn.dataset.api.DatasetCommand.AddDatasetVersionCommand;
import io.cairn.dataset.api.DatasetCommand.DeprecateDatasetCommand;
import io.cairn.dataset.api.DatasetCommand.RegisterDatasetCommand;
import io.cairn.dataset.api.DatasetEvent.DatasetDeprecatedEvent;
import io.cairn.dataset.api.DatasetEvent.DatasetRegisteredEvent;
import io.cairn.dataset.api.DatasetEvent.DatasetVersionAddedEvent;
import io.cairn.dataset.api.DatasetField;
import io.cairn.dataset.api.DatasetVersionId;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A named dataset with immutable, numbered versions, each pinned by a content digest. A deprecated dataset
 * takes no new versions; runs that used it keep their references.
 */
@Aggregate(cache = "datasetCache")
public class Dataset {

    static final String NAME_SCOPE = "dataset";
    /** Content digests, and {@code mlflow:} the digest an MLflow client computed for a dataset it logged. */
    private static final Pattern DIGEST = Pattern.compile(
            "(sha256:[0-9a-f]{64}|sha512:[0-9a-f]{128}|md5:[0-9a-f]{32}|mlflow:[0-9a-z]{1,64})");
    private static final int MAX_SCHEMA_FIELDS = 10_000;

    @AggregateIdentifier
    private String datasetId;
    private String tenantId;
    private int latestVersion;
    private boolean deprecated;
    private Map<String, Integer> versionsByContent = new HashMap<>();

    protected Dataset() {
    }

    @CommandHandler
    public Dataset(RegisterDatasetCommand command, UniqueNames names) {
        String name = Inputs.requireName("name", command.name());
        Inputs.requireMaxLength("description", command.description(), Inputs.MAX_DESCRIPTION_LENGTH);
        names.claim(command.tenantId(), NAME_SCOPE, name, command.datasetId(), "name");
        apply(new DatasetRegisteredEvent(command.datasetId(), command.tenantId(), name, command.description()));
    }

    @CommandHandler
    String handle(AddDatasetVersionCommand command) {
        requireTenant(command.tenantId());
        String uri = requireUri(command.uri());
        String digest = requireDigest(command.digest());
        if (command.size() != null && command.size() < 0) {
            throw new InvalidInputException("size", "size must not be negative");
        }
        requireSchema(command.schema());
        Integer existing = versionsByContent.get(uri + " " + digest);
        if (existing != null) {
            return new DatasetVersionId(datasetId, existing).toString();
        }
        if (deprecated) {
            throw new ConflictException(null, "Dataset '" + datasetId + "' is deprecated and takes no new versions");
        }
        int version = latestVersion + 1;
        String versionId = new DatasetVersionId(datasetId, version).toString();
        apply(new DatasetVersionAddedEvent(datasetId, tenantId, versionId, version, uri, digest, command.size(),
                command.schema() == null ? List.of() : List.copyOf(command.schema())));
        return versionId;
    }

    @CommandHandler
    void handle(DeprecateDatasetCommand command) {
        requireTenant(command.tenantId());
        Inputs.requireMaxLength("reason", command.reason(), 2000);
        if (!deprecated) {
            apply(new DatasetDeprecatedEvent(datasetId, tenantId, command.reason()));
        }
    }

    /** Used while other aggregates handle commands (a run declaring this dataset's versions as inputs). */
    public void requireVersion(String tenantId, DatasetVersionId version) {
        if (!this.tenantId.equals(tenantId) || version.version() > latestVersion) {
            throw new NotFoundException("Dataset version", version.toString());
        }
    }

    private void requireTenant(String commandTenant) {
        if (!tenantId.equals(commandTenant)) {
            throw new NotFoundException("Dataset", datasetId);
        }
    }

    private static String requireUri(String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException("uri", "uri is required");
        }
        Inputs.requireMaxLength("uri", value, 2048);
        try {
            URI uri = new URI(value);
            if (uri.getScheme() == null) {
                throw new InvalidInputException("uri", "uri must be absolute, e.g. s3://bucket/iris.csv or file:///data/iris.csv");
            }
            return uri.toString();
        } catch (URISyntaxException e) {
            throw new InvalidInputException("uri", "uri is not a valid URI: " + e.getReason());
        }
    }

    private static String requireDigest(String value) {
        if (value == null || !DIGEST.matcher(value).matches()) {
            throw new InvalidInputException("digest",
                    "digest must be 'sha256:<64 hex>', 'sha512:<128 hex>', 'md5:<32 hex>' or 'mlflow:<at most 64 of"
                            + " a-z 0-9>' in lower case");
        }
        return value;
    }

    private static void requireSchema(List<DatasetField> schema) {
        if (schema == null) {
            return;
        }
        if (schema.size() > MAX_SCHEMA_FIELDS) {
            throw new InvalidInputException("schema", "A schema has at most " + MAX_SCHEMA_FIELDS + " fields");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < schema.size(); i++) {
            DatasetField field = schema.get(i);
            String path = "schema[" + i + "]";
            if (field == null || field.name() == null || field.name().isBlank()) {
                throw new InvalidInputException(path + ".name", "Every schema field needs a name");
            }
            if (field.type() == null || field.type().isBlank()) {
                throw new InvalidInputException(path + ".type", "Schema field '" + field.name() + "' needs a type");
            }
            Inputs.requireMaxLength(path + ".name", field.name(), 250);
            Inputs.requireMaxLength(path + ".type", field.type(), 250);
            if (!seen.add(field.name())) {
                throw new InvalidInputException(path + ".name", "Schema field '" + field.name() + "' appears twice");
            }
        }
    }

    @EventSourcingHandler
    void on(DatasetRegisteredEvent event) {
        datasetId = event.datasetId();
        tenantId = event.tenantId();
    }

    @EventSourcingHandler
    void on(DatasetVersionAddedEvent event) {
        latestVersion = event.version();
        versionsByContent.put(event.uri() + " " + event.digest(), event.version());
    }

    @EventSourcingHandler
    void on(DatasetDeprecatedEvent event) {
        deprecated = true;
    }
}
