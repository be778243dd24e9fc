package io.cairn.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.identity.AccessTokenService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the HTTP tests: one application on a random port and a fresh data directory, shared by every
 * test class extending this one. Tests create their own uniquely named data, so they do not interfere.
 *
 * <p>With {@code -Dcairn.test.postgres=<jdbc url of a server>}, {@code -Dcairn.test.kafka=<bootstrap servers>},
 * {@code -Dcairn.test.cassandra=<host:port>} and {@code -Dcairn.test.elasticsearch=<url>} (what
 * {@code mvn -Pcluster-tests} sets), the application runs the {@code cluster} profile on a fresh PostgreSQL
 * database instead of H2, publishes its events to a topic of its own, keeps metric series in a keyspace of
 * its own and its search indexes (global and run search) under an index prefix of its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ApiTestBase {

    private static final Path DATA_DIR = createDataDir();
    /** With Kafka: the topic this application publishes to, its own so tests see only their events. */
    protected static final String KAFKA_TOPIC = "cairn.events.test-" + UUID.randomUUID();
    /** With Cassandra: this application's own keyspace (a replay truncates the metric tables). */
    protected static final String CASSANDRA_KEYSPACE = "cairn_test_" + UUID.randomUUID().toString().replace("-", "");

    /** With Elasticsearch: this application's own index prefix (a replay deletes and recreates the index). */
    protected static final String ELASTICSEARCH_PREFIX = "test-" + UUID.randomUUID().toString().substring(0, 8) + "-";

    /** The platform administrator's password (username {@code admin}), as CAIRN_ADMIN_PASSWORD would set it. */
    protected static final String ADMIN_PASSWORD = "bootstrap-admin-passphrase";

    @LocalServerPort
    protected int port;

    @Autowired
    protected AccessTokenService tokens;

    /** The platform administrator, as bootstrapped. */
    protected Api admin;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("cairn.data-dir", DATA_DIR::toString);
        registry.add("cairn.max-artifact-size", () -> "4MB");
        registry.add("cairn.admin-password", () -> ADMIN_PASSWORD);
        // agents are started by the tests that need them (LocalAgentTest starts the local agent)
        registry.add("cairn.local-agent.enabled", () -> "false");
        // sign-in lockouts short enough to wait for; every test calls from 127.0.0.1, so no lockout by address
        registry.add("cairn.login.lockout", () -> "1s");
        // leases whose deadline is gone are found this fast (ComputeApiTest)
        registry.add("cairn.compute.lease.sweep-interval", () -> "500ms");
        registry.add("cairn.login.max-lockout", () -> "2s");
        registry.add("cairn.login.max-failures-per-address", () -> "100000");
        // a hung identity provider fails a sign-in this fast (SlowIdentityProviderTest)
        registry.add("cairn.sso.read-timeout", () -> "3s");
        // the kubernetes deployment target, against fabric8's mock API server (KubernetesDeploymentApiTest)
        registry.add("cairn.deployments.kubernetes.enabled", () -> "true");
        registry.add("cairn.deployments.kubernetes.master-url", () -> KubernetesMock.masterUrl(KubernetesMock.shared()));
        registry.add("cairn.deployments.kubernetes.poll-interval", () -> "500ms");
        TestServers.postgresUrl().ifPresent(url -> registry.add("spring.datasource.url", () -> url));
        TestServers.cassandra().ifPresent(nodes -> {
            registry.add("cairn.metrics.store", () -> "cassandra");
            registry.add("cairn.cassandra.contact-points", () -> nodes);
            registry.add("cairn.cassandra.keyspace", () -> CASSANDRA_KEYSPACE);
        });
        TestServers.elasticsearch().ifPresent(url -> {
            registry.add("cairn.global-search.engine", () -> "elasticsearch");
            registry.add("cairn.search.engine", () -> "elasticsearch");
            registry.add("cairn.elasticsearch.url", () -> url);
            registry.add("cairn.elasticsearch.index-prefix", () -> ELASTICSEARCH_PREFIX);
        });
        TestServers.kafka().ifPresent(servers -> {
            registry.add("cairn.kafka.bootstrap-servers", () -> servers);
            registry.add("cairn.kafka.topic", () -> KAFKA_TOPIC);
        });
    }

    @BeforeEach
    void connect() throws IOException {
        admin = new Api(port, Files.readString(DATA_DIR.resolve("bootstrap-token")).trim());
    }

    protected static Path dataDir() {
        return DATA_DIR;
    }

    /** A client acting as a new MEMBER of {@code org} (created if needed). */
    protected Api userOf(String org) {
        return memberOf(org, "MEMBER");
    }

    /** A client acting as a new user with {@code role} in {@code org}, added through the API by an owner. */
    protected Api memberOf(String org, String role) {
        return newMember(org, role).api();
    }

    /** A member of an organization: its ids (to grant it, or add it to groups) and a client acting as it. */
    protected record Member(String principalId, String username, Api api) {
    }

    /** A new user with {@code role} in {@code org}, added through the API by an owner. */
    protected Member newMember(String org, String role) {
        String username = "user-" + UUID.randomUUID();
        Api.Response added = ownerOf(org).post("/api/v1/orgs/" + org + "/members", Map.of("username", username, "role", role));
        assertThat(added.status()).as(added.text()).isEqualTo(201);
        return new Member(tokens.principalFor(username, org), username, tokenFor(username, org));
    }

    /** {@code manager} grants {@code role} on the project to a member ({@code kind} "users") or a group ("groups"). */
    protected static void grant(Api manager, String projectId, String kind, String granteeId, String role) {
        Api.Response granted = manager.putJson("/api/v1/projects/" + projectId + "/grants/" + kind + "/" + granteeId,
                Map.of("role", role));
        assertThat(granted.status()).as(granted.text()).isEqualTo(200);
    }

    /** A new group of {@code org}, created by {@code administrator}, holding {@code principalIds}; returns its id. */
    protected static String createGroup(Api administrator, String org, String... principalIds) {
        Api.Response created = administrator.post("/api/v1/orgs/" + org + "/groups", Map.of("name", unique("group")));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String groupId = created.get("/id");
        for (String principalId : principalIds) {
            Api.Response added = administrator.putJson("/api/v1/orgs/" + org + "/groups/" + groupId + "/members/"
                    + principalId, Map.of());
            assertThat(added.status()).as(added.text()).isEqualTo(200);
        }
        return groupId;
    }

    /** A client acting as an owner of {@code org}; the platform admin creates the organization if needed. */
    protected Api ownerOf(String org) {
        if (org.equals("default")) {
            return admin;
        }
        String owner = "owner-" + org;
        Api.Response created = admin.post("/api/v1/orgs", Map.of("id", org, "name", org, "ownerUsername", owner));
        assertThat(created.status()).as(created.text()).isIn(201, 409);
        return tokenFor(owner, org);
    }

    /** A new local user of {@code org} with {@code role} and {@code password}, created by an owner; its principal id. */
    protected String localUser(String org, String username, String password, String role) {
        Api.Response created = ownerOf(org).post("/api/v1/orgs/" + org + "/users",
                Map.of("username", username, "password", password, "role", role));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.get("/principalId");
    }

    protected Api tokenFor(String username, String org) {
        return admin.withToken(tokens.issue(tokens.principalFor(username, org), org, "test", null).token());
    }

    protected static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    protected String createProject(Api api) {
        Api.Response response = api.post("/api/v1/projects", Map.of("name", unique("project")));
        assertThat(response.status()).as(response.text()).isEqualTo(201);
        return response.get("/id");
    }

    protected String createRun(Api api, String projectId) {
        Api.Response response = api.post("/api/v1/runs", Map.of("projectId", projectId));
        assertThat(response.status()).as(response.text()).isEqualTo(201);
        return response.get("/id");
    }

    /** Polls until the condition holds (eventually consistent projections); fails after ten seconds. */
    protected static void eventually(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Condition not met within 10 s");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Asserts an RFC 9457 problem with the given status, and returns it for further checks. */
    protected static Api.Response assertProblem(Api.Response response, int status) {
        assertThat(response.status()).as(response.text()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.get("/status")).isEqualTo(String.valueOf(status));
        assertThat(response.get("/detail")).isNotBlank();
        assertThat(response.text()).doesNotContain("Exception").doesNotContain("\tat ");
        return response;
    }

    private static Path createDataDir() {
        try {
            return Files.createTempDirectory("cairn-test-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
