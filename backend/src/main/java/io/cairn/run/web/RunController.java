package io.cairn.run.web;

import io.cairn.common.error.InvalidInputException;
import io.cairn.common.messaging.Commands;
import io.cairn.common.web.PageToken;
import io.cairn.project.api.ProjectRole;
import io.cairn.run.api.EnvironmentSpec;
import io.cairn.run.api.RunCommand.CreateRunCommand;
import io.cairn.run.api.RunCommand.DeclareRunInputsCommand;
import io.cairn.run.api.RunCommand.DeleteRunTagCommand;
import io.cairn.run.api.RunCommand.FinishRunCommand;
import io.cairn.run.api.RunCommand.LogParamsCommand;
import io.cairn.run.api.RunCommand.SetRunTagsCommand;
import io.cairn.run.api.RunStatus;
import io.cairn.run.api.SourceSnapshot;
import io.cairn.run.query.RunReadModel;
import io.cairn.run.query.RunSearch;
import io.cairn.run.query.RunView;
import io.cairn.tenancy.AccessPolicy;
import io.cairn.tenancy.AccessPolicy.Action;
import io.cairn.tenancy.CairnPrincipal;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/runs")
public class RunController {

    static final String RESOURCE = "Run";
    static final String PROJECTION = "runs";
    private static final int MAX_PROJECTS_PER_SEARCH = 100;

    private final Commands commands;
    private final RunReadModel runs;
    private final RunSearch search;
    private final AccessPolicy policy;
    private final RunAccess access;

    RunController(Commands commands, RunReadModel runs, RunSearch search, AccessPolicy policy, RunAccess access) {
        this.commands = commands;
        this.runs = runs;
        this.search = search;
        this.policy = policy;
        this.access = access;
    }

    public record CreateRunRequest(String projectId, String name, Map<String, String> tags, SourceSnapshot source,
                                   EnvironmentSpec environment, Long startTime) {
    }

    public record ParamsRequest(Map<String, String> params) {
    }

    public record TagsRequest(Map<String, String> tags) {
    }

    public record FinishRequest(String status, Long endTime) {
    }

    public record InputsRequest(List<String> datasetVersionIds) {
    }

    public record SearchRequest(List<String> projectIds, String filter, List<String> orderBy, Integer maxResults,
                                String pageToken) {
    }

    public record RunPage(List<RunView> runs, String nextPageToken) {
    }

    @PostMapping
    ResponseEntity<RunView> create(@RequestBody CreateRunRequest request) {
        if (request.projectId() == null || request.projectId().isBlank()) {
            throw new InvalidInputException("projectId", "A project id is required");
        }
        CairnPrincipal caller = policy.callerOnProject(request.projectId(), ProjectRole.EDITOR);
        String id = UUID.randomUUID().toString().replace("-", "");
        commands.sendAndProject(new CreateRunCommand(id, caller.tenantId(), request.projectId(), request.name(),
                request.tags(), request.source(), request.environment(), request.startTime(), false),
                RESOURCE, id, PROJECTION);
        return ResponseEntity.created(URI.create("/api/v1/runs/" + id)).body(runs.get(caller.tenantId(), id));
    }

    @GetMapping("/{id}")
    RunView get(@PathVariable String id) {
        return runs.get(access.caller(id, ProjectRole.VIEWER).tenantId(), id);
    }

    /** The runs of one project, newest first (a shorthand for a search without filter). */
    @GetMapping
    RunPage list(@RequestParam String projectId, @RequestParam(required = false) Integer maxResults,
                 @RequestParam(required = false) String pageToken) {
        return search(new SearchRequest(List.of(projectId), null, null, maxResults, pageToken));
    }

    /** Runs of the given projects; a project the caller cannot see answers 404. */
    @PostMapping("/search")
    RunPage search(@RequestBody SearchRequest request) {
        CairnPrincipal caller = policy.caller(Action.READ);
        List<String> projectIds = request.projectIds();
        if (projectIds == null || projectIds.isEmpty()) {
            throw new InvalidInputException("projectIds", "projectIds must name at least one project");
        }
        if (projectIds.size() > MAX_PROJECTS_PER_SEARCH) {
            throw new InvalidInputException("projectIds", "At most " + MAX_PROJECTS_PER_SEARCH + " projects per search");
        }
        policy.requireVisible(caller, projectIds);
        int size = PageToken.maxResults(request.maxResults());
        long offset = PageToken.decode(request.pageToken());
        List<RunView> page = search.search(caller.tenantId(), projectIds, request.filter(), request.orderBy(), size + 1,
                offset);
        return new RunPage(page.subList(0, Math.min(size, page.size())), PageToken.next(offset, size, page.size()));
    }

    @PostMapping("/{id}/params")
    RunView logParams(@PathVariable String id, @RequestBody ParamsRequest request) {
        CairnPrincipal caller = access.caller(id, ProjectRole.EDITOR);
        commands.sendAndProject(new LogParamsCommand(id, caller.tenantId(), request.params()), RESOURCE, id, PROJECTION);
        return runs.get(caller.tenantId(), id);
    }

    @PostMapping("/{id}/tags")
    RunView setTags(@PathVariable String id, @RequestBody TagsRequest request) {
        CairnPrincipal caller = access.caller(id, ProjectRole.EDITOR);
        commands.sendAndProject(new SetRunTagsCommand(id, caller.tenantId(), request.tags()), RESOURCE, id, PROJECTION);
        return runs.get(caller.tenantId(), id);
    }

    @DeleteMapping("/{id}/tags/{key}")
    RunView deleteTag(@PathVariable String id, @PathVariable String key) {
        CairnPrincipal caller = access.caller(id, ProjectRole.EDITOR);
        commands.sendAndProject(new DeleteRunTagCommand(id, caller.tenantId(), key), RESOURCE, id, PROJECTION);
        return runs.get(caller.tenantId(), id);
    }

    @PostMapping("/{id}/finish")
    RunView finish(@PathVariable String id, @RequestBody FinishRequest request) {
        CairnPrincipal caller = access.caller(id, ProjectRole.EDITOR);
        commands.sendAndProject(new FinishRunCommand(id, caller.tenantId(), RunStatus.requireTerminal(request.status()), request.endTime()),
                RESOURCE, id, PROJECTION);
        return runs.get(caller.tenantId(), id);
    }

    @PostMapping("/{id}/inputs")
    RunView declareInputs(@PathVariable String id, @RequestBody InputsRequest request) {
        CairnPrincipal caller = access.caller(id, ProjectRole.EDITOR);
        commands.sendAndProject(new DeclareRunInputsCommand(id, caller.tenantId(), request.datasetVersionIds()),
                RESOURCE, id, PROJECTION);
        return runs.get(caller.tenantId(), id);
    }
}
