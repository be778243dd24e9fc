package io.cairn.audit.web;

import io.cairn.audit.query.AuditReadModel;
import io.cairn.audit.query.AuditReadModel.AuditEvent;
import io.cairn.audit.query.AuditReadModel.Filter;
import io.cairn.audit.query.AuditVerifier;
import io.cairn.common.error.InvalidInputException;
import io.cairn.common.web.PageToken;
import io.cairn.tenancy.AccessPolicy;
import io.cairn.tenancy.AccessPolicy.Action;
import io.cairn.tenancy.CairnPrincipal;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import tools.jackson.databind.json.JsonMapper;

/** The audit log of an organization: every event with actor, time and payload, export, chain verification. */
@RestController
@RequestMapping("/api/v1/orgs/{org}/audit")
public class AuditController {

    private final AuditReadModel audit;
    private final AuditVerifier verifier;
    private final AccessPolicy policy;
    private final JsonMapper json;

    public AuditController(AuditReadModel audit, AuditVerifier verifier, AccessPolicy policy, JsonMapper json) {
        this.audit = audit;
        this.verifier = verifier;
        this.policy = policy;
        this.json = json;
    }

    public record AuditPage(List<AuditEvent> events, String nextPageToken) {
    }

    @GetMapping("/events")
    AuditPage events(@PathVariable String org, @RequestParam(required = false) String actor,
                     @RequestParam(required = false) String aggregateType,
                     @RequestParam(required = false) String aggregateId,
                     @RequestParam(required = false) String eventType,
                     @RequestParam(required = false) Long from, @RequestParam(required = false) Long to,
                     @RequestParam(required = false) Integer maxResults,
                     @RequestParam(required = false) String pageToken) {
        CairnPrincipal caller = caller(org);
        int size = PageToken.maxResults(maxResults);
        long after = pageToken == null ? -1 : PageToken.decode(pageToken);
        List<AuditEvent> page = audit.page(caller.tenantId(),
                filter(actor, aggregateType, aggregateId, eventType, from, to), after, size + 1);
        String next = page.size() > size ? PageToken.encode(page.get(size - 1).globalIndex()) : null;
        return new AuditPage(page.subList(0, Math.min(size, page.size())), next);
    }

    /** The same filters, every matching event as one JSON object per line (JSON Lines). */
    @GetMapping("/events/export")
    ResponseEntity<StreamingResponseBody> export(@PathVariable String org,
                                                 @RequestParam(required = false) String actor,
                                                 @RequestParam(required = false) String aggregateType,
                                                 @RequestParam(required = false) String aggregateId,
                                                 @RequestParam(required = false) String eventType,
                                                 @RequestParam(required = false) Long from,
                                                 @RequestParam(required = false) Long to) {
        CairnPrincipal caller = caller(org);
        Filter filter = filter(actor, aggregateType, aggregateId, eventType, from, to);
        StreamingResponseBody body = (OutputStream out) -> audit.stream(caller.tenantId(), filter, event -> {
            try {
                out.write(json.writeValueAsBytes(event));
                out.write('\n');
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        return ResponseEntity.ok()
                .contentType(new MediaType("application", "x-ndjson", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(org + "-audit.jsonl").build().toString())
                .body(body);
    }

    /** Recomputes the organization's hash chain and reports the first broken link, if any. */
    @GetMapping("/verify")
    AuditVerifier.Verdict verify(@PathVariable String org) {
        return verifier.verify(caller(org).tenantId());
    }

    private CairnPrincipal caller(String org) {
        return policy.callerIn(org, Action.READ_AUDIT);
    }

    private static Filter filter(String actor, String aggregateType, String aggregateId, String eventType, Long from,
                                 Long to) {
        if (from != null && to != null && from > to) {
            throw new InvalidInputException("from", "from must not be after to");
        }
        return new Filter(actor, aggregateType, aggregateId, eventType, from, to);
    }
}
