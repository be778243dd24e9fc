package io.cairn.mlflow.web;

import io.cairn.common.error.ConflictException;
import io.cairn.common.messaging.Commands;
import io.cairn.dataset.api.DatasetCommand.AddDatasetVersionCommand;
import io.cairn.dataset.api.DatasetCommand.RegisterDatasetCommand;
import io.cairn.dataset.query.DatasetReadModel;
import io.cairn.project.api.ProjectRole;
import io.cairn.run.api.RunCommand.DeclareRunInputsCommand;
import io.cairn.run.web.RunAccess;
import io.cairn.tenancy.AccessPolicy;
import io.cairn.tenancy.AccessPolicy.Action;
import io.cairn.tenancy.CairnPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * MLflow's {@code runs/log-inputs} over Cairn datasets: each MLflow dataset (name, digest, source) becomes a version
 * of the organization's Cairn dataset of that name — registered on first use — pinned by the client's digest
 * ({@code mlflow:<digest>}) and the source's URI, and the versions are declared as the run's inputs, so lineage
 * links the run to them like any input. Logging the same dataset again reuses its version.
 */
@RestController
@RequestMapping({"/api/2.0/mlflow", "/ajax-api/2.0/mlflow"})
public class MlflowInputController {

    static final int MAX_DATASETS = 100;

    private final Commands commands;
    private final DatasetReadModel datasets;
    private final RunAccess access;
    private final AccessPolicy policy;
    private final MlflowDatasets mlflowDatasets;

    MlflowInputController(Commands commands, DatasetReadModel datasets, RunAccess access, AccessPolicy policy,
                          MlflowDatasets mlflowDatasets) {
        this.commands = commands;
        this.datasets = datasets;
        this.access = access;
        this.policy = policy;
        this.mlflowDatasets = mlflowDatasets;
    }

    @PostMapping("/runs/log-inputs")
    Map<String, Object> logInputs(@RequestBody JsonNode body) {
        WireRequest request = WireRequest.of(body);
        String runId = request.requireString("run_id");
        List<WireRequest> inputs = request.objects("datasets");
        if (inputs.size() > MAX_DATASETS) {
            throw MlflowException.invalid("At most " + MAX_DATASETS + " datasets per request, not " + inputs.size());
        }
        CairnPrincipal caller = access.caller(runId, ProjectRole.EDITOR);
        if (inputs.isEmpty()) {
            return Map.of();
        }
        policy.caller(Action.WRITE);
        List<String> versionIds = new ArrayList<>();
        for (WireRequest input : inputs) {
            WireRequest dataset = input.requireObject("dataset");
            String name = dataset.requireString("name");
            String digest = dataset.requireString("digest").toLowerCase(Locale.ROOT);
            String uri = mlflowDatasets.sourceUri(dataset.optString("source_type"), dataset.optString("source"));
            String datasetId = datasetNamed(caller, name);
            versionIds.add(commands.sendAndProject(new AddDatasetVersionCommand(datasetId, caller.tenantId(), uri,
                    "mlflow:" + digest, null, null), "Dataset", datasetId, "datasets"));
        }
        commands.sendAndProject(new DeclareRunInputsCommand(runId, caller.tenantId(), versionIds), "Run", runId, "runs");
        return Map.of();
    }

    private String datasetNamed(CairnPrincipal caller, String name) {
        return datasets.idByName(caller.tenantId(), name).orElseGet(() -> {
            String id = UUID.randomUUID().toString();
            try {
                commands.sendAndProject(new RegisterDatasetCommand(id, caller.tenantId(), name,
                        "Logged by an MLflow client (runs/log-inputs)"), "Dataset", id, "datasets");
                return id;
            } catch (ConflictException raced) {
                return datasets.idByName(caller.tenantId(), name).orElseThrow(() -> raced);
            }
        });
    }
}
