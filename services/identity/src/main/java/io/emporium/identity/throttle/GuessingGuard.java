package io.emporium.identity.throttle;

import java.io.IOException;
import java.util.Optional;
import java.util.function.Function;

import io.emporium.identity.throttle.GuessingThrottle.Refusal;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Puts a {@link GuessingThrottle} in front of one way of checking a secret, in a Spring Security filter chain:
 * <ul>
 * <li>{@link #filter()} goes before the filter that checks the secret: an attempt that must wait is answered 429
 * with {@code Retry-After} there, and the secret is never looked at (no bcrypt, no answer that depends on it);</li>
 * <li>{@link #countingFailures} and {@link #countingSuccesses} wrap that filter's own handlers, so that every
 * outcome of a checked attempt is counted and the answer stays what the handler makes of it.</li>
 * </ul>
 * Requests the guard's matcher does not select pass untouched and are not counted.
 */
public final class GuessingGuard {

    /** Writes the 429 answer of a refused attempt. */
    interface RefusalAnswer {

        void write(HttpServletRequest request, HttpServletResponse response, Attempt attempt, Refusal refusal)
                throws IOException;
    }

    private final GuessingThrottle throttle;
    private final ClientAddresses addresses;
    private final RequestMatcher attempts;
    private final Function<HttpServletRequest, @Nullable String> account;
    private final RefusalAnswer answer;

    GuessingGuard(GuessingThrottle throttle, ClientAddresses addresses, RequestMatcher attempts,
            Function<HttpServletRequest, @Nullable String> account, RefusalAnswer answer) {
        this.throttle = throttle;
        this.addresses = addresses;
        this.attempts = attempts;
        this.account = account;
        this.answer = answer;
    }

    /** The filter that refuses attempts during a backoff; place it before the one that checks the secret. */
    public Filter filter() {
        return new OncePerRequestFilter() {

            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                    FilterChain chain) throws ServletException, IOException {
                Optional<Attempt> attempt = attemptOf(request);
                Optional<Refusal> refusal = attempt.flatMap(throttle::check);
                if (refusal.isPresent()) {
                    answer.write(request, response, attempt.get(), refusal.get());
                    return;
                }
                chain.doFilter(request, response);
            }
        };
    }

    /** {@code delegate}, after counting the failure of the attempt. */
    public AuthenticationFailureHandler countingFailures(AuthenticationFailureHandler delegate) {
        return (request, response, failure) -> {
            attemptOf(request).ifPresent(throttle::failed);
            delegate.onAuthenticationFailure(request, response, failure);
        };
    }

    /** {@code delegate}, after counting the success of the attempt. */
    public AuthenticationSuccessHandler countingSuccesses(AuthenticationSuccessHandler delegate) {
        return (request, response, authentication) -> {
            attemptOf(request).ifPresent(throttle::succeeded);
            delegate.onAuthenticationSuccess(request, response, authentication);
        };
    }

    GuessingThrottle throttle() {
        return throttle;
    }

    private Optional<Attempt> attemptOf(HttpServletRequest request) {
        if (!attempts.matches(request)) {
            return Optional.empty();
        }
        return Optional.of(new Attempt(account.apply(request), addresses.of(request)));
    }
}
