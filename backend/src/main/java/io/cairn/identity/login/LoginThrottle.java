package io.cairn.identity.login;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Counts failed password checks per username and per client address; after {@code maxFailures} (per address:
 * {@code maxFailuresPerAddress}) within the failure window the key is locked, for {@code lockout}, then twice as
 * long at each further lockout up to {@code maxLockout}. A locked key refuses even the right password, and
 * usernames are counted whether or not such a user exists, so the answers never tell which names exist. A
 * success clears the username's count (not the address's). Kept in memory: per server instance, reset on restart.
 */
@Component
public class LoginThrottle {

    private static final int SWEEP_ABOVE = 10_000;

    private final LoginProperties properties;
    private final Clock clock;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    private static final class Counter {
        int failures;
        int lockouts;
        Instant lastFailure = Instant.MIN;
        Instant lockedUntil = Instant.MIN;
    }

    public LoginThrottle(LoginProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    /** How much longer the username or the address stays locked; zero when neither is. */
    public Duration lockedFor(String username, String address) {
        Instant now = clock.instant();
        Duration user = remaining(userKey(username), now);
        Duration host = remaining(addressKey(address), now);
        return user.compareTo(host) >= 0 ? user : host;
    }

    /** Records a failure; answers how long the username or address is now locked (zero when not). */
    public Duration failed(String username, String address) {
        Instant now = clock.instant();
        count(userKey(username), properties.maxFailures(), now);
        count(addressKey(address), properties.maxFailuresPerAddress(), now);
        if (counters.size() > SWEEP_ABOVE) {
            counters.entrySet().removeIf(e -> forgotten(e.getValue(), now));
        }
        return lockedFor(username, address);
    }

    public void succeeded(String username) {
        counters.remove(userKey(username));
    }

    private Duration remaining(String key, Instant now) {
        Counter counter = counters.get(key);
        if (counter == null) {
            return Duration.ZERO;
        }
        synchronized (counter) {
            return counter.lockedUntil.isAfter(now) ? Duration.between(now, counter.lockedUntil) : Duration.ZERO;
        }
    }

    private void count(String key, int limit, Instant now) {
        Counter counter = counters.computeIfAbsent(key, k -> new Counter());
        synchronized (counter) {
            if (forgotten(counter, now)) {
                counter.failures = 0;
                counter.lockouts = 0;
            } else if (counter.lastFailure.plus(properties.failureWindow()).isBefore(now)) {
                counter.failures = 0;
            }
            counter.failures++;
            counter.lastFailure = now;
            if (counter.failures >= limit) {
                counter.failures = 0;
                counter.lockouts++;
                counter.lockedUntil = now.plus(lockout(counter.lockouts));
            }
        }
    }

    private Duration lockout(int lockouts) {
        Duration duration = properties.lockout();
        for (int i = 1; i < lockouts && duration.compareTo(properties.maxLockout()) < 0; i++) {
            duration = duration.multipliedBy(2);
        }
        return duration.compareTo(properties.maxLockout()) > 0 ? properties.maxLockout() : duration;
    }

    /** Quiet for a whole window after its last failure and its last lockout. */
    private boolean forgotten(Counter counter, Instant now) {
        Instant last = counter.lastFailure.isAfter(counter.lockedUntil) ? counter.lastFailure : counter.lockedUntil;
        return last.plus(properties.failureWindow()).isBefore(now);
    }

    private static String userKey(String username) {
        return "user:" + (username == null ? "" : username.strip().toLowerCase(Locale.ROOT));
    }

    private static String addressKey(String address) {
        return "address:" + (address == null ? "unknown" : address);
    }
}
