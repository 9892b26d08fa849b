package io.emporium.gateway.routing;

import org.springframework.cloud.gateway.filter.headers.observation.DefaultGatewayObservationConvention;
import org.springframework.stereotype.Component;

/**
 * Names the observation of each call the gateway makes to a downstream service {@code gateway.downstream.requests}
 * (tagged with the route). Spring Cloud Gateway's default name, {@code http.client.requests}, is also used by the
 * discovery client's own HTTP calls with other tag keys, and Prometheus refuses a second meter of the same name
 * with different tags, so the per-route metrics would silently be missing.
 */
@Component
class DownstreamObservationConvention extends DefaultGatewayObservationConvention {

    static final String NAME = "gateway.downstream.requests";

    @Override
    public String getName() {
        return NAME;
    }
}
