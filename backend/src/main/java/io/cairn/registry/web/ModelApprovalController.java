package io.cairn.registry.web;

import static io.cairn.registry.web.ModelController.PROJECTION;
import static io.cairn.registry.web.ModelController.RESOURCE;

import io.cairn.common.error.InvalidInputException;
import io.cairn.common.messaging.Commands;
import io.cairn.common.web.PageToken;
import io.cairn.registry.api.RegisteredModelCommand.ApproveModelChangeCommand;
import io.cairn.registry.api.RegisteredModelCommand.RejectModelChangeCommand;
import io.cairn.registry.query.ModelReadModel;
import io.cairn.registry.query.ModelView;
import io.cairn.tenancy.AccessPolicy;
import io.cairn.tenancy.AccessPolicy.Action;
import io.cairn.tenancy.CairnPrincipal;
import java.util.List;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Approval requests of a model. Who may decide is {@link AccessPolicy#mayApproveModel}; that the requester
 * may not decide on their own request is a rule of the {@code RegisteredModel} aggregate.
 */
@RestController
@RequestMapping("/api/v1/models/{modelId}/approvals")
public class ModelApprovalController {

    private static final Set<String> STATUSES = Set.of("PENDING", "APPROVED", "REJECTED");

    private final Commands commands;
    private final ModelReadModel models;
    private final AccessPolicy policy;

    public ModelApprovalController(Commands commands, ModelReadModel models, AccessPolicy policy) {
        this.commands = commands;
        this.models = models;
        this.policy = policy;
    }

    public record DecisionRequest(String comment) {
    }

    public record ApprovalPage(List<ModelView.Approval> approvals, String nextPageToken) {
    }

    @GetMapping
    ApprovalPage list(@PathVariable String modelId, @RequestParam(required = false) String status,
                      @RequestParam(required = false) Integer maxResults,
                      @RequestParam(required = false) String pageToken) {
        CairnPrincipal caller = policy.caller(Action.READ);
        if (status != null && !STATUSES.contains(status)) {
            throw new InvalidInputException("status", "status must be PENDING, APPROVED or REJECTED");
        }
        int size = PageToken.maxResults(maxResults);
        long offset = PageToken.decode(pageToken);
        List<ModelView.Approval> rows = models.approvals(caller.tenantId(), modelId, status, offset, size + 1);
        return new ApprovalPage(rows.subList(0, Math.min(size, rows.size())), PageToken.next(offset, size, rows.size()));
    }

    @GetMapping("/{requestId}")
    ModelView.Approval get(@PathVariable String modelId, @PathVariable String requestId) {
        return models.approval(policy.caller(Action.READ).tenantId(), modelId, requestId);
    }

    @PostMapping("/{requestId}/approve")
    ModelView.Approval approve(@PathVariable String modelId, @PathVariable String requestId,
                               @RequestBody(required = false) DecisionRequest request) {
        CairnPrincipal caller = policy.caller(Action.WRITE);
        return decide(caller, modelId, requestId,
                new ApproveModelChangeCommand(modelId, caller.tenantId(), requestId, comment(request), caller));
    }

    @PostMapping("/{requestId}/reject")
    ModelView.Approval reject(@PathVariable String modelId, @PathVariable String requestId,
                              @RequestBody(required = false) DecisionRequest request) {
        CairnPrincipal caller = policy.caller(Action.WRITE);
        return decide(caller, modelId, requestId,
                new RejectModelChangeCommand(modelId, caller.tenantId(), requestId, comment(request), caller));
    }

    private ModelView.Approval decide(CairnPrincipal caller, String modelId, String requestId, Object decision) {
        commands.sendAndProject(decision, RESOURCE, modelId, PROJECTION);
        return models.approval(caller.tenantId(), modelId, requestId);
    }

    private static String comment(DecisionRequest request) {
        return request == null ? null : request.comment();
    }
}
