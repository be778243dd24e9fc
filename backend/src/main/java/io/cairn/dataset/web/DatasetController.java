package io.cairn.dataset.web;

import io.cairn.common.messaging.Commands;
import io.cairn.common.web.PageToken;
import io.cairn.dataset.api.DatasetCommand.AddDatasetVersionCommand;
import io.cairn.dataset.api.DatasetCommand.DeprecateDatasetCommand;
import io.cairn.dataset.api.DatasetCommand.RegisterDatasetCommand;
import io.cairn.dataset.api.DatasetField;
import io.cairn.dataset.query.DatasetReadModel;
import io.cairn.dataset.query.DatasetView;
import io.cairn.tenancy.AccessPolicy;
import io.cairn.tenancy.AccessPolicy.Action;
import io.cairn.tenancy.CairnPrincipal;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/datasets")
public class DatasetController {

    private static final String RESOURCE = "Dataset";
    private static final String PROJECTION = "datasets";

    private final Commands commands;
    private final DatasetReadModel datasets;
    private final AccessPolicy policy;

    public DatasetController(Commands commands, DatasetReadModel datasets, AccessPolicy policy) {
        this.commands = commands;
        this.datasets = datasets;
        this.policy = policy;
    }

    public record RegisterDatasetRequest(String name, String description) {
    }

    public record AddVersionRequest(String uri, String digest, Long size, List<DatasetField> schema) {
    }

    public record DeprecateRequest(String reason) {
    }

    public record DatasetPage(List<DatasetView> datasets, String nextPageToken) {
    }

    @PostMapping
    ResponseEntity<DatasetView> register(@RequestBody RegisterDatasetRequest request) {
        CairnPrincipal caller = policy.caller(Action.WRITE);
        String id = UUID.randomUUID().toString();
        commands.sendAndProject(new RegisterDatasetCommand(id, caller.tenantId(), request.name(), request.description()),
                RESOURCE, id, PROJECTION);
        return ResponseEntity.created(URI.create("/api/v1/datasets/" + id)).body(datasets.get(caller.tenantId(), id));
    }

    @GetMapping
    DatasetPage list(@RequestParam(required = false) Integer maxResults, @RequestParam(required = false) String pageToken) {
        CairnPrincipal caller = policy.caller(Action.READ);
        int size = PageToken.maxResults(maxResults);
        long offset = PageToken.decode(pageToken);
        List<DatasetView> rows = datasets.list(caller.tenantId(), offset, size + 1);
        return new DatasetPage(rows.subList(0, Math.min(size, rows.size())), PageToken.next(offset, size, rows.size()));
    }

    @GetMapping("/{id}")
    DatasetView get(@PathVariable String id) {
        return datasets.get(policy.caller(Action.READ).tenantId(), id);
    }

    @PostMapping("/{id}/versions")
    ResponseEntity<DatasetView.Version> addVersion(@PathVariable String id, @RequestBody AddVersionRequest request) {
        CairnPrincipal caller = policy.caller(Action.WRITE);
        String versionId = commands.sendAndProject(new AddDatasetVersionCommand(id, caller.tenantId(), request.uri(),
                request.digest(), request.size(), request.schema()), RESOURCE, id, PROJECTION);
        return ResponseEntity.created(URI.create("/api/v1/datasets/" + id + "/versions/" + versionId))
                .body(datasets.version(caller.tenantId(), versionId));
    }

    @GetMapping("/{id}/versions/{versionId}")
    DatasetView.Version version(@PathVariable String id, @PathVariable String versionId) {
        DatasetView.Version version = datasets.version(policy.caller(Action.READ).tenantId(), versionId);
        if (!version.datasetId().equals(id)) {
            throw new io.cairn.common.error.NotFoundException("Dataset version", versionId);
        }
        return version;
    }

    @PostMapping("/{id}/deprecate")
    DatasetView deprecate(@PathVariable String id, @RequestBody(required = false) DeprecateRequest request) {
        CairnPrincipal caller = policy.caller(Action.WRITE);
        commands.sendAndProject(new DeprecateDatasetCommand(id, caller.tenantId(), request == null ? null : request.reason()),
                RESOURCE, id, PROJECTION);
        return datasets.get(caller.tenantId(), id);
    }
}
