package io.cairn.common.cache;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A small in-memory copy of read-model rows that every request of a hot path would otherwise query (a bearer
 * token's principal, a deployment, a project role). An entry lives at most {@code ttl}; a write made in this JVM
 * drops every entry with {@link #invalidateAll()}, at once and again once its transaction has committed, so this
 * backend never answers from a row it changed. A write made by another backend instance (cluster profile) is seen
 * here within {@code ttl}.
 *
 * <p>A value loaded while an invalidation ran (it may have been read before the write committed) is not kept:
 * every invalidation moves a generation counter, and a load whose generation moved drops its own entry.
 * Loaders that throw or answer null cache nothing, so "not found" is always asked again.
 */
public final class ReadCache<K, V> {

    /** How long an entry lives when the configuration does not say ({@code cairn.read-cache-ttl}). */
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(1);

    private record Entry<V>(V value, long loadedNanos) {
    }

    private final ConcurrentHashMap<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private final long ttlNanos;
    private final int maxEntries;

    /** {@code ttl} zero turns the cache off: every read loads. */
    public ReadCache(Duration ttl, int maxEntries) {
        this.ttlNanos = ttl.toNanos();
        this.maxEntries = maxEntries;
    }

    /** The cached value of {@code key} if it is younger than the TTL, otherwise {@code loader}'s (then kept). */
    public V get(K key, Function<? super K, ? extends V> loader) {
        return get(key, loader, value -> true);
    }

    /** As {@link #get(Object, Function)}, keeping a loaded value only when {@code keep} holds for it. */
    public V get(K key, Function<? super K, ? extends V> loader, Predicate<? super V> keep) {
        long now = System.nanoTime();
        Entry<V> entry = entries.get(key);
        if (entry != null && now - entry.loadedNanos() < ttlNanos) {
            return entry.value();
        }
        long before = generation.get();
        V value = loader.apply(key);
        if (ttlNanos > 0 && value != null && keep.test(value)) {
            if (entries.size() >= maxEntries) {
                entries.clear();
            }
            Entry<V> loaded = new Entry<>(value, now);
            entries.put(key, loaded);
            if (generation.get() != before) {
                entries.remove(key, loaded);
            }
        }
        return value;
    }

    /** Drops every entry now. */
    public void invalidateAll() {
        generation.incrementAndGet();
        entries.clear();
    }

    /**
     * Drops every entry now and, when a transaction is active on this thread, again when it has ended: a reader that
     * loaded the row between the write and the commit does not keep it.
     */
    public void invalidateAllAfterCommit() {
        invalidateAll();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    invalidateAll();
                }
            });
        }
    }
}
