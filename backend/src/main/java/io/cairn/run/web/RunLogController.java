package io.cairn.run.web;

import io.cairn.common.error.InvalidInputException;
import io.cairn.project.api.ProjectRole;
import io.cairn.run.query.RunLogStore;
import io.cairn.run.query.RunLogStore.LogChunk;
import io.cairn.tenancy.CairnPrincipal;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A run's stdout and stderr: chunks appended by the process that executes it, read in order or as a tail. */
@RestController
public class RunLogController {

    static final int MAX_CHUNK_CHARS = 65_536;
    private static final int DEFAULT_CHUNKS = 1000;
    private static final Set<String> STREAMS = Set.of("stdout", "stderr");

    private final RunAccess access;
    private final RunLogStore logs;
    private final Clock clock;

    RunLogController(RunAccess access, RunLogStore logs, Clock clock) {
        this.access = access;
        this.logs = logs;
        this.clock = clock;
    }

    public record LogRequest(String stream, String text) {
    }

    public record Appended(long seq) {
    }

    /** {@code nextSeq}: pass it as {@code after} to read what was appended since. */
    public record LogPage(List<LogChunk> chunks, long nextSeq) {
    }

    @PostMapping("/api/v1/runs/{id}/logs")
    Appended append(@PathVariable String id, @RequestBody LogRequest request) {
        CairnPrincipal caller = access.caller(id, ProjectRole.EDITOR);
        if (request.stream() == null || !STREAMS.contains(request.stream())) {
            throw new InvalidInputException("stream", "stream must be stdout or stderr");
        }
        if (request.text() == null || request.text().isEmpty()) {
            throw new InvalidInputException("text", "text must not be empty");
        }
        if (request.text().length() > MAX_CHUNK_CHARS) {
            throw new InvalidInputException("text", "A log chunk holds at most " + MAX_CHUNK_CHARS + " characters");
        }
        return new Appended(logs.append(caller.tenantId(), id, request.stream(), request.text(), clock.millis()));
    }

    @GetMapping("/api/v1/runs/{id}/logs")
    LogPage read(@PathVariable String id, @RequestParam(required = false) String stream,
                 @RequestParam(required = false) Long after, @RequestParam(required = false) Integer tail,
                 @RequestParam(required = false) Integer maxResults) {
        CairnPrincipal caller = access.caller(id, ProjectRole.VIEWER);
        if (stream != null && !STREAMS.contains(stream)) {
            throw new InvalidInputException("stream", "stream must be stdout or stderr");
        }
        if (tail != null && (tail < 1 || tail > DEFAULT_CHUNKS)) {
            throw new InvalidInputException("tail", "tail must be between 1 and " + DEFAULT_CHUNKS);
        }
        if (maxResults != null && (maxResults < 1 || maxResults > DEFAULT_CHUNKS)) {
            throw new InvalidInputException("maxResults", "maxResults must be between 1 and " + DEFAULT_CHUNKS);
        }
        long afterSeq = after == null ? 0 : after;
        List<LogChunk> chunks = tail != null
                ? logs.read(caller.tenantId(), id, stream, afterSeq, tail, true)
                : logs.read(caller.tenantId(), id, stream, afterSeq, maxResults == null ? DEFAULT_CHUNKS : maxResults, false);
        return new LogPage(chunks, chunks.isEmpty() ? afterSeq : chunks.get(chunks.size() - 1).seq());
    }
}
