package io.cairn.identity.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/** The throttle's rules on its real table (H2, migrated like the application's database). */
class LoginThrottleTest {

    private static final LoginProperties PROPERTIES =
            new LoginProperties(3, 5, Duration.ofSeconds(30), Duration.ofMinutes(2), Duration.ofMinutes(15));

    private final MutableClock clock = new MutableClock();
    private final DataSource dataSource = migrated();
    private final LoginThrottle throttle = throttle();

    private static DataSource migrated() {
        DataSource dataSource = new SimpleDriverDataSource(new org.h2.Driver(),
                "jdbc:h2:mem:throttle-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(dataSource).load().migrate();
        return dataSource;
    }

    /** Another instance of the application on the same database. */
    private LoginThrottle throttle() {
        return new LoginThrottle(PROPERTIES, JdbcClient.create(dataSource),
                new TransactionTemplate(new DataSourceTransactionManager(dataSource)), clock);
    }

    @Test
    void instancesSharingADatabaseCountAgainstTheSameLimitAndARestartForgetsNothing() {
        LoginThrottle other = throttle();
        assertThat(throttle.failed("cyd", "10.0.0.1")).isZero();
        assertThat(other.failed("cyd", "10.0.0.2")).isZero();
        assertThat(throttle.failed("cyd", "10.0.0.3")).as("the third failure, across two instances").isPositive();
        assertThat(throttle().lockedFor("cyd", "10.0.0.9")).as("a restarted instance").isPositive();
        assertThat(JdbcClient.create(dataSource).sql("SELECT COUNT(*) FROM login_throttle WHERE key_digest LIKE '%cyd%'")
                .query(Long.class).single()).as("names are stored as digests only").isZero();
    }

    @Test
    void theThirdFailureLocksTheUsernameAndEachFurtherLockoutDoublesUpToTheMaximum() {
        fail("ann", "10.0.0.1", 2);
        assertThat(throttle.lockedFor("ann", "10.0.0.9")).isZero();
        assertThat(throttle.failed("ann", "10.0.0.2")).isEqualTo(Duration.ofSeconds(30));
        assertThat(throttle.lockedFor("ANN", "10.0.0.9")).as("names are compared without case").isPositive();

        clock.advance(Duration.ofSeconds(31));
        assertThat(throttle.lockedFor("ann", "10.0.0.9")).isZero();
        fail("ann", "10.0.0.3", 2);
        assertThat(throttle.failed("ann", "10.0.0.3")).isEqualTo(Duration.ofSeconds(60));
        clock.advance(Duration.ofSeconds(61));
        fail("ann", "10.0.0.4", 2);
        assertThat(throttle.failed("ann", "10.0.0.4")).isEqualTo(Duration.ofSeconds(120));
        clock.advance(Duration.ofSeconds(121));
        fail("ann", "10.0.0.5", 2);
        assertThat(throttle.failed("ann", "10.0.0.5")).as("capped").isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void oneAddressTryingManyNamesIsLockedToo() {
        for (int i = 0; i < 4; i++) {
            assertThat(throttle.failed("user" + i, "192.0.2.7")).isZero();
        }
        assertThat(throttle.failed("user4", "192.0.2.7")).isEqualTo(Duration.ofSeconds(30));
        assertThat(throttle.lockedFor("someone-else", "192.0.2.7")).isPositive();
        assertThat(throttle.lockedFor("someone-else", "192.0.2.8")).isZero();
    }

    @Test
    void successClearsTheUsernameAndOldFailuresAreForgotten() {
        fail("bea", "10.0.0.1", 2);
        throttle.succeeded("bea");
        fail("bea", "10.0.0.1", 2);
        assertThat(throttle.lockedFor("bea", "10.0.0.1")).isZero();
        clock.advance(Duration.ofMinutes(16));
        assertThat(throttle.failed("bea", "10.0.0.1")).as("the earlier failures are out of the window").isZero();
    }

    private void fail(String user, String address, int times) {
        for (int i = 0; i < times; i++) {
            assertThat(throttle.failed(user, address)).isZero();
        }
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-11-01T10:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
