package io.cairn.mlflow.web;

import io.cairn.common.messaging.Commands;
import io.cairn.common.validation.Inputs;
import io.cairn.project.api.ProjectRole;
import io.cairn.run.api.RunCommand.SetRunTagsCommand;
import io.cairn.run.query.RunReadModel;
import io.cairn.run.web.RunAccess;
import io.cairn.tenancy.CairnPrincipal;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * {@code runs/log-model}: what MLflow's {@code mlflow.<flavor>.log_model} sends after uploading a model's files.
 * As MLflow's own server does, the model's description is appended to the run's {@code mlflow.log-model.history}
 * tag (a JSON list), which is how clients and UIs find a run's logged models. Two calls for one run at the same
 * instant may lose one entry (read, then overwrite); clients call it once per logged model.
 */
@RestController
@RequestMapping({"/api/2.0/mlflow", "/ajax-api/2.0/mlflow"})
public class MlflowLoggedModelController {

    static final String HISTORY_TAG = "mlflow.log-model.history";
    private static final Set<String> REQUIRED = Set.of("artifact_path", "flavors", "utc_time_created", "run_id");

    private final Commands commands;
    private final RunReadModel runs;
    private final RunAccess access;
    private final JsonMapper json;

    MlflowLoggedModelController(Commands commands, RunReadModel runs, RunAccess access, JsonMapper json) {
        this.commands = commands;
        this.runs = runs;
        this.access = access;
        this.json = json;
    }

    @PostMapping("/runs/log-model")
    Map<String, Object> logModel(@RequestBody JsonNode body) {
        WireRequest request = WireRequest.of(body);
        String runId = request.requireString("run_id", "run_uuid");
        String modelJson = request.requireString("model_json");
        JsonNode model = parse(modelJson);
        if (!model.isObject()) {
            throw MlflowException.invalid("Malformed model info: model_json must be a JSON object");
        }
        Set<String> missing = new TreeSet<>(REQUIRED);
        model.propertyNames().forEach(missing::remove);
        if (!missing.isEmpty()) {
            throw MlflowException.invalid("Model json is missing mandatory fields: " + missing);
        }
        CairnPrincipal caller = access.caller(runId, ProjectRole.EDITOR);
        String stored = runs.get(caller.tenantId(), runId).tags().get(HISTORY_TAG);
        ArrayNode history = stored == null ? json.createArrayNode() : previous(stored);
        history.add(model);
        String value = json.writeValueAsString(history);
        if (value.length() > Inputs.MAX_TAG_VALUE_LENGTH) {
            throw MlflowException.invalid("The run's logged models no longer fit its '" + HISTORY_TAG + "' tag ("
                    + Inputs.MAX_TAG_VALUE_LENGTH + " characters); log fewer models per run");
        }
        commands.sendAndProject(new SetRunTagsCommand(runId, caller.tenantId(), Map.of(HISTORY_TAG, value)),
                MlflowRunController.RESOURCE, runId, "runs");
        return Map.of();
    }

    private JsonNode parse(String modelJson) {
        try {
            return json.readTree(modelJson);
        } catch (JacksonException e) {
            throw MlflowException.invalid("Malformed model info: model_json is not valid JSON");
        }
    }

    /** The history logged so far; a tag someone set by hand to something else is started over. */
    private ArrayNode previous(String stored) {
        try {
            JsonNode node = json.readTree(stored);
            return node.isArray() ? (ArrayNode) node : json.createArrayNode();
        } catch (JacksonException e) {
            return json.createArrayNode();
        }
    }
}
