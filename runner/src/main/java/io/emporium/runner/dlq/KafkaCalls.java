package io.emporium.runner.dlq;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waits for Kafka clients' futures, with one bound, and turns a failure into a {@link DeadLetterQueueException}. */
final class KafkaCalls {

    /** How long one call to the broker may take: it answers a healthy local request in milliseconds. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private KafkaCalls() {
    }

    /** The future's value; {@code what} names the call in the error, e.g. {@code "listing topics"}. */
    static <T> T await(Future<T> future, String what) {
        try {
            return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new DeadLetterQueueException(what + " failed: " + cause.getMessage(), cause);
        } catch (TimeoutException e) {
            throw new DeadLetterQueueException(what + ": no answer from Kafka in " + TIMEOUT.toSeconds() + "s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeadLetterQueueException(what + ": interrupted", e);
        }
    }
}
