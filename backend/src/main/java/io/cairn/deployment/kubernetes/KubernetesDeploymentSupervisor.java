package io.cairn.deployment.kubernetes;

import io.cairn.deployment.query.DeploymentReadModel;
import io.cairn.deployment.query.DeploymentView;
import io.cairn.deployment.query.DeploymentView.Rollout;
import io.cairn.deployment.query.DeploymentView.Served;
import io.cairn.deployment.serving.DeploymentRuntime;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import jakarta.annotation.PreDestroy;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Runs the model servers of {@code kubernetes} deployments as Kubernetes Deployments, through fabric8's client.
 * Every {@code poll-interval} (and at once after a change through the API) it reconciles: it builds the manifests
 * of every served version of every live deployment from the {@code deployments} read model, lists what Cairn
 * manages in the organization namespaces (label {@code app.kubernetes.io/managed-by=cairn}), creates what is
 * missing, replaces what differs (by the {@code cairn.io/manifest-hash} annotation) and deletes what no
 * deployment serves any more: a scale changes replicas, a canary adds a second version's objects, promote and
 * roll back delete the losing version's, a deleted deployment loses them all. Being level-triggered, it needs no
 * event of its own and catches up after a restart or an API server outage.
 *
 * <p>The same listing reads each Deployment's status into the rollout the API shows: AVAILABLE when every
 * replica is updated, ready and available, FAILED on {@code ProgressDeadlineExceeded} or a replica failure,
 * otherwise PROGRESSING. Cairn's Deployments are also <em>watched</em> in every namespace it has written to: a
 * status the Deployment controller writes (a replica became ready, the deadline passed) starts a reconciliation at
 * once, so a rollout's progress and the first ready replica (which scoring waits for) are seen within moments rather
 * than at the next poll; the poll stays as the resync that repairs what a lost watch missed. Only tested against
 * fabric8's mock API server, not a real cluster.
 */
@Component
public class KubernetesDeploymentSupervisor implements DeploymentRuntime {

    /** One served version of one deployment. */
    record VersionKey(String tenantId, String deploymentId, int version) {
    }

    /** What the last reconciliation saw of a served version. */
    record Observation(String status, String reason, Rollout rollout) {
    }

    private record ObjectKey(String kind, String namespace, String name) {
        static ObjectKey of(HasMetadata object) {
            return new ObjectKey(object.getKind(), object.getMetadata().getNamespace(), object.getMetadata().getName());
        }
    }

    private static final Logger log = LoggerFactory.getLogger(KubernetesDeploymentSupervisor.class);
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private final KubernetesDeploymentProperties properties;
    private final DeploymentReadModel deployments;
    private final KubernetesManifests manifests;
    /** Namespaces that held (or should hold) Cairn's objects since this backend started: listed at every round. */
    private final Set<String> namespaces = ConcurrentHashMap.newKeySet();
    private volatile Map<VersionKey, Observation> observed = Map.of();
    private volatile KubernetesClient client;
    /** The open watch of Cairn's Deployments in each namespace; a closed one is dropped and opened again next round. */
    private final Map<String, Watch> watches = new ConcurrentHashMap<>();
    /** Whether a reconciliation is queued and not started yet: a burst of nudges and watch events queues one. */
    private final AtomicBoolean queued = new AtomicBoolean();
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "cairn-kubernetes-supervisor");
        thread.setDaemon(true);
        return thread;
    });

    @Autowired
    public KubernetesDeploymentSupervisor(KubernetesDeploymentProperties properties, DeploymentReadModel deployments) {
        this(properties, deployments, null);
    }

    /** With {@code client} given (tests), it is used rather than one built from the settings. */
    KubernetesDeploymentSupervisor(KubernetesDeploymentProperties properties, DeploymentReadModel deployments,
                                   KubernetesClient client) {
        this.properties = properties;
        this.deployments = deployments;
        this.manifests = new KubernetesManifests(properties);
        this.client = client;
    }

    @Override
    public String target() {
        return io.cairn.deployment.command.Deployment.KUBERNETES;
    }

    @Override
    public boolean acceptsDeployments() {
        return properties.enabled();
    }

    @Override
    public String refusal() {
        return "The kubernetes target is not enabled on this installation (cairn.deployments.kubernetes.enabled=false); "
                + "use target 'local' or ask an operator to enable it";
    }

    @EventListener(ApplicationReadyEvent.class)
    void begin() {
        if (!properties.enabled()) {
            return;
        }
        if (client == null) {
            client = new KubernetesClientBuilder().withConfig(config(properties)).build();
        }
        log.info("Reconciling kubernetes deployments with {} every {} s", client.getMasterUrl(),
                properties.pollInterval().toSeconds());
        loop.scheduleWithFixedDelay(this::safeTick, 0, properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * fabric8's default configuration (kubeconfig, else in-cluster), or the configured kubeconfig and master;
     * without the client's own retries, since the next round retries anyway.
     */
    static Config config(KubernetesDeploymentProperties properties) {
        Config base = properties.kubeconfig() != null ? Config.fromKubeconfig(properties.kubeconfig().toFile())
                : Config.autoConfigure(null);
        ConfigBuilder config = new ConfigBuilder(base).withRequestRetryBackoffLimit(0);
        if (properties.masterUrl() != null && !properties.masterUrl().isBlank()) {
            config.withMasterUrl(properties.masterUrl());
        }
        return config.build();
    }

    @Override
    public void nudge() {
        if (properties.enabled() && client != null && queued.compareAndSet(false, true)) {
            try {
                loop.execute(() -> {
                    queued.set(false);
                    safeTick();
                });
            } catch (RejectedExecutionException stopping) {
                queued.set(false);
            }
        }
    }

    @Override
    public URI scoreUri(String tenantId, DeploymentView deployment, int version) {
        Observation observation = observed.get(new VersionKey(tenantId, deployment.id(), version));
        if (deployment.replicas() == 0 || observation == null || observation.rollout().readyReplicas() < 1) {
            return null;
        }
        return URI.create(manifests.scoreUri(tenantId, deployment.id(), version));
    }

    @Override
    public DeploymentView observe(String tenantId, DeploymentView deployment) {
        List<Served> versions = new ArrayList<>();
        for (Served served : deployment.versions()) {
            versions.add(observed(tenantId, deployment, served));
        }
        String status;
        if (deployment.replicas() == 0) {
            status = "STOPPED";
        } else if (versions.stream().anyMatch(v -> "FAILED".equals(v.status()))) {
            status = "FAILED";
        } else if (versions.stream().allMatch(v -> "AVAILABLE".equals(v.status()))) {
            status = "AVAILABLE";
        } else if (versions.stream().allMatch(v -> "PENDING".equals(v.status()))) {
            status = "PENDING";
        } else {
            status = "PROGRESSING";
        }
        return deployment.withVersions(status, List.copyOf(versions));
    }

    private Served observed(String tenantId, DeploymentView deployment, Served served) {
        Observation observation = observed.get(new VersionKey(tenantId, deployment.id(), served.version()));
        Rollout rollout = observation != null ? observation.rollout()
                : new Rollout(manifests.namespace(tenantId), KubernetesManifests.name(deployment.id(), served.version()),
                deployment.replicas(), 0, 0, 0);
        if (deployment.replicas() == 0) {
            return served.withRollout("STOPPED", "Scaled to 0 replicas", rollout);
        }
        if (!properties.enabled()) {
            return served.withRollout("PENDING", "This backend does not reconcile kubernetes deployments "
                    + "(cairn.deployments.kubernetes.enabled=false)", rollout);
        }
        if (observation == null) {
            return served.withRollout("PENDING", "Not applied to the cluster yet", rollout);
        }
        return served.withRollout(observation.status(), observation.reason(), rollout);
    }

    private void safeTick() {
        try {
            tick();
        } catch (RuntimeException e) {
            log.warn("Kubernetes reconciliation failed this round; retrying at the next", e);
        }
    }

    /** One reconciliation of the cluster with the read model, and a fresh read of every rollout. */
    synchronized void tick() {
        Map<ObjectKey, HasMetadata> desired = new LinkedHashMap<>();
        Map<ObjectKey, VersionKey> owners = new HashMap<>();
        for (DeploymentReadModel.Row row : deployments.allOn(target())) {
            DeploymentView view = row.view();
            for (Served served : view.versions()) {
                VersionKey owner = new VersionKey(row.tenantId(), view.id(), served.version());
                for (HasMetadata object : manifests.objects(new KubernetesManifests.Version(row.tenantId(), view.id(),
                        view.modelId(), served.version(), served.artifactSha256(), view.replicas()))) {
                    stamp(object);
                    desired.put(ObjectKey.of(object), object);
                    owners.put(ObjectKey.of(object), owner);
                }
            }
        }
        desired.keySet().forEach(key -> namespaces.add(key.namespace()));
        namespaces.forEach(this::watch);
        Map<VersionKey, Observation> next = new HashMap<>();
        Map<VersionKey, String> failures = new HashMap<>();
        for (String namespace : new TreeSet<>(namespaces)) {
            reconcile(namespace, desired, owners, next, failures);
        }
        failures.forEach((owner, why) -> {
            Observation seen = next.get(owner);
            Rollout rollout = seen != null ? seen.rollout() : new Rollout(manifests.namespace(owner.tenantId()),
                    KubernetesManifests.name(owner.deploymentId(), owner.version()), 0, 0, 0, 0);
            next.put(owner, new Observation("FAILED", why, rollout));
        });
        observed = Map.copyOf(next);
    }

    /** Opens the watch of Cairn's Deployments in {@code namespace} unless one is open; any event nudges. */
    private void watch(String namespace) {
        if (watches.containsKey(namespace)) {
            return;
        }
        try {
            watches.put(namespace, client.apps().deployments().inNamespace(namespace)
                    .withLabel(KubernetesManifests.MANAGED_BY, KubernetesManifests.MANAGER).watch(new Watcher<>() {
                        @Override
                        public void eventReceived(Action action, Deployment deployment) {
                            nudge();
                        }

                        @Override
                        public void onClose(WatcherException cause) {
                            watches.remove(namespace);
                            log.info("The watch of Cairn's Deployments in {} closed ({}); reopened at the next round",
                                    namespace, cause.getMessage());
                        }
                    }));
        } catch (KubernetesClientException e) {
            log.debug("Cannot watch Deployments in {} yet: {}", namespace, e.getMessage());
        }
    }

    private void reconcile(String namespace, Map<ObjectKey, HasMetadata> desired, Map<ObjectKey, VersionKey> owners,
                           Map<VersionKey, Observation> next, Map<VersionKey, String> failures) {
        Map<ObjectKey, HasMetadata> existing = new HashMap<>();
        List<Deployment> rollouts;
        try {
            rollouts = client.apps().deployments().inNamespace(namespace)
                    .withLabel(KubernetesManifests.MANAGED_BY, KubernetesManifests.MANAGER).list().getItems();
            rollouts.forEach(d -> existing.put(ObjectKey.of(d), d));
            client.services().inNamespace(namespace)
                    .withLabel(KubernetesManifests.MANAGED_BY, KubernetesManifests.MANAGER).list().getItems()
                    .forEach(s -> existing.put(ObjectKey.of(s), s));
            client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(namespace)
                    .withLabel(KubernetesManifests.MANAGED_BY, KubernetesManifests.MANAGER).list().getItems()
                    .forEach(h -> existing.put(ObjectKey.of(h), h));
        } catch (KubernetesClientException e) {
            String why = "The Kubernetes API refused to list namespace " + namespace + ": " + e.getMessage();
            log.warn(why);
            owners.forEach((key, owner) -> {
                if (key.namespace().equals(namespace)) {
                    failures.put(owner, why);
                }
            });
            return;
        }
        for (Map.Entry<ObjectKey, HasMetadata> entry : existing.entrySet()) {
            if (!desired.containsKey(entry.getKey())) {
                delete(entry.getValue());
            }
        }
        boolean any = !existing.isEmpty();
        Map<ObjectKey, Deployment> latest = new HashMap<>();
        rollouts.forEach(d -> latest.put(ObjectKey.of(d), d));
        for (Map.Entry<ObjectKey, HasMetadata> entry : desired.entrySet()) {
            if (!entry.getKey().namespace().equals(namespace)) {
                continue;
            }
            any = true;
            try {
                HasMetadata written = apply(entry.getValue(), existing.get(entry.getKey()));
                if (written instanceof Deployment deployment) {
                    latest.put(entry.getKey(), deployment);
                }
            } catch (KubernetesClientException e) {
                String why = "The Kubernetes API refused " + entry.getKey().kind() + " " + namespace + "/"
                        + entry.getKey().name() + ": " + e.getMessage();
                log.warn(why);
                failures.put(owners.get(entry.getKey()), why);
            }
        }
        latest.forEach((key, deployment) -> {
            VersionKey owner = owners.get(key);
            if (owner != null) {
                next.put(owner, rollout(deployment));
            }
        });
        if (!any) {
            namespaces.remove(namespace);
        }
    }

    /** Creates or replaces the object when it differs from what is there; answers the object as it now is. */
    private HasMetadata apply(HasMetadata wanted, HasMetadata current) {
        if (current == null) {
            HasMetadata created = client.resource(wanted).create();
            log.info("Created {} {}/{}", wanted.getKind(), wanted.getMetadata().getNamespace(),
                    wanted.getMetadata().getName());
            return created;
        }
        if (hash(wanted).equals(hash(current))) {
            return current;
        }
        wanted.getMetadata().setResourceVersion(current.getMetadata().getResourceVersion());
        HasMetadata updated = client.resource(wanted).update();
        log.info("Updated {} {}/{}", wanted.getKind(), wanted.getMetadata().getNamespace(),
                wanted.getMetadata().getName());
        return updated;
    }

    private void delete(HasMetadata object) {
        try {
            client.resource(object).delete();
            log.info("Deleted {} {}/{}", object.getKind(), object.getMetadata().getNamespace(),
                    object.getMetadata().getName());
        } catch (KubernetesClientException e) {
            log.warn("Could not delete {} {}/{}; retrying at the next round: {}", object.getKind(),
                    object.getMetadata().getNamespace(), object.getMetadata().getName(), e.getMessage());
        }
    }

    /** Adds the digest of the manifest as built (before the annotation) to its annotations. */
    static void stamp(HasMetadata object) {
        String json = SERIALIZATION.asJson(object);
        object.getMetadata().getAnnotations().put(KubernetesManifests.MANIFEST_HASH,
                KubernetesManifests.digest(json).substring(0, 16));
    }

    private static String hash(HasMetadata object) {
        Map<String, String> annotations = object.getMetadata().getAnnotations();
        return annotations == null ? "" : annotations.getOrDefault(KubernetesManifests.MANIFEST_HASH, "");
    }

    /** A Deployment's status as a rollout: AVAILABLE, PROGRESSING or FAILED, with the reason and the counts. */
    static Observation rollout(Deployment deployment) {
        Integer specReplicas = deployment.getSpec() == null ? null : deployment.getSpec().getReplicas();
        int desired = specReplicas == null ? 1 : specReplicas;
        DeploymentStatus status = deployment.getStatus() == null ? new DeploymentStatus() : deployment.getStatus();
        int updated = orZero(status.getUpdatedReplicas());
        int ready = orZero(status.getReadyReplicas());
        int available = orZero(status.getAvailableReplicas());
        Rollout rollout = new Rollout(deployment.getMetadata().getNamespace(), deployment.getMetadata().getName(),
                desired, updated, ready, available);
        for (DeploymentCondition condition : status.getConditions() == null ? List.<DeploymentCondition>of()
                : status.getConditions()) {
            if ("Progressing".equals(condition.getType()) && "False".equals(condition.getStatus())
                    && "ProgressDeadlineExceeded".equals(condition.getReason())) {
                return new Observation("FAILED", "ProgressDeadlineExceeded: " + condition.getMessage(), rollout);
            }
            if ("ReplicaFailure".equals(condition.getType()) && "True".equals(condition.getStatus())) {
                return new Observation("FAILED", condition.getReason() + ": " + condition.getMessage(), rollout);
            }
        }
        Long generation = deployment.getMetadata().getGeneration();
        Long observedGeneration = status.getObservedGeneration();
        if (generation != null && observedGeneration != null && observedGeneration < generation) {
            return new Observation("PROGRESSING", "Waiting for the Deployment controller to observe generation "
                    + generation, rollout);
        }
        int total = orZero(status.getReplicas());
        if (updated >= desired && ready >= desired && available >= desired && total <= desired) {
            return new Observation("AVAILABLE", null, rollout);
        }
        return new Observation("PROGRESSING", ready + " of " + desired + " replicas ready (" + updated + " updated, "
                + available + " available)", rollout);
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    @PreDestroy
    void stop() {
        loop.shutdownNow();
        watches.values().forEach(Watch::close);
        watches.clear();
        KubernetesClient current = client;
        if (current != null) {
            current.close();
        }
    }
}
