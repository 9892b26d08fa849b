package io.emporium.gateway.resilience;

/**
 * An attempt whose answer was 502, 503 or 504: the response is still unwritten, so another attempt may replace it.
 * No stack trace; it never leaves the retry filter.
 */
final class RetryableStatusException extends RuntimeException {

    RetryableStatusException(int status) {
        super("answered " + status, null, false, false);
    }
}
