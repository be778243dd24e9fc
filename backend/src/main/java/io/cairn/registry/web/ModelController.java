package io.cairn.registry.web;

import io.cairn.common.messaging.Commands;
import io.cairn.common.web.PageToken;
import io.cairn.registry.api.RegisteredModelCommand.CreateRegisteredModelCommand;
import io.cairn.registry.api.RegisteredModelCommand.DeleteRegisteredModelCommand;
import io.cairn.registry.api.RegisteredModelCommand.DescribeRegisteredModelCommand;
import io.cairn.registry.api.RegisteredModelCommand.RenameRegisteredModelCommand;
import io.cairn.registry.api.RegisteredModelCommand.SetProtectedAliasesCommand;
import io.cairn.registry.api.RegisteredModelCommand.TagRegisteredModelCommand;
import io.cairn.registry.api.RegisteredModelCommand.UntagRegisteredModelCommand;
import io.cairn.registry.query.ModelReadModel;
import io.cairn.registry.query.ModelView;
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
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Registered models: create, read, rename, describe, tag, protect aliases, delete (soft). */
@RestController
@RequestMapping("/api/v1/models")
public class ModelController {

    static final String RESOURCE = "Model";
    static final String PROJECTION = "models";

    private final Commands commands;
    private final ModelReadModel models;
    private final AccessPolicy policy;

    public ModelController(Commands commands, ModelReadModel models, AccessPolicy policy) {
        this.commands = commands;
        this.models = models;
        this.policy = policy;
    }

    public record CreateModelRequest(String name, String description, Map<String, String> tags) {
    }

    public record UpdateModelRequest(String name, String description) {
    }

    public record TagsRequest(Map<String, String> tags) {
    }

    public record ProtectedAliasesRequest(List<String> aliases) {
    }

    public record ModelPage(List<ModelView> models, String nextPageToken) {
    }

    @PostMapping
    ResponseEntity<ModelView> create(@RequestBody CreateModelRequest request) {
        CairnPrincipal caller = policy.caller(Action.WRITE);
        String id = UUID.randomUUID().toString();
        commands.sendAndProject(new CreateRegisteredModelCommand(id, caller.tenantId(), request.name(),
                request.description(), request.tags()), RESOURCE, id, PROJECTION);
        return ResponseEntity.created(URI.create("/api/v1/models/" + id)).body(models.get(caller.tenantId(), id));
    }

    @GetMapping
    ModelPage list(@RequestParam(required = false) Integer maxResults, @RequestParam(required = false) String pageToken,
                   @RequestParam(defaultValue = "false") boolean includeDeleted) {
        CairnPrincipal caller = policy.caller(Action.READ);
        int size = PageToken.maxResults(maxResults);
        long offset = PageToken.decode(pageToken);
        List<ModelView> rows = models.list(caller.tenantId(), includeDeleted, offset, size + 1);
        return new ModelPage(rows.subList(0, Math.min(size, rows.size())), PageToken.next(offset, size, rows.size()));
    }

    @GetMapping("/{id}")
    ModelView get(@PathVariable String id) {
        return models.get(policy.caller(Action.READ).tenantId(), id);
    }

    @PatchMapping("/{id}")
    ModelView update(@PathVariable String id, @RequestBody UpdateModelRequest request) {
        CairnPrincipal caller = policy.caller(Action.WRITE);
        if (request.name() != null) {
            send(new RenameRegisteredModelCommand(id, caller.tenantId(), request.name()), id);
        }
        if (request.description() != null) {
            send(new DescribeRegisteredModelCommand(id, caller.tenantId(), request.description()), id);
        }
        return models.get(caller.tenantId(), id);
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable String id) {
        CairnPrincipal caller = policy.caller(Action.WRITE);
        send(new DeleteRegisteredModelCommand(id, caller.tenantId()), id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/tags")
    ModelView tag(@PathVariable String id, @RequestBody TagsRequest request) {
        CairnPrincipal caller = policy.caller(Action.WRITE);
        send(new TagRegisteredModelCommand(id, caller.tenantId(), request.tags()), id);
        return models.get(caller.tenantId(), id);
    }

    @DeleteMapping("/{id}/tags/{key}")
    ModelView untag(@PathVariable String id, @PathVariable String key) {
        CairnPrincipal caller = policy.caller(Action.WRITE);
        send(new UntagRegisteredModelCommand(id, caller.tenantId(), key), id);
        return models.get(caller.tenantId(), id);
    }

    /** Which aliases need approval to move; owners and admins only (the aggregate asks {@link AccessPolicy}). */
    @PutMapping("/{id}/protected-aliases")
    ModelView protectAliases(@PathVariable String id, @RequestBody ProtectedAliasesRequest request) {
        CairnPrincipal caller = policy.caller(Action.WRITE);
        send(new SetProtectedAliasesCommand(id, caller.tenantId(), request.aliases(), caller), id);
        return models.get(caller.tenantId(), id);
    }

    private void send(Object command, String id) {
        commands.sendAndProject(command, RESOURCE, id, PROJECTION);
    }
}
