package io.cairn.mlflow.web;

import io.cairn.common.error.ConflictException;
import io.cairn.common.error.NotFoundException;
import io.cairn.common.messaging.Commands;
import io.cairn.project.api.ProjectCommand.ArchiveProjectCommand;
import io.cairn.project.api.ProjectCommand.CreateProjectCommand;
import io.cairn.project.api.ProjectCommand.RenameProjectCommand;
import io.cairn.project.api.ProjectCommand.RestoreProjectCommand;
import io.cairn.project.api.ProjectCommand.TagProjectCommand;
import io.cairn.project.api.ProjectCommand.UntagProjectCommand;
import io.cairn.project.api.ProjectRole;
import io.cairn.project.query.ProjectReadModel;
import io.cairn.project.query.ProjectView;
import io.cairn.tenancy.AccessPolicy;
import io.cairn.tenancy.AccessPolicy.Action;
import io.cairn.tenancy.CairnPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * MLflow's experiments API over Cairn projects: an experiment is a project (same id and name), deleting it
 * archives the project and restoring it restores the project; experiment tags are project tags. Roles are the
 * project's: reading needs VIEWER, tagging EDITOR, renaming, deleting and restoring MANAGER.
 */
@RestController
@RequestMapping({"/api/2.0/mlflow/experiments", "/ajax-api/2.0/mlflow/experiments"})
public class MlflowExperimentController {

    private static final String RESOURCE = "Experiment";
    private static final String PROJECTION = "projects";
    private static final String ACCESS = "access";

    private final Commands commands;
    private final ProjectReadModel projects;
    private final AccessPolicy policy;
    private final DefaultExperiment defaultExperiment;

    MlflowExperimentController(Commands commands, ProjectReadModel projects, AccessPolicy policy,
                               DefaultExperiment defaultExperiment) {
        this.commands = commands;
        this.projects = projects;
        this.policy = policy;
        this.defaultExperiment = defaultExperiment;
    }

    record ExperimentId(String experimentId) {
    }

    @PostMapping("/create")
    Map<String, String> create(@RequestBody JsonNode body) {
        WireRequest request = WireRequest.of(body);
        String name = request.requireString("name");
        Map<String, String> tags = MlflowTags.toMap(request.objects("tags"));
        CairnPrincipal caller = policy.caller(Action.WRITE);
        String id = UUID.randomUUID().toString();
        try {
            commands.sendAndProject(new CreateProjectCommand(id, caller.tenantId(), name, null, tags), RESOURCE, id,
                    PROJECTION, ACCESS);
        } catch (ConflictException e) {
            throw alreadyExists(name);
        }
        return Map.of("experiment_id", id);
    }

    @GetMapping("/get")
    Map<String, Object> get(HttpServletRequest http) {
        String id = experimentId(WireRequest.ofQuery(http.getParameterMap()));
        return Map.of("experiment", MlflowViews.experiment(visible(id, ProjectRole.VIEWER)));
    }

    @GetMapping("/get-by-name")
    Map<String, Object> getByName(HttpServletRequest http) {
        String name = WireRequest.ofQuery(http.getParameterMap()).requireString("experiment_name");
        CairnPrincipal caller = policy.caller(Action.READ);
        String id = projects.idByName(caller.tenantId(), name).filter(p -> policy.canSee(caller, p))
                .orElseThrow(() -> new MlflowException(MlflowErrorCode.RESOURCE_DOES_NOT_EXIST,
                        "Could not find experiment with name '" + name + "'"));
        return Map.of("experiment", MlflowViews.experiment(projects.get(caller.tenantId(), id)));
    }

    @PostMapping("/search")
    Map<String, Object> search(@RequestBody JsonNode body) {
        return search(WireRequest.of(body));
    }

    @GetMapping("/search")
    Map<String, Object> searchByGet(HttpServletRequest http) {
        return search(WireRequest.ofQuery(http.getParameterMap()));
    }

    @PostMapping("/update")
    Map<String, Object> update(@RequestBody JsonNode body) {
        WireRequest request = WireRequest.of(body);
        String id = experimentId(request);
        String name = request.optString("new_name");
        CairnPrincipal caller = callerOn(id, ProjectRole.MANAGER);
        if (name != null) {
            try {
                commands.sendAndProject(new RenameProjectCommand(id, caller.tenantId(), name), RESOURCE, id, PROJECTION);
            } catch (ConflictException e) {
                if (projects.idByName(caller.tenantId(), name).isPresent()) {
                    throw alreadyExists(name);
                }
                throw e;
            }
        }
        return Map.of();
    }

    @PostMapping("/delete")
    Map<String, Object> delete(@RequestBody JsonNode body) {
        String id = experimentId(WireRequest.of(body));
        CairnPrincipal caller = callerOn(id, ProjectRole.MANAGER);
        commands.sendAndProject(new ArchiveProjectCommand(id, caller.tenantId()), RESOURCE, id, PROJECTION);
        return Map.of();
    }

    @PostMapping("/restore")
    Map<String, Object> restore(@RequestBody JsonNode body) {
        String id = experimentId(WireRequest.of(body));
        CairnPrincipal caller = callerOn(id, ProjectRole.MANAGER);
        commands.sendAndProject(new RestoreProjectCommand(id, caller.tenantId()), RESOURCE, id, PROJECTION);
        return Map.of();
    }

    @PostMapping("/set-experiment-tag")
    Map<String, Object> setTag(@RequestBody JsonNode body) {
        WireRequest request = WireRequest.of(body);
        String id = experimentId(request);
        String key = request.requireString("key");
        String value = request.optString("value");
        CairnPrincipal caller = callerOn(id, ProjectRole.EDITOR);
        commands.sendAndProject(new TagProjectCommand(id, caller.tenantId(),
                MlflowTags.toMap(key, value == null ? "" : value, "key")), RESOURCE, id, PROJECTION);
        return Map.of();
    }

    @PostMapping("/delete-experiment-tag")
    Map<String, Object> deleteTag(@RequestBody JsonNode body) {
        WireRequest request = WireRequest.of(body);
        String id = experimentId(request);
        String key = request.requireString("key");
        CairnPrincipal caller = callerOn(id, ProjectRole.EDITOR);
        if (!projects.get(caller.tenantId(), id).tags().containsKey(key)) {
            throw new MlflowException(MlflowErrorCode.RESOURCE_DOES_NOT_EXIST,
                    "No tag with name '" + key + "' in experiment '" + id + "'");
        }
        commands.sendAndProject(new UntagProjectCommand(id, caller.tenantId(), Set.of(key)), RESOURCE, id, PROJECTION);
        return Map.of();
    }

    private Map<String, Object> search(WireRequest request) {
        CairnPrincipal caller = policy.caller(Action.READ);
        ViewType viewType = ViewType.of(request.optString("view_type"));
        ExperimentQuery query = ExperimentQuery.parse(request.optString("filter"), request.strings("order_by"));
        int size = Paging.size(request.optInt("max_results"), 1000, 50_000);
        long offset = Paging.offset(request.optString("page_token"));
        String visibleTo = policy.seesAllProjects(caller) ? null : caller.principalId();
        List<ProjectView> matching = projects.list(caller.tenantId(), visibleTo, true, 0, ExperimentQuery.MAX_SCANNED)
                .stream()
                .filter(p -> viewType.includes(p.archived()))
                .filter(query::matches)
                .sorted(query.order())
                .toList();
        List<MlflowViews.Experiment> page = matching.stream().skip(offset).limit(size).map(MlflowViews::experiment)
                .toList();
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("experiments", page);
        if (offset + size < matching.size()) {
            response.put("next_page_token", Paging.token(offset + size));
        }
        return response;
    }

    /** The project named by {@code experiment_id}; MLflow's default experiment {@code "0"} is the Default project. */
    private String experimentId(WireRequest request) {
        return defaultExperiment.resolve(policy.caller(Action.READ), request.requireString("experiment_id"));
    }

    private ProjectView visible(String id, ProjectRole role) {
        return projects.get(callerOn(id, role).tenantId(), id);
    }

    private CairnPrincipal callerOn(String id, ProjectRole role) {
        CairnPrincipal caller = policy.caller(Action.READ);
        policy.requireOnProject(caller, id, role, () -> new NotFoundException(RESOURCE, id));
        return caller;
    }

    private static MlflowException alreadyExists(String name) {
        return new MlflowException(MlflowErrorCode.RESOURCE_ALREADY_EXISTS,
                "Experiment '" + name + "' already exists");
    }
}
