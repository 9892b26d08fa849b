package io.emporium.gateway.resilience;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * A bulkhead per route ({@link LoadShedder}, the bulkhead named after the route id, configured under
 * {@code resilience4j.bulkhead.instances.<route>}): at most {@code max-concurrent-calls} requests of one route are in
 * progress at once, so a slow service can tie up only its own share of the gateway. A request beyond the limit is
 * shed at once (503 problem with {@code Retry-After: 1}, counted in {@code emporium.gateway.shed{route}}); it is
 * never queued and never reaches the service or its circuit breaker.
 * <p>
 * Outermost of the route's filters, ahead of the response writer, so that a permit is held until the response has
 * been written to the client.
 */
final class RouteBulkheadFilter implements GlobalFilter, Ordered {

    private final LoadShedder loadShedder;

    RouteBulkheadFilter(LoadShedder loadShedder) {
        this.loadShedder = loadShedder;
    }

    @Override
    public int getOrder() {
        return NettyWriteResponseFilter.WRITE_RESPONSE_FILTER_ORDER - 1;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        if (route == null) {
            return chain.filter(exchange);
        }
        return loadShedder.withinBulkhead(route.getId(), RouteFallbackController.serviceOf(route),
                chain.filter(exchange));
    }
}
