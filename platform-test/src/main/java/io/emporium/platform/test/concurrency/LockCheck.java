package io.emporium.platform.test.concurrency;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Checks a pessimistic lock per key (e.g. {@code select ... for update} on one row per order) the way a concurrent
 * transaction meets it:
 * <pre>{@code
 * LockCheck.assertSecondTransactionWaits(work -> transactions.executeWithoutResult(status -> work.run()),
 *         payments::lockOrder, uniqueOrder(), uniqueOrder());
 * }</pre>
 * The calling test must not hold a transaction of its own (e.g. {@code @Transactional(propagation = NOT_SUPPORTED)}
 * on a {@code @JdbcTest}), or its transaction would be the only one.
 */
public final class LockCheck {

    private static final long SECONDS = 10;

    private LockCheck() {
    }

    /**
     * Asserts that while one transaction holds the lock on {@code key}, a second one taking it waits (for at least
     * 300 ms, until the first ends), and that a transaction taking the lock on {@code otherKey} does not wait.
     *
     * @param inTransaction runs the work in a new transaction that ends when the work returns
     * @param lock takes the lock on a key, inside the current transaction
     */
    public static <K> void assertSecondTransactionWaits(Consumer<Runnable> inTransaction, Consumer<K> lock, K key,
            K otherKey) throws Exception {
        // own threads: the common pool may have a single worker on a small machine
        try (ExecutorService threads = Executors.newFixedThreadPool(3)) {
            CountDownLatch locked = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<Void> first = CompletableFuture.runAsync(() -> inTransaction.accept(() -> {
                lock.accept(key);
                locked.countDown();
                awaitQuietly(release);
            }), threads);
            assertThat(locked.await(SECONDS, TimeUnit.SECONDS)).isTrue();

            CompletableFuture<Void> second = CompletableFuture.runAsync(
                    () -> inTransaction.accept(() -> lock.accept(key)), threads);
            CompletableFuture.runAsync(() -> inTransaction.accept(() -> lock.accept(otherKey)), threads)
                    .get(SECONDS, TimeUnit.SECONDS);

            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !second.isDone());
            release.countDown();
            first.get(SECONDS, TimeUnit.SECONDS);
            second.get(SECONDS, TimeUnit.SECONDS);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(SECONDS, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
