package io.emporium.gateway.resilience;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

import io.emporium.gateway.GatewayProblem;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.gateway.filter.factory.SpringCloudCircuitBreakerFilterFactory.CircuitBreakerStatusCodeException;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.NotFoundException;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Where a route's {@code CircuitBreaker} filter forwards a request that failed (see application.yaml): it turns
 * the failure into a problem naming the service. A timeout is a 504; everything else (breaker open, 5xx answer,
 * connection refused, no instance) is a 503 with {@code Retry-After}: the breaker's wait in the open state when it
 * is open, otherwise 1 s. Reached directly, without a failed route behind it, it is a 404 like any unknown path.
 */
@RestController
class RouteFallbackController {

    static final String PATH = "/gateway/fallback";
    static final Duration RETRY_SOON = Duration.ofSeconds(1);

    private final CircuitBreakerRegistry breakers;

    RouteFallbackController(CircuitBreakerRegistry breakers) {
        this.breakers = breakers;
    }

    @RequestMapping(PATH)
    Mono<Void> fallback(ServerWebExchange exchange) {
        Throwable failure = exchange.getAttribute(ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        if (failure == null || route == null) {
            return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND));
        }
        return Mono.error(problemFor(route, failure));
    }

    GatewayProblem problemFor(Route route, Throwable failure) {
        String service = serviceOf(route);
        if (isTimeout(failure)) {
            return GatewayProblem.timedOut(service, responseTimeoutOf(route));
        }
        if (failure instanceof CallNotPermittedException) {
            Duration wait = breakers.find(route.getId())
                    .map(breaker -> Duration.ofMillis(breaker.getCircuitBreakerConfig()
                            .getWaitIntervalFunctionInOpenState().apply(1)))
                    .orElse(RETRY_SOON);
            return GatewayProblem.unavailable(service, "it failed repeatedly, so calls to it are paused", wait);
        }
        if (failure instanceof CircuitBreakerStatusCodeException status) {
            return GatewayProblem.unavailable(service, "it answered " + status.getStatusCode().value(), RETRY_SOON);
        }
        if (failure instanceof NotFoundException) {
            return GatewayProblem.unavailable(service, "no instance is available", RETRY_SOON);
        }
        return GatewayProblem.unavailable(service, "it could not be reached", RETRY_SOON);
    }

    static boolean isTimeout(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TimeoutException
                    || cause instanceof org.springframework.cloud.gateway.support.TimeoutException
                    || cause instanceof ResponseStatusException status
                            && status.getStatusCode().value() == HttpStatus.GATEWAY_TIMEOUT.value()) {
                return true;
            }
        }
        return false;
    }

    /** The service a route leads to: the host of {@code lb://catalog}, otherwise the route id. */
    static String serviceOf(Route route) {
        String host = route.getUri().getHost();
        return host != null ? host : route.getId();
    }

    static @Nullable Duration responseTimeoutOf(Route route) {
        Object millis = route.getMetadata().get(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR);
        if (millis == null) {
            return null;
        }
        try {
            return Duration.ofMillis(Long.parseLong(millis.toString().strip()));
        }
        catch (NumberFormatException ex) {
            return null;
        }
    }
}
