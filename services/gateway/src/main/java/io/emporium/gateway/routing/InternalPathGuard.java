package io.emporium.gateway.routing;

import java.util.Locale;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Keeps the services' internals out of reach from outside. A request for a routed path ({@code /api/...}) is
 * refused with 404 (the same answer as for a path that does not exist, so nothing is revealed) when its raw path
 * <ul>
 * <li>names an {@code actuator} segment: management endpoints are for operators on the inside, never routed;</li>
 * <li>has dot segments, encoded dots, slashes or backslashes, or matrix parameters: a downstream server would
 * normalise {@code /api/catalog/../../actuator/env} to {@code /actuator/env}, so such paths are refused before
 * routing rather than normalised.</li>
 * </ul>
 * The gateway's own {@code /actuator} endpoints are not routed paths and are not affected.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class InternalPathGuard implements WebFilter {

    private static final String ROUTED_PREFIX = "/api/";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String rawPath = exchange.getRequest().getURI().getRawPath();
        if (rawPath != null && rawPath.startsWith(ROUTED_PREFIX) && isInternalOrAmbiguous(rawPath)) {
            return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND));
        }
        return chain.filter(exchange);
    }

    static boolean isInternalOrAmbiguous(String rawPath) {
        String path = rawPath.toLowerCase(Locale.ROOT);
        if (path.contains("%2e") || path.contains("%2f") || path.contains("%5c") || path.indexOf('\\') >= 0
                || path.indexOf(';') >= 0) {
            return true;
        }
        for (String segment : path.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..") || segment.equals("actuator")) {
                return true;
            }
        }
        return false;
    }
}
