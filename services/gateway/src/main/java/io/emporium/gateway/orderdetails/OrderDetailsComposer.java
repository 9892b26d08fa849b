package io.emporium.gateway.orderdetails;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.emporium.gateway.GatewayProblem;
import io.emporium.gateway.resilience.LoadShedder;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreakerFactory;
import org.springframework.cloud.client.loadbalancer.reactive.LoadBalancedExchangeFilterFunction;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Composes an order's details from four services, degrading gracefully:
 * <ol>
 * <li>the order ({@code orders}); its 4xx answer (401, 403, 404: another customer's order is "not found") is
 * returned unchanged and nothing else is asked; if it cannot be had in time the answer is a 503/504 problem;</li>
 * <li>then, in parallel, the payment ({@code payments}), the shipment ({@code shipping}) and each distinct
 * product of its items ({@code catalog}, by sku).</li>
 * </ol>
 * Each part has its own deadline and circuit breaker ({@code details-order}, {@code details-payment},
 * {@code details-shipment}, {@code details-products}). A part that fails, times out or whose breaker is open is
 * {@code null} and named in {@code degraded}; a part that does not exist yet (404) is {@code null} and not degraded.
 * The services' JSON is passed through as it is. The caller's {@code Authorization} goes with every call.
 * <p>
 * At most as many compositions are in progress at once as bulkhead {@value #BULKHEAD} allows
 * ({@code resilience4j.bulkhead.instances.order-details}); beyond it a request is shed at once with a 503 problem
 * ({@link LoadShedder}) and none of the services is called.
 */
@Component
@EnableConfigurationProperties(OrderDetailsProperties.class)
class OrderDetailsComposer {

    static final String BULKHEAD = "order-details";

    private final WebClient services;
    private final ReactiveCircuitBreakerFactory<?, ?> breakers;
    private final LoadShedder loadShedder;
    private final OrderDetailsProperties properties;

    OrderDetailsComposer(WebClient.Builder webClient, LoadBalancedExchangeFilterFunction loadBalancer,
            ReactiveCircuitBreakerFactory<?, ?> breakers, LoadShedder loadShedder, OrderDetailsProperties properties) {
        this.services = webClient.filter(loadBalancer).build();
        this.breakers = breakers;
        this.loadShedder = loadShedder;
        this.loadShedder.expect(BULKHEAD);
        this.properties = properties;
    }

    Mono<ResponseEntity<Object>> compose(String orderId, String authorization) {
        Mono<ResponseEntity<Object>> composition = order(orderId, authorization).flatMap(order ->
                order.refusal() != null ? Mono.just(order.refusal()) : withParts(orderId, order.body(), authorization));
        return loadShedder.withinBulkhead(BULKHEAD, "order details", composition);
    }

    private Mono<OrderAnswer> order(String orderId, String authorization) {
        Mono<OrderAnswer> call = services.get().uri("http://orders/api/orders/{id}", orderId)
                .header(HttpHeaders.AUTHORIZATION, authorization)
                .exchangeToMono(response -> {
                    if (response.statusCode().is2xxSuccessful()) {
                        return response.bodyToMono(JsonNode.class).map(OrderAnswer::found);
                    }
                    if (response.statusCode().is4xxClientError()) {
                        return relay(response).map(OrderAnswer::refused);
                    }
                    return response.createError();
                })
                .timeout(properties.orderTimeout());
        return breakers.create("details-order").run(call, failure -> Mono.error(
                failure instanceof java.util.concurrent.TimeoutException
                        ? GatewayProblem.timedOut("orders", properties.orderTimeout())
                        : GatewayProblem.unavailable("orders", "the order could not be read", Duration.ofSeconds(1))));
    }

    private Mono<ResponseEntity<Object>> withParts(String orderId, JsonNode order, String authorization) {
        Mono<Part> payment = part("details-payment",
                get("http://payments/api/payments/orders/{id}", orderId, authorization));
        Mono<Part> shipment = part("details-shipment",
                get("http://shipping/api/shipping/orders/{id}", orderId, authorization));
        Mono<List<Part>> products = Flux.fromIterable(skusOf(order))
                .flatMap(sku -> part("details-products",
                        get("http://catalog/api/catalog/products/sku/{sku}", sku, authorization)))
                .collectList();
        return Mono.zip(payment, shipment, products).map(parts -> {
            List<String> degraded = new ArrayList<>();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("order", order);
            body.put("payment", valueOf("payment", parts.getT1(), degraded));
            body.put("shipment", valueOf("shipment", parts.getT2(), degraded));
            body.put("products", productsOf(parts.getT3(), degraded));
            body.put("degraded", degraded);
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
        });
    }

    /** A part's call in its breaker, within its deadline; any failure becomes a degraded part, never an error. */
    private Mono<Part> part(String breaker, Mono<Part> call) {
        return breakers.create(breaker).run(call.timeout(properties.partTimeout()), failure -> Mono.just(Part.FAILED));
    }

    /**
     * 2xx: the body; 404: nothing yet (not a failure); any other 4xx: refused, degraded, but not held against the
     * service's breaker; 5xx: an error, which the breaker counts.
     */
    private Mono<Part> get(String uri, String variable, String authorization) {
        return services.get().uri(uri, variable)
                .header(HttpHeaders.AUTHORIZATION, authorization)
                .exchangeToMono(response -> {
                    if (response.statusCode().is2xxSuccessful()) {
                        return response.bodyToMono(JsonNode.class).map(Part::found).defaultIfEmpty(Part.ABSENT);
                    }
                    if (response.statusCode().value() == HttpStatus.NOT_FOUND.value()) {
                        return response.releaseBody().thenReturn(Part.ABSENT);
                    }
                    if (response.statusCode().is4xxClientError()) {
                        return response.releaseBody().thenReturn(Part.FAILED);
                    }
                    return response.createError();
                });
    }

    private static @Nullable JsonNode valueOf(String name, Part part, List<String> degraded) {
        if (part.failed()) {
            degraded.add(name);
        }
        return part.body();
    }

    private static @Nullable List<JsonNode> productsOf(List<Part> parts, List<String> degraded) {
        if (parts.stream().anyMatch(Part::failed)) {
            degraded.add("products");
            return null;
        }
        return parts.stream().map(Part::body).filter(body -> body != null).toList();
    }

    static Set<String> skusOf(JsonNode order) {
        Set<String> skus = new LinkedHashSet<>();
        for (JsonNode item : order.path("items")) {
            String sku = item.path("sku").asString("");
            if (!sku.isBlank()) {
                skus.add(sku);
            }
        }
        return skus;
    }

    private static Mono<ResponseEntity<Object>> relay(ClientResponse response) {
        return response.toEntity(byte[].class).map(entity -> {
            ResponseEntity.BodyBuilder builder = ResponseEntity.status(entity.getStatusCode());
            MediaType contentType = entity.getHeaders().getContentType();
            if (contentType != null) {
                builder.contentType(contentType);
            }
            String authenticate = entity.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE);
            if (authenticate != null) {
                builder.header(HttpHeaders.WWW_AUTHENTICATE, authenticate);
            }
            return builder.<Object>body(entity.getBody() != null ? entity.getBody() : new byte[0]);
        });
    }

    /** The order, or the 4xx answer that takes its place. */
    private record OrderAnswer(@Nullable JsonNode body, @Nullable ResponseEntity<Object> refusal) {

        static OrderAnswer found(JsonNode body) {
            return new OrderAnswer(body, null);
        }

        static OrderAnswer refused(ResponseEntity<Object> refusal) {
            return new OrderAnswer(null, refusal);
        }
    }

    /** One part: its JSON, nothing (not there yet), or failed (degraded). */
    private record Part(@Nullable JsonNode body, boolean failed) {

        static final Part ABSENT = new Part(null, false);
        static final Part FAILED = new Part(null, true);

        static Part found(JsonNode body) {
            return new Part(body, false);
        }
    }
}
