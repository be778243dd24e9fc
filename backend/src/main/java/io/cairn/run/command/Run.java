package io.cairn.run.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.cairn.common.error.ConflictException;
import io.cairn.common.error.InvalidInputException;
import io.cairn.common.error.NotFoundException;
import io.cairn.common.messaging.MessageMetadata;
import io.cairn.common.validation.Inputs;
import io.cairn.compute.api.ComputeTargetGuard;
import io.cairn.dataset.api.DatasetGuard;
import io.cairn.project.api.ProjectGuard;
import io.cairn.run.api.BatchFingerprint;
import io.cairn.run.api.DatasetInput;
import io.cairn.run.api.RunArtifact;
import io.cairn.run.api.RunCommand.CheckRunLeaseCommand;
import io.cairn.run.api.RunCommand.CreateRunCommand;
import io.cairn.run.api.RunCommand.EndRunAttemptCommand;
import io.cairn.run.api.RunCommand.ExtendRunLeaseCommand;
import io.cairn.run.api.RunCommand.LeaseRunCommand;
import io.cairn.run.api.RunCommand.SubmitRunCommand;
import io.cairn.run.api.RunCommand.DeclareRunInputsCommand;
import io.cairn.run.api.RunCommand.DeleteRunCommand;
import io.cairn.run.api.RunCommand.DeleteRunTagCommand;
import io.cairn.run.api.RunCommand.FinishRunCommand;
import io.cairn.run.api.RunCommand.LogArtifactCommand;
import io.cairn.run.api.RunCommand.LogMetricsCommand;
import io.cairn.run.api.RunCommand.LogParamsCommand;
import io.cairn.run.api.RunCommand.RenameRunCommand;
import io.cairn.run.api.RunCommand.RestoreRunCommand;
import io.cairn.run.api.RunCommand.SetRunTagsCommand;
import io.cairn.run.api.RunCommand.StartRunCommand;
import io.cairn.run.api.RunEvent.ArtifactLoggedEvent;
import io.cairn.run.api.RunEvent.MetricsLoggedEvent;
import io.cairn.run.api.RunEvent.ParamsLoggedEvent;
import io.cairn.run.api.RunEvent.RunAttemptEndedEvent;
import io.cairn.run.api.RunEvent.RunAttemptLostEvent;
import io.cairn.run.api.RunEvent.RunAttemptStartedEvent;
import io.cairn.run.api.RunEvent.RunLeaseExtendedEvent;
import io.cairn.run.api.RunEvent.RunSubmittedEvent;
import io.cairn.run.api.RunEvent.RunCreatedEvent;
import io.cairn.run.api.RunEvent.RunDeletedEvent;
import io.cairn.run.api.RunEvent.RunFinishedEvent;
import io.cairn.run.api.RunEvent.RunInputsDeclaredEvent;
import io.cairn.run.api.RunEvent.RunRenamedEvent;
import io.cairn.run.api.RunEvent.RunRestoredEvent;
import io.cairn.run.api.RunEvent.RunStartedEvent;
import io.cairn.run.api.RunEvent.RunTagDeletedEvent;
import io.cairn.run.api.RunEvent.RunTaggedEvent;
import io.cairn.run.api.RunSpec;
import io.cairn.run.api.SourceArchiveGuard;
import io.cairn.run.api.RunStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One execution of training code. Guards its lifecycle, keeps params immutable and validates metric
 * batches; it keeps no metric history in memory (the {@code run-metrics} projection does), only the
 * idempotency keys of its latest batches. A deleted run (soft: MLflow's lifecycle stage) keeps everything but
 * accepts no change until it is restored. Cached and snapshotted so a batch never replays the run. The
 * {@code @Revision} is the snapshot format's: raise it when fields change, so older snapshots are ignored.
 *
 * <p>A run submitted to a compute target also owns its attempt state: which attempt is running, which agent holds
 * its lease and until when. Status and attempts change in one aggregate, so two agents can never hold one run and a
 * lost lease can never leave a RUNNING run behind. The lease is watched by a deadline ({@value #LEASE_DEADLINE}).
 */
@Aggregate(cache = "runCache", snapshotTriggerDefinition = "runSnapshotTrigger")
@Revision("3")
public class Run {

    /** Retried batches are recognised among this many latest keys of a run. */
    static final int REMEMBERED_IDEMPOTENCY_KEYS = 1000;
    static final String LEASE_DEADLINE = "run-lease";
    static final int DEFAULT_MAX_ATTEMPTS = 3;
    static final int MAX_ATTEMPTS = 10;
    /** The actor of events recorded when a lease expires: no request (and no principal) causes them. */
    static final String LEASE_WATCHER = "cairn:lease-expiry";

    @AggregateIdentifier
    private String runId;
    private String tenantId;
    private String projectId;
    private String name;
    private RunStatus status;
    private boolean deleted;
    private Map<String, String> params = new HashMap<>();
    private Set<String> tagKeys = new HashSet<>();
    private Set<String> inputs = new HashSet<>();
    private Map<String, RunArtifact> artifacts = new HashMap<>();
    private LinkedHashMap<String, String> recentBatches = new LinkedHashMap<>();
    private boolean submitted;
    private int maxAttempts;
    private int attempt;
    private String leaseAgentId;
    private long leaseExpiresAt;

    protected Run() {
    }

    @CommandHandler
    public Run(CreateRunCommand command, ProjectGuard projects, SourceArchiveGuard archives, Clock clock) {
        projects.requireAcceptsRuns(command.tenantId(), command.projectId(), "projectId");
        String name = command.name() == null ? RunNames.generate() : Inputs.requireName("name", command.name());
        Inputs.requireTags("tags", command.tags());
        RunRules.requireSource(command.source(), command.tenantId(), archives);
        RunRules.requireEnvironment(command.environment());
        long startTime = command.startTime() == null ? clock.millis() : command.startTime();
        if (startTime <= 0) {
            throw new InvalidInputException("startTime", "startTime must be epoch milliseconds");
        }
        apply(new RunCreatedEvent(command.runId(), command.tenantId(), command.projectId(), name,
                command.tags() == null ? Map.of() : Map.copyOf(command.tags()), command.source(), command.environment(),
                command.queued() ? RunStatus.QUEUED : RunStatus.RUNNING, startTime));
    }

    @CommandHandler
    public Run(SubmitRunCommand command, ProjectGuard projects, ComputeTargetGuard targets, DatasetGuard datasets,
               SourceArchiveGuard archives, Clock clock) {
        projects.requireAcceptsRuns(command.tenantId(), command.projectId(), "projectId");
        String name = command.name() == null ? RunNames.generate() : Inputs.requireName("name", command.name());
        Inputs.requireTags("tags", command.tags());
        String targetKind = targets.requireKind(command.tenantId(), command.targetId(), "targetId");
        RunSpec spec = RunRules.requireSpec(command.spec(), targetKind);
        RunRules.requireSubmittedSource(command.source(), command.tenantId(), archives);
        int attempts = spec.maxAttempts() == null ? DEFAULT_MAX_ATTEMPTS : spec.maxAttempts();
        if (attempts < 1 || attempts > MAX_ATTEMPTS) {
            throw new InvalidInputException("spec.maxAttempts", "maxAttempts must be between 1 and " + MAX_ATTEMPTS);
        }
        List<DatasetInput> inputs = spec.inputs() == null || spec.inputs().isEmpty() ? List.of()
                : datasets.requireVersions(command.tenantId(), spec.inputs(), "spec.inputs");
        apply(new RunCreatedEvent(command.runId(), command.tenantId(), command.projectId(), name,
                command.tags() == null ? Map.of() : Map.copyOf(command.tags()), command.source(), spec.environment(),
                RunStatus.QUEUED, clock.millis()));
        apply(new RunSubmittedEvent(command.runId(), command.tenantId(), command.projectId(), command.targetId(), spec,
                attempts));
        if (!inputs.isEmpty()) {
            Map<String, DatasetInput> distinct = new LinkedHashMap<>();
            inputs.forEach(input -> distinct.putIfAbsent(input.datasetVersionId(), input));
            apply(new RunInputsDeclaredEvent(command.runId(), command.tenantId(), List.copyOf(distinct.values())));
        }
    }

    /** Answers the attempt number. Only a QUEUED submitted run is leased: of two racing agents, one wins. */
    @CommandHandler
    int handle(LeaseRunCommand command, Clock clock, DeadlineManager deadlines) {
        requireTenant(command.tenantId());
        if (!submitted) {
            throw new ConflictException(null, "Run '" + runId + "' was not submitted to a compute target");
        }
        if (status != RunStatus.QUEUED) {
            throw new ConflictException(null, "Run '" + runId + "' is " + status + " and cannot be leased");
        }
        long now = clock.millis();
        apply(new RunAttemptStartedEvent(runId, tenantId, attempt + 1, command.agentId(), now + command.leaseMillis(), now));
        scheduleLeaseDeadline(deadlines);
        return attempt;
    }

    @CommandHandler
    void handle(ExtendRunLeaseCommand command, Clock clock) {
        requireLeaseHolder(command.tenantId(), command.agentId());
        apply(new RunLeaseExtendedEvent(runId, tenantId, attempt, leaseAgentId, clock.millis() + command.leaseMillis()));
    }

    @CommandHandler
    void handle(EndRunAttemptCommand command, Clock clock) {
        requireLeaseHolder(command.tenantId(), command.agentId());
        if (command.attempt() != null && command.attempt() != attempt) {
            throw new ConflictException("attempt", "Attempt " + command.attempt() + " of run '" + runId
                    + "' is over; the run is at attempt " + attempt);
        }
        if (command.status() == null || !command.status().isTerminal()) {
            throw new InvalidInputException("status", "status must be FINISHED, FAILED or KILLED");
        }
        Inputs.requireMaxLength("reason", command.reason(), 2000);
        apply(new RunAttemptEndedEvent(runId, tenantId, attempt, leaseAgentId, command.status(), command.exitCode(),
                command.reason()));
        apply(new RunFinishedEvent(runId, tenantId, command.status(), clock.millis()));
    }

    @CommandHandler
    void handle(CheckRunLeaseCommand command, Clock clock, DeadlineManager deadlines) {
        requireTenant(command.tenantId());
        if (leaseAgentId == null) {
            return;
        }
        if (clock.millis() >= leaseExpiresAt) {
            loseAttempt();
        } else {
            scheduleLeaseDeadline(deadlines);
        }
    }

    /** Fires when a lease may be over: extended since it was scheduled → wait for the new expiry, else lost. */
    @DeadlineHandler(deadlineName = LEASE_DEADLINE)
    void onLeaseDeadline(LeaseDeadline deadline, DeadlineManager deadlines) {
        if (leaseAgentId == null || deadline.attempt() != attempt) {
            return;
        }
        if (leaseExpiresAt > deadline.expiresAt()) {
            scheduleLeaseDeadline(deadlines);
        } else {
            loseAttempt();
        }
    }

    private void loseAttempt() {
        boolean requeued = attempt < maxAttempts;
        String reason = "The lease of agent '" + leaseAgentId + "' expired at " + Instant.ofEpochMilli(leaseExpiresAt)
                + " (attempt " + attempt + " of " + maxAttempts + ")";
        long lostAt = leaseExpiresAt;
        MetaData metaData = MetaData.with(MessageMetadata.TENANT_ID, tenantId).and(MessageMetadata.PRINCIPAL, LEASE_WATCHER);
        apply(new RunAttemptLostEvent(runId, tenantId, attempt, leaseAgentId, reason, requeued), metaData);
        if (!requeued) {
            apply(new RunFinishedEvent(runId, tenantId, RunStatus.FAILED, lostAt), metaData);
        }
    }

    private void scheduleLeaseDeadline(DeadlineManager deadlines) {
        deadlines.schedule(Instant.ofEpochMilli(leaseExpiresAt), LEASE_DEADLINE, new LeaseDeadline(attempt, leaseExpiresAt));
    }

    private void requireLeaseHolder(String commandTenant, String agentId) {
        requireTenant(commandTenant);
        if (leaseAgentId == null || !leaseAgentId.equals(agentId)) {
            throw new ConflictException(null, "Agent '" + agentId + "' holds no lease on run '" + runId + "' (it is "
                    + status + ")");
        }
    }

    @CommandHandler
    void handle(StartRunCommand command, Clock clock) {
        requireTenant(command.tenantId());
        requireNotDeleted("status");
        if (submitted) {
            throw new ConflictException("status", "Run '" + runId + "' was submitted to a compute target; its agent starts it");
        }
        requireTransition(RunStatus.RUNNING);
        apply(new RunStartedEvent(runId, tenantId, command.startTime() == null ? clock.millis() : command.startTime()));
    }

    @CommandHandler
    void handle(FinishRunCommand command, Clock clock) {
        requireTenant(command.tenantId());
        if (command.status() == null || !command.status().isTerminal()) {
            throw new InvalidInputException("status", "status must be FINISHED, FAILED or KILLED");
        }
        requireNotDeleted("status");
        requireTransition(command.status());
        long endTime = command.endTime() == null ? clock.millis() : command.endTime();
        apply(new RunFinishedEvent(runId, tenantId, command.status(), endTime));
    }

    @CommandHandler
    void handle(LogParamsCommand command) {
        requireTenant(command.tenantId());
        RunRules.requireParams(command.params());
        requireActive("params");
        Map<String, String> fresh = new LinkedHashMap<>();
        command.params().forEach((key, value) -> {
            String existing = params.get(key);
            if (existing == null) {
                fresh.put(key, value);
            } else if (!existing.equals(value)) {
                throw new ConflictException("params." + key, "Param '" + key + "' is already '"
                        + Inputs.abbreviate(existing) + "'; params cannot be changed once logged");
            }
        });
        if (!fresh.isEmpty()) {
            apply(new ParamsLoggedEvent(runId, tenantId, fresh));
        }
    }

    @CommandHandler
    void handle(SetRunTagsCommand command) {
        requireTenant(command.tenantId());
        if (command.tags() == null || command.tags().isEmpty()) {
            throw new InvalidInputException("tags", "tags must contain at least one entry");
        }
        Inputs.requireTags("tags", command.tags());
        requireNotDeleted("tags");
        apply(new RunTaggedEvent(runId, tenantId, Map.copyOf(command.tags())));
    }

    @CommandHandler
    void handle(RenameRunCommand command) {
        requireTenant(command.tenantId());
        String newName = Inputs.requireName("name", command.name());
        requireNotDeleted("name");
        if (!newName.equals(name)) {
            apply(new RunRenamedEvent(runId, tenantId, newName));
        }
    }

    /** Deleting a deleted run changes nothing. */
    @CommandHandler
    void handle(DeleteRunCommand command) {
        requireTenant(command.tenantId());
        if (!deleted) {
            apply(new RunDeletedEvent(runId, tenantId));
        }
    }

    /** Restoring a run that is not deleted changes nothing. */
    @CommandHandler
    void handle(RestoreRunCommand command) {
        requireTenant(command.tenantId());
        if (deleted) {
            apply(new RunRestoredEvent(runId, tenantId));
        }
    }

    @CommandHandler
    void handle(DeleteRunTagCommand command) {
        requireTenant(command.tenantId());
        requireNotDeleted("key");
        if (!tagKeys.contains(command.key())) {
            throw new NotFoundException("Tag", command.key());
        }
        apply(new RunTagDeletedEvent(runId, tenantId, command.key()));
    }

    /** Answers true when the batch was recorded, false when it repeats an earlier batch's idempotency key. */
    @CommandHandler
    boolean handle(LogMetricsCommand command, Clock clock) {
        requireTenant(command.tenantId());
        RunRules.requirePoints(command.points(), clock.millis());
        String fingerprint = command.fingerprint() != null ? command.fingerprint()
                : BatchFingerprint.of(command.points());
        String key = command.idempotencyKey();
        if (key != null) {
            Inputs.requireMaxLength("Idempotency-Key", key, 255);
            String earlier = recentBatches.get(key);
            if (earlier != null) {
                if (!earlier.equals(fingerprint)) {
                    throw new ConflictException("Idempotency-Key", "Idempotency-Key '" + Inputs.abbreviate(key)
                            + "' was already used for a different batch of this run");
                }
                return false;
            }
        }
        requireActive("points");
        apply(MetricsLoggedEvent.of(runId, tenantId, command.points()), key == null ? MetaData.emptyInstance()
                : MetaData.with(MessageMetadata.IDEMPOTENCY_KEY, key).and(MessageMetadata.BATCH_FINGERPRINT, fingerprint));
        return true;
    }

    @CommandHandler
    void handle(LogArtifactCommand command) {
        requireTenant(command.tenantId());
        String path = RunRules.requireArtifactPath(command.path());
        requireActive("path");
        apply(new ArtifactLoggedEvent(runId, tenantId, path, command.sha256(), command.size(), command.contentType()));
    }

    @CommandHandler
    void handle(DeclareRunInputsCommand command, DatasetGuard datasets) {
        requireTenant(command.tenantId());
        if (command.datasetVersionIds() == null || command.datasetVersionIds().isEmpty()) {
            throw new InvalidInputException("datasetVersionIds", "datasetVersionIds must name at least one version");
        }
        if (command.datasetVersionIds().size() > 1000) {
            throw new InvalidInputException("datasetVersionIds", "At most 1000 inputs per request");
        }
        requireActive("datasetVersionIds");
        List<DatasetInput> fresh = new ArrayList<>();
        for (DatasetInput input : datasets.requireVersions(tenantId, command.datasetVersionIds(), "datasetVersionIds")) {
            if (!inputs.contains(input.datasetVersionId()) && fresh.stream()
                    .noneMatch(f -> f.datasetVersionId().equals(input.datasetVersionId()))) {
                fresh.add(input);
            }
        }
        if (!fresh.isEmpty()) {
            apply(new RunInputsDeclaredEvent(runId, tenantId, fresh));
        }
    }

    /** Used while other aggregates handle commands (a model version registered from an artifact of this run). */
    public boolean belongsTo(String tenantId) {
        return this.tenantId.equals(tenantId);
    }

    /** The artifact last logged at {@code path}, or null. */
    public RunArtifact artifact(String path) {
        return artifacts.get(path);
    }

    private void requireTenant(String commandTenant) {
        if (!tenantId.equals(commandTenant)) {
            throw new NotFoundException("Run", runId);
        }
    }

    private void requireTransition(RunStatus next) {
        if (!status.canBecome(next)) {
            throw new ConflictException("status", "Run '" + runId + "' is " + status + " and cannot become " + next);
        }
    }

    private void requireNotDeleted(String field) {
        if (deleted) {
            throw new ConflictException(field, "Run '" + runId + "' is deleted; restore it first");
        }
    }

    private void requireActive(String field) {
        requireNotDeleted(field);
        if (status.isTerminal()) {
            throw new ConflictException(field, "Run '" + runId + "' is " + status + "; only active runs accept this");
        }
    }

    @EventSourcingHandler
    void on(RunCreatedEvent event) {
        runId = event.runId();
        tenantId = event.tenantId();
        projectId = event.projectId();
        status = event.status();
        name = event.name();
        tagKeys.addAll(event.tags().keySet());
    }

    @EventSourcingHandler
    void on(RunRenamedEvent event) {
        name = event.name();
    }

    @EventSourcingHandler
    void on(RunDeletedEvent event) {
        deleted = true;
    }

    @EventSourcingHandler
    void on(RunRestoredEvent event) {
        deleted = false;
    }

    @EventSourcingHandler
    void on(RunStartedEvent event) {
        status = RunStatus.RUNNING;
    }

    @EventSourcingHandler
    void on(RunFinishedEvent event) {
        status = event.status();
        leaseAgentId = null;
    }

    @EventSourcingHandler
    void on(RunSubmittedEvent event) {
        submitted = true;
        maxAttempts = event.maxAttempts();
    }

    @EventSourcingHandler
    void on(RunAttemptStartedEvent event) {
        status = RunStatus.RUNNING;
        attempt = event.attempt();
        leaseAgentId = event.agentId();
        leaseExpiresAt = event.leaseExpiresAt();
    }

    @EventSourcingHandler
    void on(RunLeaseExtendedEvent event) {
        leaseExpiresAt = event.leaseExpiresAt();
    }

    @EventSourcingHandler
    void on(RunAttemptLostEvent event) {
        leaseAgentId = null;
        if (event.requeued()) {
            status = RunStatus.QUEUED;
        }
    }

    @EventSourcingHandler
    void on(ParamsLoggedEvent event) {
        params.putAll(event.params());
    }

    @EventSourcingHandler
    void on(RunTaggedEvent event) {
        tagKeys.addAll(event.tags().keySet());
    }

    @EventSourcingHandler
    void on(RunTagDeletedEvent event) {
        tagKeys.remove(event.key());
    }

    /** Declared by payload type only, so rebuilding a run never deserializes its metric points. */
    @EventSourcingHandler(payloadType = MetricsLoggedEvent.class)
    void onMetricsLogged(@MetaDataValue(MessageMetadata.IDEMPOTENCY_KEY) String idempotencyKey,
                         @MetaDataValue(MessageMetadata.BATCH_FINGERPRINT) String fingerprint) {
        if (idempotencyKey != null) {
            recentBatches.put(idempotencyKey, fingerprint);
            if (recentBatches.size() > REMEMBERED_IDEMPOTENCY_KEYS) {
                recentBatches.remove(recentBatches.keySet().iterator().next());
            }
        }
    }

    @EventSourcingHandler
    void on(ArtifactLoggedEvent event) {
        artifacts.put(event.path(), new RunArtifact(runId, projectId, event.path(), event.sha256(), event.size()));
    }

    @EventSourcingHandler
    void on(RunInputsDeclaredEvent event) {
        event.inputs().forEach(input -> inputs.add(input.datasetVersionId()));
    }
}
