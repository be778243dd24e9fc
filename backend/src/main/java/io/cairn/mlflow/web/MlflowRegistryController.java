package io.cairn.mlflow.web;

import io.cairn.common.error.ConflictException;
import io.cairn.common.error.NotFoundException;
import io.cairn.common.messaging.Commands;
import io.cairn.project.api.ProjectRole;
import io.cairn.registry.api.ModelStage;
import io.cairn.registry.api.RegisteredModelCommand.CreateModelVersionCommand;
import io.cairn.registry.api.RegisteredModelCommand.CreateRegisteredModelCommand;
import io.cairn.registry.api.RegisteredModelCommand.DeleteRegisteredModelCommand;
import io.cairn.registry.api.RegisteredModelCommand.DescribeModelVersionCommand;
import io.cairn.registry.api.RegisteredModelCommand.DescribeRegisteredModelCommand;
import io.cairn.registry.api.RegisteredModelCommand.RemoveModelAliasCommand;
import io.cairn.registry.api.RegisteredModelCommand.RenameRegisteredModelCommand;
import io.cairn.registry.api.RegisteredModelCommand.SetModelAliasCommand;
import io.cairn.registry.api.RegisteredModelCommand.TagModelVersionCommand;
import io.cairn.registry.api.RegisteredModelCommand.TagRegisteredModelCommand;
import io.cairn.registry.api.RegisteredModelCommand.TransitionModelVersionStageCommand;
import io.cairn.registry.api.RegisteredModelCommand.UntagModelVersionCommand;
import io.cairn.registry.api.RegisteredModelCommand.UntagRegisteredModelCommand;
import io.cairn.registry.query.ModelReadModel;
import io.cairn.registry.query.ModelView;
import io.cairn.registry.web.ModelVersionDeletion;
import io.cairn.run.query.RunReadModel;
import io.cairn.tenancy.AccessPolicy;
import io.cairn.tenancy.AccessPolicy.Action;
import io.cairn.tenancy.CairnPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * MLflow's model registry API over Cairn's {@code RegisteredModel} aggregate. MLflow names models; the name is
 * resolved to the model's id in the caller's organization (another organization's model does not exist). Roles
 * are organization-wide as in Cairn's own registry API: members read, writers (not auditors) change; registering
 * a version needs the run to be visible. A version pins one artifact file: for a model directory ({@code source}
 * {@code runs:/<run>/model} or the run's {@code mlflow-artifacts:/} URI) that is its {@code MLmodel} file, and the
 * directory is the version's source and download URI. Moves to Production and of protected aliases wait for
 * approval as in Cairn; MLflow's response then shows the version as it still is. Setting an alias where it already
 * points, or a stage a version already has, changes nothing, as in MLflow.
 */
@RestController
@RequestMapping({"/api/2.0/mlflow", "/ajax-api/2.0/mlflow"})
public class MlflowRegistryController {

    private static final String RESOURCE = "Model";
    private static final String PROJECTION = "models";
    private static final String MODEL_FILE = "MLmodel";
    private static final int MAX_SCANNED = 10_000;
    private static final Pattern RUNS_URI = Pattern.compile("runs:/([^/]+)/(.+)");
    private static final Pattern ARTIFACTS_URI = Pattern.compile(".*?/?([^/]+)/artifacts/(.+)");
    private static final Pattern VERSION_FILTER = Pattern.compile(
            "\\s*(name|run_id)\\s*=\\s*'((?:[^']|'')*)'\\s*(?:(?i:and)\\s*(name|run_id)\\s*=\\s*'((?:[^']|'')*)'\\s*)?");

    private final Commands commands;
    private final ModelReadModel models;
    private final RunReadModel runs;
    private final AccessPolicy policy;
    private final ModelVersionDeletion deletion;

    MlflowRegistryController(Commands commands, ModelReadModel models, RunReadModel runs, AccessPolicy policy,
                             ModelVersionDeletion deletion) {
        this.commands = commands;
        this.models = models;
        this.runs = runs;
        this.policy = policy;
        this.deletion = deletion;
    }

    @PostMapping("/registered-models/create")
    Map<String, Object> create(@RequestBody JsonNode body) {
        WireRequest request = WireRequest.of(body);
        String name = request.requireString("name");
        Map<String, String> tags = MlflowTags.toMap(request.objects("tags"));
        CairnPrincipal caller = policy.caller(Action.WRITE);
        String id = UUID.randomUUID().toString();
        try {
            send(new CreateRegisteredModelCommand(id, caller.tenantId(), name, request.optString("description"), tags), id);
        } catch (ConflictException e) {
            throw new MlflowException(MlflowErrorCode.RESOURCE_ALREADY_EXISTS,
                    "Registered Model (name=" + name + ") already exists");
        }
        return Map.of("registered_model", registeredModel(caller, models.get(caller.tenantId(), id)));
    }

    @GetMapping("/registered-models/get")
    Map<String, Object> get(HttpServletRequest http) {
        CairnPrincipal caller = policy.caller(Action.READ);
        ModelView model = model(caller, WireRequest.ofQuery(http.getParameterMap()).requireString("name"));
        return Map.of("registered_model", registeredModel(caller, model));
    }

    @PostMapping("/registered-models/rename")
    Map<String, Object> rename(@RequestBody JsonNode body) {
        WireRequest request = WireRequest.of(body);
        CairnPrincipal caller = policy.caller(Action.WRITE);
        ModelView model = model(caller, request.requireString("name"));
        String newName = request.requireString("new_name");
        try {
            send(new RenameRegisteredModelCommand(model.id(), caller.tenantId(), newName), model.id());
        } catch (ConflictException e) {
            throw new MlflowException(MlflowErrorCode.RESOURCE_ALREADY_EXISTS,
                    "Registered Model (name=" + newName + ") already exists");
        }
        return Map.of("registered_model", registeredModel(caller, models.get(caller.tenantId(), model.id())));
    }

    @PatchMapping("/registered-models/update")
    Map<String, Object> update(@RequestBody JsonNode body) {
        WireRequest request = WireRequest.of(body);
        String description = request.optString("description");
        CairnPrincipal caller = policy.caller(Action.WRITE);
        ModelView model = model(caller, request.requireString("name"));
        if (description != null) {
            send(new DescribeRegisteredModelCommand(model.id(), caller.tenantId(), description), model.id());
        }
        return Map.of("registered_model", registeredModel(caller, models.get(caller.tenantId(), model.id())));
    }

    @DeleteMapping("/registered-models/delete")
    Map<String, Object> delete(@RequestBody(required = false) JsonNode body, HttpServletRequest http) {
        change(bodyOrQuery(body, http), (caller, model) -> new DeleteRegisteredModelCommand(model.id(), caller.tenantId()));
        return Map.of();
    }

    @GetMapping("/registered-models/search")
    Map<String, Object> search(HttpServletRequest http) {
        WireRequest request = WireRequest.ofQuery(http.getParameterMap());
        CairnPrincipal caller = policy.caller(Action.READ);
        Predicate<ModelView> filter = NameFilter.parse(request.optString("filter"), ModelView::name, ModelView::tags);
        int size = Paging.size(request.optInt("max_results"), 100, 1000);
        long offset = Paging.offset(request.optString("page_token"));
        List<ModelView> matching = models.list(caller.tenantId(), false, 0, MAX_SCANNED).stream().filter(filter)
                .toList();
        List<Map<String, Object>> page = new ArrayList<>();
        matching.stream().skip(offset).limit(size).forEach(m -> page.add(registeredModel(caller, m)));
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("registered_models", page);
        if (offset + size < matching.size()) {
            response.put("next_page_token", Paging.token(offset + size));
        }
        return response;
    }

    /** Per stage (every stage when none is named), the newest version in it. */
    @PostMapping("/registered-models/get-latest-versions")
    Map<String, Object> latestVersions(@RequestBody JsonNode body) {
        return latestVersions(WireRequest.of(body));
    }

    @GetMapping("/registered-models/get-latest-versions")
    Map<String, Object> latestVersionsByGet(HttpServletRequest http) {
        return latestVersions(WireRequest.ofQuery(http.getParameterMap()));
    }

    private Map<String, Object> latestVersions(WireRequest request) {
        CairnPrincipal caller = policy.caller(Action.READ);
        ModelView model = model(caller, request.requireString("name"));
        List<String> stages = new ArrayList<>();
        for (String stage : request.strings("stages")) {
            stages.add(stage(stage).label());
        }
        Map<String, ModelView.Version> latest = new LinkedHashMap<>();
        for (ModelView.Version version : versions(caller, model.id())) {
            if (stages.isEmpty() || stages.contains(version.stage())) {
                latest.merge(version.stage(), version, (a, b) -> a.version() >= b.version() ? a : b);
            }
        }
        return Map.of("model_versions", latest.values().stream()
                .sorted(Comparator.comparingInt(ModelView.Version::version)).map(v -> modelVersion(model, v)).toList());
    }

    @PostMapping("/registered-models/set-tag")
    Map<String, Object> setTag(@RequestBody JsonNode body) {
        WireRequest request = WireRequest.of(body);
        String value = request.optString("value");
        Map<String, String> tag = MlflowTags.toMap(request.requireString("key"), value == null ? "" : value, "key");
        change(request, (caller, model) -> new TagRegisteredModelCommand(model.id(), caller.tenantId(), tag));
        return Map.of();
    }

    @DeleteMapping("/registered-models/delete-tag")
    Map<String, Object> deleteTag(@RequestBody(required = false) JsonNode body, HttpServletRequest http) {
        WireRequest request = bodyOrQuery(body, http);
        String key = request.requireString("key");
        change(request, (caller, model) -> new UntagRegisteredModelCommand(model.id(), caller.tenantId(), key));
        return Map.of();
    }

    @PostMapping("/registered-models/alias")
    Map<String, Object> setAlias(@RequestBody JsonNode body) {
        WireRequest request = WireRequest.of(body);
        String alias = request.requireString("alias");
        int version = version(request);
        CairnPrincipal caller = policy.caller(Action.WRITE);
        if (Integer.valueOf(version).equals(model(caller, request.requireString("name")).aliases().get(alias))) {
            return Map.of();
        }
        change(request, (writer, model) -> new SetModelAliasCommand(model.id(), writer.tenantId(), alias, version, null,
                UUID.randomUUID().toString(), writer));
        return Map.of();
    }

    @DeleteMapping("/registered-models/alias")
    Map<String, Object> deleteAlias(@RequestBody(required = false) JsonNode body, HttpServletRequest http) {
        WireRequest request = bodyOrQuery(body, http);
        String alias = request.requireString("alias");
        change(request, (caller, model) -> new RemoveModelAliasCommand(model.id(), caller.tenantId(), alias));
        return Map.of();
    }

    @GetMapping("/registered-models/alias")
    Map<String, Object> getByAlias(HttpServletRequest http) {
        WireRequest request = WireRequest.ofQuery(http.getParameterMap());
        CairnPrincipal caller = policy.caller(Action.READ);
        ModelView model = model(caller, request.requireString("name"));
        return Map.of("model_version", modelVersion(model,
                models.versionByAlias(caller.tenantId(), model.id(), request.requireString("alias"))));
    }

    @PostMapping("/model-versions/create")
    Map<String, Object> createVersion(@RequestBody JsonNode body) {
        WireRequest request = WireRequest.of(body);
        CairnPrincipal caller = policy.caller(Action.WRITE);
        ModelView model = model(caller, request.requireString("name"));
        String source = request.requireString("source");
        String runId = request.optString("run_id");
        String path;
        Matcher runsUri = RUNS_URI.matcher(source);
        Matcher artifactsUri = ARTIFACTS_URI.matcher(source);
        if (runsUri.matches()) {
            runId = runsUri.group(1);
            path = runsUri.group(2);
        } else if (artifactsUri.matches() && (runId == null || runId.equals(artifactsUri.group(1)))) {
            runId = artifactsUri.group(1);
            path = artifactsUri.group(2);
        } else {
            throw MlflowException.invalid("Model version source '" + source + "' must be runs:/<run_id>/<path> or a "
                    + "run's artifact URI (…/<run_id>/artifacts/<path>)");
        }
        String projectId = runs.projectOf(caller.tenantId(), runId).orElseThrow(notFound("Run", runId));
        policy.requireOnProject(caller, projectId, ProjectRole.VIEWER, notFound("Run", runId));
        String file = path.replaceAll("/+$", "");
        if (runs.artifact(caller.tenantId(), runId, file).isEmpty()
                && runs.artifact(caller.tenantId(), runId, file + "/" + MODEL_FILE).isPresent()) {
            file = file + "/" + MODEL_FILE;
        }
        int version = commands.sendAndProject(new CreateModelVersionCommand(model.id(), caller.tenantId(), runId, file,
                "generic", null, request.optString("description"), MlflowTags.toMap(request.objects("tags"))),
                RESOURCE, model.id(), PROJECTION);
        return Map.of("model_version", modelVersion(model, models.version(caller.tenantId(), model.id(), version)));
    }

    @GetMapping("/model-versions/get")
    Map<String, Object> getVersion(HttpServletRequest http) {
        WireRequest request = WireRequest.ofQuery(http.getParameterMap());
        CairnPrincipal caller = policy.caller(Action.READ);
        ModelView model = model(caller, request.requireString("name"));
        return Map.of("model_version", modelVersion(model, models.version(caller.tenantId(), model.id(),
                version(request))));
    }

    @GetMapping("/model-versions/search")
    Map<String, Object> searchVersions(HttpServletRequest http) {
        WireRequest request = WireRequest.ofQuery(http.getParameterMap());
        CairnPrincipal caller = policy.caller(Action.READ);
        Map<String, String> wanted = versionFilter(request.optString("filter"));
        int size = Paging.size(request.optInt("max_results"), 10_000, 200_000);
        long offset = Paging.offset(request.optString("page_token"));
        List<Map<String, Object>> found = new ArrayList<>();
        List<ModelView> candidates = wanted.containsKey("name")
                ? models.idByName(caller.tenantId(), wanted.get("name")).map(id -> List.of(models.get(caller.tenantId(), id)))
                        .orElse(List.of())
                : models.list(caller.tenantId(), false, 0, MAX_SCANNED);
        for (ModelView model : candidates) {
            for (ModelView.Version version : versions(caller, model.id())) {
                if (!wanted.containsKey("run_id") || wanted.get("run_id").equals(version.runId())) {
                    found.add(modelVersion(model, version));
                }
            }
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("model_versions", found.stream().skip(offset).limit(size).toList());
        if (offset + size < found.size()) {
            response.put("next_page_token", Paging.token(offset + size));
        }
        return response;
    }

    @GetMapping("/model-versions/get-download-uri")
    Map<String, Object> downloadUri(HttpServletRequest http) {
        WireRequest request = WireRequest.ofQuery(http.getParameterMap());
        CairnPrincipal caller = policy.caller(Action.READ);
        ModelView model = model(caller, request.requireString("name"));
        return Map.of("artifact_uri", source(models.version(caller.tenantId(), model.id(), version(request))));
    }

    @PatchMapping("/model-versions/update")
    Map<String, Object> updateVersion(@RequestBody JsonNode body) {
        WireRequest request = WireRequest.of(body);
        int version = version(request);
        String description = request.optString("description");
        ModelView model = change(request, (caller, m) -> new DescribeModelVersionCommand(m.id(), caller.tenantId(),
                version, description == null ? "" : description));
        String tenantId = policy.caller(Action.READ).tenantId();
        return Map.of("model_version", modelVersion(model, models.version(tenantId, model.id(), version)));
    }

    @DeleteMapping("/model-versions/delete")
    Map<String, Object> deleteVersion(@RequestBody(required = false) JsonNode body, HttpServletRequest http) {
        WireRequest request = bodyOrQuery(body, http);
        int version = version(request);
        CairnPrincipal caller = policy.caller(Action.WRITE);
        deletion.delete(caller, model(caller, request.requireString("name")).id(), version);
        return Map.of();
    }

    @PostMapping("/model-versions/set-tag")
    Map<String, Object> setVersionTag(@RequestBody JsonNode body) {
        WireRequest request = WireRequest.of(body);
        int version = version(request);
        String value = request.optString("value");
        Map<String, String> tag = MlflowTags.toMap(request.requireString("key"), value == null ? "" : value, "key");
        change(request, (caller, model) -> new TagModelVersionCommand(model.id(), caller.tenantId(), version, tag));
        return Map.of();
    }

    @DeleteMapping("/model-versions/delete-tag")
    Map<String, Object> deleteVersionTag(@RequestBody(required = false) JsonNode body, HttpServletRequest http) {
        WireRequest request = bodyOrQuery(body, http);
        int version = version(request);
        String key = request.requireString("key");
        change(request, (caller, model) -> new UntagModelVersionCommand(model.id(), caller.tenantId(), version, key));
        return Map.of();
    }

    @PostMapping("/model-versions/transition-stage")
    Map<String, Object> transition(@RequestBody JsonNode body) {
        WireRequest request = WireRequest.of(body);
        int version = version(request);
        String stage = stage(request.requireString("stage")).label();
        boolean archive = Boolean.parseBoolean(request.optString("archive_existing_versions"));
        CairnPrincipal writer = policy.caller(Action.WRITE);
        String tenantId = writer.tenantId();
        ModelView named = model(writer, request.requireString("name"));
        if (models.version(tenantId, named.id(), version).stage().equals(stage)) {
            return Map.of("model_version", modelVersion(named, models.version(tenantId, named.id(), version)));
        }
        ModelView model = change(request, (caller, m) -> new TransitionModelVersionStageCommand(m.id(), caller.tenantId(),
                version, stage, archive, null, UUID.randomUUID().toString(), caller));
        return Map.of("model_version", modelVersion(model, models.version(tenantId, model.id(), version)));
    }

    /** Sends the command that {@code command} makes for the model named in the request, as a writer; the model. */
    private ModelView change(WireRequest request, BiFunction<CairnPrincipal, ModelView, Object> command) {
        CairnPrincipal caller = policy.caller(Action.WRITE);
        ModelView model = model(caller, request.requireString("name"));
        send(command.apply(caller, model), model.id());
        return model;
    }

    private ModelView model(CairnPrincipal caller, String name) {
        String id = models.idByName(caller.tenantId(), name).orElseThrow(() -> new MlflowException(
                MlflowErrorCode.RESOURCE_DOES_NOT_EXIST, "Registered Model with name=" + name + " not found"));
        return models.get(caller.tenantId(), id);
    }

    private List<ModelView.Version> versions(CairnPrincipal caller, String modelId) {
        return models.versions(caller.tenantId(), modelId, null, 0, MAX_SCANNED);
    }

    private Map<String, Object> registeredModel(CairnPrincipal caller, ModelView model) {
        Map<String, ModelView.Version> latest = new LinkedHashMap<>();
        for (ModelView.Version version : versions(caller, model.id())) {
            latest.merge(version.stage(), version, (a, b) -> a.version() >= b.version() ? a : b);
        }
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("name", model.name());
        view.put("creation_timestamp", model.creationTime());
        view.put("last_updated_timestamp", model.lastUpdateTime());
        view.put("user_id", model.createdBy());
        if (model.description() != null) {
            view.put("description", model.description());
        }
        view.put("latest_versions", latest.values().stream().sorted(Comparator.comparingInt(ModelView.Version::version))
                .map(v -> modelVersion(model, v)).toList());
        view.put("tags", keyValues(model.tags()));
        List<Map<String, Object>> aliases = new ArrayList<>();
        model.aliases().forEach((alias, version) -> aliases.add(Map.of("alias", alias, "version", String.valueOf(version))));
        view.put("aliases", aliases);
        return view;
    }

    private static Map<String, Object> modelVersion(ModelView model, ModelView.Version version) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("name", model.name());
        view.put("version", String.valueOf(version.version()));
        view.put("creation_timestamp", version.creationTime());
        view.put("last_updated_timestamp", version.lastUpdateTime());
        view.put("user_id", version.createdBy());
        view.put("current_stage", version.stage());
        if (version.description() != null) {
            view.put("description", version.description());
        }
        view.put("source", source(version));
        view.put("run_id", version.runId());
        view.put("status", "READY");
        view.put("tags", keyValues(version.tags()));
        view.put("aliases", version.aliases());
        return view;
    }

    /** The artifact URI of the registered file, or of its directory when the file is a model's MLmodel. */
    private static String source(ModelView.Version version) {
        String path = version.artifactPath();
        if (path.equals(MODEL_FILE) || path.endsWith("/" + MODEL_FILE)) {
            path = path.substring(0, Math.max(0, path.length() - MODEL_FILE.length() - 1));
        }
        String root = "mlflow-artifacts:/" + version.projectId() + "/" + version.runId() + "/artifacts";
        return path.isEmpty() ? root : root + "/" + path;
    }

    private static List<Map<String, String>> keyValues(Map<String, String> values) {
        List<Map<String, String>> list = new ArrayList<>();
        values.forEach((key, value) -> list.add(Map.of("key", key, "value", value)));
        return list;
    }

    private static Map<String, String> versionFilter(String filter) {
        Map<String, String> wanted = new LinkedHashMap<>();
        if (filter == null || filter.isBlank()) {
            return wanted;
        }
        Matcher m = VERSION_FILTER.matcher(filter);
        if (!m.matches()) {
            throw MlflowException.invalid("Invalid model version filter '" + filter + "': Cairn answers name = '<name>' "
                    + "and run_id = '<run id>', joined by AND");
        }
        wanted.put(m.group(1), m.group(2).replace("''", "'"));
        if (m.group(3) != null) {
            wanted.put(m.group(3), m.group(4).replace("''", "'"));
        }
        return wanted;
    }

    private static int version(WireRequest request) {
        long version = request.requireLong("version");
        if (version < 1 || version > Integer.MAX_VALUE) {
            throw MlflowException.invalid("Invalid version " + version + ": versions are numbered from 1");
        }
        return (int) version;
    }

    private static ModelStage stage(String value) {
        return ModelStage.parse(value, "stage");
    }

    private static WireRequest bodyOrQuery(JsonNode body, HttpServletRequest http) {
        return body == null ? WireRequest.ofQuery(http.getParameterMap()) : WireRequest.of(body);
    }

    private static java.util.function.Supplier<NotFoundException> notFound(String resource, String id) {
        return () -> new NotFoundException(resource, id);
    }

    private void send(Object command, String modelId) {
        commands.sendAndProject(command, RESOURCE, modelId, PROJECTION);
    }
}
