package io.emporium.gateway.resilience;

import java.io.IOException;
import java.net.ConnectException;
import java.util.function.Predicate;

/**
 * Which failures of a routed GET or HEAD are worth another attempt (Resilience4j's
 * {@code retry-exception-predicate} for the gateway's retries): the service answered 502, 503 or 504
 * ({@link RetryableStatusException}), the connection could not be made, or it broke before the answer came (a
 * stopped or killed instance). Not a response timeout: a service that is slow now is slow on the next try too, and
 * the client would wait several timeouts. Not a 500: that is a bug, which another attempt does not fix.
 * <p>
 * Public with a no-argument constructor because Resilience4j creates it from its class name.
 */
public final class RetryableFailure implements Predicate<Throwable> {

    @Override
    public boolean test(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RetryableStatusException || cause instanceof ConnectException
                    || cause instanceof IOException) {
                return true;
            }
        }
        return false;
    }
}
