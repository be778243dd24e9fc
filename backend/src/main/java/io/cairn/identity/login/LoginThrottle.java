package io.cairn.identity.login;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Counts failed password checks per username and per client address; after {@code maxFailures} (per address:
 * {@code maxFailuresPerAddress}) within the failure window the key is locked, for {@code lockout}, then twice as
 * long at each further lockout up to {@code maxLockout}. A locked key refuses even the right password, and
 * usernames are counted whether or not such a user exists, so the answers never tell which names exist. A
 * success clears the username's count (not the address's).
 *
 * <p>The counters live in the database ({@code login_throttle}, keyed by a digest of the username or address):
 * every instance of a cluster counts against the same limits, and a restart forgets nothing. Each failure updates
 * its rows under a row lock, so concurrent failures on several instances are all counted.
 */
@Component
public class LoginThrottle {

    /** Sweeps counters quiet for a whole window once every this many failures. */
    private static final int SWEEP_EVERY = 1000;

    private final LoginProperties properties;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final AtomicInteger untilSweep = new AtomicInteger(SWEEP_EVERY);

    private record Counter(int failures, int lockouts, long lastFailure, long lockedUntil) {
    }

    public LoginThrottle(LoginProperties properties, JdbcClient jdbc, TransactionTemplate transactions, Clock clock) {
        this.properties = properties;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** How much longer the username or the address stays locked; zero when neither is. */
    public Duration lockedFor(String username, String address) {
        long now = clock.millis();
        long until = jdbc.sql("SELECT locked_until FROM login_throttle WHERE key_digest IN (?, ?)")
                .params(digest(userKey(username)), digest(addressKey(address)))
                .query(Long.class).list().stream().mapToLong(Long::longValue).max().orElse(0);
        return until > now ? Duration.ofMillis(until - now) : Duration.ZERO;
    }

    /** Records a failure; answers how long the username or address is now locked (zero when not). */
    public Duration failed(String username, String address) {
        long now = clock.millis();
        count(digest(userKey(username)), properties.maxFailures(), now);
        count(digest(addressKey(address)), properties.maxFailuresPerAddress(), now);
        if (untilSweep.decrementAndGet() <= 0) {
            untilSweep.set(SWEEP_EVERY);
            long quietSince = now - properties.failureWindow().toMillis();
            jdbc.sql("DELETE FROM login_throttle WHERE last_failure < ? AND locked_until < ?")
                    .params(quietSince, quietSince).update();
        }
        return lockedFor(username, address);
    }

    public void succeeded(String username) {
        jdbc.sql("DELETE FROM login_throttle WHERE key_digest = ?").param(digest(userKey(username))).update();
    }

    private void count(String key, int limit, long now) {
        try {
            transactions.executeWithoutResult(status -> update(key, limit, now));
        } catch (DuplicateKeyException e) {
            // another instance counted this key's first failure at the same moment: count on top of it
            transactions.executeWithoutResult(status -> update(key, limit, now));
        }
    }

    private void update(String key, int limit, long now) {
        Optional<Counter> stored = jdbc.sql("""
                        SELECT failures, lockouts, last_failure, locked_until FROM login_throttle
                        WHERE key_digest = ? FOR UPDATE""")
                .param(key)
                .query((rs, n) -> new Counter(rs.getInt(1), rs.getInt(2), rs.getLong(3), rs.getLong(4)))
                .optional();
        Counter counter = next(stored.orElse(new Counter(0, 0, Long.MIN_VALUE / 2, Long.MIN_VALUE / 2)), limit, now);
        if (stored.isPresent()) {
            jdbc.sql("""
                            UPDATE login_throttle SET failures = ?, lockouts = ?, last_failure = ?, locked_until = ?
                            WHERE key_digest = ?""")
                    .params(counter.failures(), counter.lockouts(), counter.lastFailure(), counter.lockedUntil(), key)
                    .update();
        } else {
            jdbc.sql("""
                            INSERT INTO login_throttle (key_digest, failures, lockouts, last_failure, locked_until)
                            VALUES (?, ?, ?, ?, ?)""")
                    .params(key, counter.failures(), counter.lockouts(), counter.lastFailure(), counter.lockedUntil())
                    .update();
        }
    }

    /** The counter after one more failure at {@code now}. */
    private Counter next(Counter counter, int limit, long now) {
        long window = properties.failureWindow().toMillis();
        int failures = counter.failures();
        int lockouts = counter.lockouts();
        if (Math.max(counter.lastFailure(), counter.lockedUntil()) + window < now) {
            failures = 0;
            lockouts = 0;
        } else if (counter.lastFailure() + window < now) {
            failures = 0;
        }
        failures++;
        long lockedUntil = counter.lockedUntil();
        if (failures >= limit) {
            failures = 0;
            lockouts++;
            lockedUntil = now + lockout(lockouts).toMillis();
        }
        return new Counter(failures, lockouts, now, lockedUntil);
    }

    private Duration lockout(int lockouts) {
        Duration duration = properties.lockout();
        for (int i = 1; i < lockouts && duration.compareTo(properties.maxLockout()) < 0; i++) {
            duration = duration.multipliedBy(2);
        }
        return duration.compareTo(properties.maxLockout()) > 0 ? properties.maxLockout() : duration;
    }

    private static String userKey(String username) {
        return "user:" + (username == null ? "" : username.strip().toLowerCase(Locale.ROOT));
    }

    private static String addressKey(String address) {
        return "address:" + (address == null ? "unknown" : address);
    }

    private static String digest(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
