package io.emporium.gateway.orderdetails;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/orders/{id}/details}: an order with its payment, shipment and products in one answer, composed
 * by the gateway ({@link OrderDetailsComposer}). Authenticated like the rest of {@code /api/orders/**}; the caller's
 * token is relayed unchanged, so each service applies its own access rules. Served here rather than routed: the
 * gateway's own handlers are consulted before its routes. Rate limited per client like every {@code /api} request,
 * before the composer's bulkhead.
 */
@RestController
class OrderDetailsController {

    private final OrderDetailsComposer composer;

    OrderDetailsController(OrderDetailsComposer composer) {
        this.composer = composer;
    }

    @GetMapping("/api/orders/{id}/details")
    Mono<ResponseEntity<Object>> details(@PathVariable String id,
            @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        return composer.compose(id, authorization);
    }
}
