package io.cairn.common.messaging;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.cairn.audit.command.ChainedAppendStatement;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.SimpleDeadlineManager;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.SnapshotterSpanFactory;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.spring.eventsourcing.SpringAggregateSnapshotter;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.context.annotation.Primary;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Axon on JDBC: the event store, tracking tokens and snapshots live in the application's DataSource (an
 * H2 file database by default), in the schema created by Flyway. Declared here rather than left to Axon's
 * auto-configuration, whose ordering against Boot 4's DataSource configuration is not reliable.
 */
@Configuration(proxyBeanMethods = false)
public class AxonConfig {

    /** Processing groups whose handlers feed read models; each is a replayable tracking processor. */
    public static final List<String> PROJECTIONS = List.of("organizations", "access", "projects", "runs", "run-metrics",
            "datasets", "models", "lineage", "audit", "compute", "search", "deployments");

    /**
     * Projections fed into a server that may be away (the cluster profile's search cluster and metric store): a
     * failing event is retried by the processor (with back-off) instead of being logged and skipped, and while
     * they fail the application stays healthy, since everything but their queries keeps working.
     */
    public static final List<String> RETRYING_PROJECTIONS = List.of("search", "run-metrics");

    /**
     * Projections whose writes are queued in {@link io.cairn.common.jdbc.BatchedStatements} and run when the
     * processor's batch commits, where a failing statement rolls back the whole batch. Their handlers' own failures
     * propagate too (instead of being logged and the event skipped), so a failure of either kind is treated alike:
     * the batch rolls back, the processor retries it from its token with back-off and reports the error (health
     * DOWN, unlike {@link #RETRYING_PROJECTIONS}) until it goes through. No event is ever skipped or applied twice.
     */
    public static final List<String> BATCHED_PROJECTIONS = List.of("runs", "audit");

    /**
     * The high-volume projections, split into {@code cairn.processing.segments} segments that the instances of a
     * cluster share out (events of one aggregate always go to the same segment, in order). Their handlers only
     * touch rows of the event's own aggregate, so segments may run in parallel; the others stay in one segment.
     */
    public static final List<String> SEGMENTED_PROJECTIONS = List.of("runs", "run-metrics", "search", "audit");

    @Bean
    @Primary
    public Serializer serializer() {
        ObjectMapper mapper = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
                .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        return WireNameSerializer.forPackage("io.cairn", mapper);
    }

    @Bean
    public TransactionManager axonTransactionManager(PlatformTransactionManager transactionManager) {
        return new SpringTransactionManager(transactionManager);
    }

    @Bean
    public ConnectionProvider axonConnectionProvider(DataSource dataSource) {
        return new UnitOfWorkAwareConnectionProviderWrapper(new SpringDataSourceConnectionProvider(dataSource));
    }

    @Bean
    public PersistenceExceptionResolver persistenceExceptionResolver() {
        return new DuplicateKeyResolver();
    }

    @Bean
    @DependsOn("flywayInitializer")
    public EventStorageEngine eventStorageEngine(Serializer serializer,
                                                 ConnectionProvider connectionProvider,
                                                 TransactionManager transactionManager,
                                                 PersistenceExceptionResolver persistenceExceptionResolver,
                                                 org.axonframework.config.Configuration configuration,
                                                 ProcessingProperties processing) {
        return JdbcEventStorageEngine.builder()
                .batchSize(processing.batchSize())
                .snapshotSerializer(serializer)
                .eventSerializer(serializer)
                .upcasterChain(configuration.upcasterChain())
                .snapshotFilter(configuration.snapshotFilter())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .appendEvents(new ChainedAppendStatement())
                .build();
    }

    @Bean
    @DependsOn("flywayInitializer")
    public TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer) {
        return JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .serializer(serializer)
                .build();
    }

    /**
     * Deadlines (a run's lease expiry) are kept in memory; {@code LeaseSweeper} checks the leases at start-up and
     * every few seconds after, so no lease outlives a deadline lost with its process.
     */
    @Bean
    public DeadlineManager deadlineManager(org.axonframework.config.Configuration configuration,
                                           TransactionManager transactionManager) {
        return SimpleDeadlineManager.builder()
                .scopeAwareProvider(new ConfigurationScopeAwareProvider(configuration))
                .transactionManager(transactionManager)
                .build();
    }

    @Bean
    public CorrelationDataProvider causationCorrelationDataProvider() {
        return new CausationCorrelationDataProvider();
    }

    /** Keeps hot run aggregates in memory so a metric batch does not reload the run. */
    @Bean
    public Cache runCache() {
        return new WeakReferenceCache();
    }

    /** Projects are read by every run creation (is it active, is it this tenant's?). */
    @Bean
    public Cache projectCache() {
        return new WeakReferenceCache();
    }

    /** Datasets are read by every input declaration. */
    @Bean
    public Cache datasetCache() {
        return new WeakReferenceCache();
    }

    /**
     * Snapshots are taken on a background thread, so the request that crosses the threshold does not pay
     * for reading the aggregate's recent events.
     */
    @Bean
    public SpringAggregateSnapshotter aggregateSnapshotter(org.axonframework.config.Configuration configuration,
                                                           HandlerDefinition handlerDefinition,
                                                           ParameterResolverFactory parameterResolverFactory,
                                                           EventStore eventStore,
                                                           TransactionManager transactionManager,
                                                           SnapshotterSpanFactory spanFactory) {
        return SpringAggregateSnapshotter.builder()
                .repositoryProvider(configuration::repository)
                .transactionManager(transactionManager)
                .eventStore(eventStore)
                .parameterResolverFactory(parameterResolverFactory)
                .handlerDefinition(handlerDefinition)
                .spanFactory(spanFactory)
                .executor(Executors.newSingleThreadExecutor(runnable -> {
                    Thread thread = new Thread(runnable, "cairn-snapshotter");
                    thread.setDaemon(true);
                    return thread;
                }))
                .build();
    }

    /** Snapshot a run every 50 events, so a cache miss replays at most 50 events. */
    @Bean
    public SnapshotTriggerDefinition runSnapshotTrigger(Snapshotter snapshotter) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, 50);
    }

    @Bean
    public ConfigurerModule trackingProcessors(ProcessingProperties properties) {
        int segments = properties.segments();
        int batchSize = properties.batchSize();
        return configurer -> configurer.eventProcessing(processing -> {
            processing.usingTrackingEventProcessors();
            // Batches of up to cairn.processing.batch-size events per transaction: a processor that skips most
            // events (projects during metric ingestion) then stores its token once per batch, not once per event.
            for (String group : PROJECTIONS) {
                processing.registerTrackingEventProcessor(group);
                // One thread per segment: an instance alone processes all of them; in a cluster each instance's
                // threads claim what the others leave (SegmentBalancer hands segments to newcomers).
                processing.registerTrackingEventProcessorConfiguration(group, c -> segments > 1
                        && SEGMENTED_PROJECTIONS.contains(group)
                        ? TrackingEventProcessorConfiguration.forParallelProcessing(segments)
                                .andInitialSegmentsCount(segments).andBatchSize(batchSize)
                                .andTokenClaimInterval(2, TimeUnit.SECONDS)
                        : TrackingEventProcessorConfiguration.forSingleThreadedProcessing().andBatchSize(batchSize));
            }
            for (List<String> groups : List.of(RETRYING_PROJECTIONS, BATCHED_PROJECTIONS)) {
                groups.forEach(group -> processing.registerListenerInvocationErrorHandler(group,
                        c -> PropagatingErrorHandler.instance()));
            }
        });
    }
}
