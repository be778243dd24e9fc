package io.cairn.run.query.metric;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import java.net.InetSocketAddress;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Cassandra session and metric store when {@code cairn.metrics.store=cassandra}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "cairn.metrics.store", havingValue = "cassandra")
public class CassandraConfig {

    @Bean(destroyMethod = "close")
    public CqlSession cassandraSession(CassandraProperties properties) {
        DriverConfigLoader config = DriverConfigLoader.programmaticBuilder()
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, properties.requestTimeout())
                .withDuration(DefaultDriverOption.METADATA_SCHEMA_REQUEST_TIMEOUT, properties.requestTimeout().multipliedBy(4))
                .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, properties.requestTimeout())
                .build();
        List<InetSocketAddress> nodes = properties.contactPoints().stream().map(CassandraConfig::address).toList();
        try (CqlSession setup = CqlSession.builder().addContactPoints(nodes)
                .withLocalDatacenter(properties.localDatacenter()).withConfigLoader(config).build()) {
            setup.execute(com.datastax.oss.driver.api.core.cql.SimpleStatement.newInstance(
                            "CREATE KEYSPACE IF NOT EXISTS " + CqlIdentifier.fromInternal(properties.keyspace()).asCql(true)
                                    + " WITH replication = " + properties.replication())
                    .setTimeout(properties.requestTimeout().multipliedBy(4)));
        }
        CqlSession session = CqlSession.builder().addContactPoints(nodes)
                .withLocalDatacenter(properties.localDatacenter()).withConfigLoader(config)
                .withKeyspace(CqlIdentifier.fromInternal(properties.keyspace())).build();
        CassandraMetricStore.createTables(session);
        return session;
    }

    @Bean
    public CassandraMetricStore cassandraMetricStore(CqlSession cassandraSession) {
        return new CassandraMetricStore(cassandraSession);
    }

    private static InetSocketAddress address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        return colon < 0 ? new InetSocketAddress(hostPort, 9042)
                : new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }
}
