package io.emporium.gateway.routing;

import java.net.InetSocketAddress;

import io.emporium.platform.trace.CurrentTrace;
import io.emporium.platform.trace.RequestId;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * One structured line per request that crossed the gateway (logger {@code emporium.access}): method, path, status,
 * duration, route and client address ({@code client.address}: the request's remote address as
 * {@code ClientAddressFilter} resolved it, never read from a header here), in the request's trace. It is where a
 * trace starts in the logs, so that {@code ./emporium logs --trace <id>} shows a request from the edge through every
 * service. The query string is not logged (it may carry search terms); headers never are.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class AccessLog implements WebFilter {

    private static final Logger log = LoggerFactory.getLogger("emporium.access");

    private final CurrentTrace currentTrace;

    AccessLog(CurrentTrace currentTrace) {
        this.currentTrace = currentTrace;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long started = System.nanoTime();
        return chain.filter(exchange).doFinally(signal -> write(exchange, started));
    }

    private void write(ServerWebExchange exchange, long started) {
        if (!log.isInfoEnabled()) {
            return;
        }
        String traceId = currentTrace.traceId(ServerRequestObservationContext.findCurrent(exchange.getAttributes()));
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        long millis = (System.nanoTime() - started) / 1_000_000;
        // the line belongs to the request's trace whichever thread completes it
        boolean inScope = MDC.get("traceId") != null;
        try (MDC.MDCCloseable ignored = traceId != null && !inScope ? MDC.putCloseable("traceId", traceId) : null) {
            log.atInfo().addKeyValue("http.request.method", exchange.getRequest().getMethod().name())
                    .addKeyValue("url.path", exchange.getRequest().getPath().value())
                    .addKeyValue("http.response.status_code", status != null ? status.value() : 0)
                    .addKeyValue("event.duration_ms", millis)
                    .addKeyValue("route", route != null ? route.getId() : "none")
                    .addKeyValue("client.address", clientAddress(exchange.getRequest().getRemoteAddress()))
                    .addKeyValue(RequestId.LOG_KEY, String.valueOf(exchange.getAttributes().get(RequestId.LOG_KEY)))
                    .log("{} {} {} {} ms", exchange.getRequest().getMethod(), exchange.getRequest().getPath(),
                            status != null ? status.value() : 0, millis);
        }
    }

    private static String clientAddress(@Nullable InetSocketAddress remote) {
        if (remote == null) {
            return "unknown";
        }
        return remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
    }
}
