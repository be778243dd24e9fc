package io.cairn.dataset.command;

import static io.cairn.dataset.command.DatasetMother.DATASET_ID;
import static io.cairn.dataset.command.DatasetMother.DIGEST;
import static io.cairn.dataset.command.DatasetMother.OTHER_TENANT;
import static io.cairn.dataset.command.DatasetMother.TENANT;
import static io.cairn.dataset.command.DatasetMother.URI;
import static io.cairn.dataset.command.DatasetMother.addVersion;
import static io.cairn.dataset.command.DatasetMother.registered;
import static io.cairn.dataset.command.DatasetMother.versionAdded;

import io.cairn.common.error.ConflictException;
import io.cairn.common.error.InvalidInputException;
import io.cairn.common.error.NotFoundException;
import io.cairn.common.naming.InMemoryUniqueNames;
import io.cairn.dataset.api.DatasetCommand.AddDatasetVersionCommand;
import io.cairn.dataset.api.DatasetCommand.DeprecateDatasetCommand;
import io.cairn.dataset.api.DatasetCommand.RegisterDatasetCommand;
import io.cairn.dataset.api.DatasetEvent.DatasetDeprecatedEvent;
import io.cairn.dataset.api.DatasetField;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DatasetTest {

    private AggregateTestFixture<Dataset> fixture;
    private InMemoryUniqueNames names;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Dataset.class);
        names = new InMemoryUniqueNames();
        fixture.registerInjectableResource(names);
    }

    @Test
    void registerDatasetCommandRegistersDataset() {
        fixture.givenNoPriorActivity()
                .when(new RegisterDatasetCommand(DATASET_ID, TENANT, "iris", "Fisher's iris"))
                .expectEvents(registered());
    }

    @Test
    void registerDatasetCommandWithTakenNameIsRejected() {
        names.claim(TENANT, Dataset.NAME_SCOPE, "iris", "d-0", "name");
        fixture.givenNoPriorActivity()
                .when(new RegisterDatasetCommand(DATASET_ID, TENANT, "iris", null))
                .expectException(ConflictException.class)
                .expectNoEvents();
    }

    @Test
    void addDatasetVersionCommandAddsNumberedVersion() {
        String otherDigest = "sha256:" + "c".repeat(64);
        fixture.given(registered(), versionAdded(1, URI, DIGEST))
                .when(addVersion(URI, otherDigest))
                .expectResultMessagePayload(DATASET_ID + ".v2")
                .expectEvents(versionAdded(2, URI, otherDigest));
    }

    @Test
    void addDatasetVersionCommandRepeatingContentReturnsExistingVersion() {
        fixture.given(registered(), versionAdded(1, URI, DIGEST))
                .when(addVersion(URI, DIGEST))
                .expectResultMessagePayload(DATASET_ID + ".v1")
                .expectNoEvents();
    }

    @Test
    void addDatasetVersionCommandWithBadDigestOrUriIsRejected() {
        fixture.given(registered())
                .when(addVersion(URI, "sha256:XYZ"))
                .expectException(InvalidInputException.class)
                .expectNoEvents();
        fixture.given(registered())
                .when(addVersion("relative/path.csv", DIGEST))
                .expectException(InvalidInputException.class)
                .expectNoEvents();
    }

    @Test
    void addDatasetVersionCommandWithDuplicateSchemaFieldIsRejected() {
        List<DatasetField> schema = List.of(new DatasetField("a", "int", null), new DatasetField("a", "int", null));
        fixture.given(registered())
                .when(new AddDatasetVersionCommand(DATASET_ID, TENANT, URI, DIGEST, null, schema))
                .expectException(InvalidInputException.class)
                .expectExceptionMessage("Schema field 'a' appears twice")
                .expectNoEvents();
    }

    @Test
    void addDatasetVersionCommandOnDeprecatedDatasetIsRejected() {
        fixture.given(registered(), new DatasetDeprecatedEvent(DATASET_ID, TENANT, "superseded"))
                .when(addVersion(URI, DIGEST))
                .expectException(ConflictException.class)
                .expectNoEvents();
    }

    @Test
    void deprecateDatasetCommandDeprecatesOnce() {
        fixture.given(registered())
                .when(new DeprecateDatasetCommand(DATASET_ID, TENANT, "superseded"))
                .expectEvents(new DatasetDeprecatedEvent(DATASET_ID, TENANT, "superseded"));
        fixture.given(registered(), new DatasetDeprecatedEvent(DATASET_ID, TENANT, "superseded"))
                .when(new DeprecateDatasetCommand(DATASET_ID, TENANT, "again"))
                .expectNoEvents();
    }

    @Test
    void commandFromAnotherTenantIsNotFound() {
        fixture.given(registered())
                .when(new AddDatasetVersionCommand(DATASET_ID, OTHER_TENANT, URI, DIGEST, null, null))
                .expectException(NotFoundException.class)
                .expectNoEvents();
    }
}
