package io.emporium.catalog.product.stale;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.emporium.platform.paging.Page;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;

/**
 * Reads that survive a short database outage. Every read goes to the database first; its answer is returned fresh and
 * kept, under the read's key, as the last good answer. When the database cannot be reached (no connection within
 * Hikari's connection timeout, a connection lost mid-query, a query timeout: {@link #isDatabaseUnreachable}), the last
 * good answer for that key is returned instead, marked stale with its age; with none, {@link DatabaseUnavailable}.
 * Any other failure propagates unchanged.
 *
 * <p>The database reads go through a circuit breaker ({@code catalog-db}, configured under
 * {@code resilience4j.circuitbreaker.instances.catalog-db}) that counts only the "unreachable" failures. Once it has
 * opened, reads do not wait for a connection that will not come: the stale answer is served at once, and only the
 * breaker's trial reads ask the database whether it is back.
 *
 * <p>Bounded: answers older than {@code catalog.stale-cache.max-age} (10 min) are dropped, so nothing older is ever
 * served, and the cache holds answers worth at most {@code catalog.stale-cache.max-products} (20,000) products
 * (a page weighs its products, any other answer 1), a few MB. Thread-safe.
 */
public final class StaleReads {

    private static final Logger log = LoggerFactory.getLogger(StaleReads.class);

    /** An answer and, if it is stale, how old it is. */
    public record Answer<T>(T value, @Nullable Duration age) {

        public boolean stale() {
            return age != null;
        }
    }

    private record Kept(Object value, Instant fetchedAt) {
    }

    private final Cache<String, Kept> answers;
    private final Duration maxAge;
    private final Clock clock;
    private final CircuitBreaker database;
    private final AtomicReference<@Nullable Instant> unreachableSince = new AtomicReference<>();
    private final AtomicLong staleServed = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();

    /**
     * Stale reads on the system clock: answers worth at most {@code maxProducts} products, none older than
     * {@code maxAge}; database reads through {@code database}, whose configuration should record only
     * {@link #isDatabaseUnreachable} failures (as {@link #breakerConfig} does).
     */
    public static StaleReads create(long maxProducts, Duration maxAge, CircuitBreaker database) {
        return new StaleReads(maxProducts, maxAge, Clock.systemUTC(), Ticker.systemTicker(), database);
    }

    /** {@code base} with only the "database unreachable" failures recorded: a wrong query never opens the breaker. */
    public static CircuitBreakerConfig.Builder breakerConfig(CircuitBreakerConfig.Builder base) {
        return base.recordException(StaleReads::isDatabaseUnreachable);
    }

    /** {@code clock} tells the answers' ages, {@code ticker} when they expire. */
    StaleReads(long maxProducts, Duration maxAge, Clock clock, Ticker ticker, CircuitBreaker database) {
        this.answers = Caffeine.newBuilder().maximumWeight(maxProducts).ticker(ticker)
                .weigher((String key, Kept kept) -> weight(kept.value())).expireAfterWrite(maxAge).build();
        this.maxAge = maxAge;
        this.clock = clock;
        this.database = database;
    }

    /**
     * The database's answer, or, while the database is unreachable, the last good answer for the key.
     *
     * @param key identifies the read and all its parameters: equal keys must mean equal questions
     * @param read asks the database; must not return {@code null}
     * @throws DatabaseUnavailable when the database is unreachable and no answer for the key is kept
     */
    public <T> Answer<T> read(String key, Supplier<T> read) {
        T fresh;
        try {
            fresh = database.executeSupplier(read);
        }
        catch (CallNotPermittedException ex) {
            return stale(key, ex);
        }
        catch (RuntimeException ex) {
            if (!isDatabaseUnreachable(ex)) {
                throw ex;
            }
            return stale(key, ex);
        }
        answers.put(key, new Kept(fresh, clock.instant()));
        Instant since = unreachableSince.getAndSet(null);
        if (since != null) {
            log.info("The database answers again (unreachable since {}); fresh answers from now on", since);
        }
        return new Answer<>(fresh, null);
    }

    @SuppressWarnings("unchecked")
    private <T> Answer<T> stale(String key, RuntimeException failure) {
        if (unreachableSince.compareAndSet(null, clock.instant())) {
            log.warn("The database is unreachable; serving the last good answers, at most {} old: {}", maxAge,
                    failure.getMessage());
        }
        Kept kept = answers.getIfPresent(key);
        if (kept == null) {
            refused.incrementAndGet();
            throw new DatabaseUnavailable(failure);
        }
        staleServed.incrementAndGet();
        return new Answer<>((T) kept.value(), Duration.between(kept.fetchedAt(), clock.instant()));
    }

    /**
     * Whether the failure means the database could not be reached (rather than that the read itself is wrong): no
     * connection in time, a connection lost or refused, a query that timed out.
     */
    static boolean isDatabaseUnreachable(Throwable failure) {
        return failure instanceof DataAccessResourceFailureException
                || failure instanceof TransientDataAccessResourceException || failure instanceof QueryTimeoutException;
    }

    /** When reads last found the database unreachable, if the last read did; empty once a read succeeded again. */
    Optional<Instant> unreachableSince() {
        return Optional.ofNullable(unreachableSince.get());
    }

    long staleAnswersServed() {
        return staleServed.get();
    }

    long readsRefused() {
        return refused.get();
    }

    long answersKept() {
        return answers.estimatedSize();
    }

    Duration maxAge() {
        return maxAge;
    }

    private static int weight(Object value) {
        return switch (value) {
            case Page<?> page -> Math.max(1, page.content().size());
            case Collection<?> collection -> Math.max(1, collection.size());
            default -> 1;
        };
    }
}
