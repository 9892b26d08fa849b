package io.emporium.platform.web.reactive;

import io.emporium.platform.trace.CurrentTrace;
import io.emporium.platform.trace.RequestId;
import io.emporium.platform.trace.TraceIdHeader;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Sets {@link TraceIdHeader} and the {@link RequestId} on the response just before it is committed, replacing any
 * value a downstream service sent (the gateway proxies the services' responses). A request without a usable
 * {@code X-Request-Id} gets one, on the request too, so the services behind the gateway log the same id; it is kept
 * in the exchange attribute {@code http.request.id} for the access log.
 */
class TraceIdResponseWebFilter implements WebFilter {

    private final CurrentTrace currentTrace;

    TraceIdResponseWebFilter(CurrentTrace currentTrace) {
        this.currentTrace = currentTrace;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String sent = exchange.getRequest().getHeaders().getFirst(RequestId.HEADER);
        String requestId = RequestId.of(sent);
        // downstream services (the gateway routes this request on) log the same id
        ServerWebExchange named = requestId.equals(sent) ? exchange : exchange.mutate()
                .request(request -> request.headers(headers -> headers.set(RequestId.HEADER, requestId))).build();
        named.getAttributes().put(RequestId.LOG_KEY, requestId);
        named.getResponse().beforeCommit(() -> {
            named.getResponse().getHeaders().set(RequestId.HEADER, requestId);
            String traceId = currentTrace.traceId(ServerRequestObservationContext.findCurrent(named.getAttributes()));
            if (traceId != null) {
                named.getResponse().getHeaders().set(TraceIdHeader.NAME, traceId);
            }
            return Mono.empty();
        });
        return chain.filter(named);
    }
}
