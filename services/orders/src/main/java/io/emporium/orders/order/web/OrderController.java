package io.emporium.orders.order.web;

import java.net.URI;
import java.util.UUID;

import io.emporium.orders.order.application.OrderFulfilment;
import io.emporium.orders.order.application.OrderFulfilment.Placement;
import io.emporium.orders.order.application.PlaceOrderCommand;
import io.emporium.orders.order.model.CustomerId;
import io.emporium.orders.readmodel.application.OrderQueries;
import io.emporium.orders.readmodel.model.OrderView;
import io.emporium.platform.security.Caller;
import io.emporium.platform.web.NotFound;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The orders API. Placing an order needs an {@code Idempotency-Key} header: the same key with the same body answers
 * with the order the first request placed (header {@code Idempotency-Replayed: true}); the same key with another
 * body is a 422 problem. The order then goes through its fulfilment saga asynchronously: poll the order (or watch
 * its timeline) to see it reach CONFIRMED or CANCELLED. Every request carries an access token: a customer places and
 * reads only their own orders, an admin any.
 */
@RestController
@RequestMapping("/api/orders")
class OrderController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String KEY_FORMAT = "[A-Za-z0-9._:-]{1,100}";

    private final OrderFulfilment fulfilment;
    private final OrderQueries queries;

    OrderController(OrderFulfilment fulfilment, OrderQueries queries) {
        this.fulfilment = fulfilment;
        this.queries = queries;
    }

    @PostMapping
    ResponseEntity<OrderResponse> place(@RequestHeader(IDEMPOTENCY_KEY) @Pattern(regexp = KEY_FORMAT) String key,
            @Valid @RequestBody PlaceOrderRequest request, Caller caller) {
        String customer = request.customerId() != null ? request.customerId() : caller.subject();
        if (!caller.mayActFor(customer)) {
            throw new AccessDeniedException("A customer places orders only for themself.");
        }
        PlaceOrderCommand command = new PlaceOrderCommand(key, new CustomerId(customer),
                request.items().stream().map(item -> new PlaceOrderCommand.Item(item.sku(), item.quantity())).toList());
        Placement placement;
        try {
            placement = fulfilment.place(command);
        }
        catch (RuntimeException ex) {
            throw PlacementProblems.of(ex);
        }
        OrderView view = queries.order(placement.order().id().value()).orElseThrow();
        return ResponseEntity.created(URI.create("/api/orders/" + view.orderId()))
                .header("Idempotency-Replayed", String.valueOf(placement.replayed()))
                .body(OrderResponse.of(view));
    }

    /** Another customer's order is answered exactly like an order that does not exist: ids reveal nothing. */
    @GetMapping("/{id}")
    OrderResponse order(@PathVariable UUID id, Caller caller) {
        return queries.order(id).filter(view -> caller.mayActFor(view.customerId())).map(OrderResponse::of)
                .orElseThrow(() -> NotFound.of("order", "with id " + id));
    }

    /** The caller's orders, newest first; an admin may name any customer. */
    @GetMapping
    OrderPageResponse ordersOf(@RequestParam(required = false) @Pattern(regexp = CustomerId.FORMAT) String customer,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size, Caller caller) {
        String whose = customer != null ? customer : caller.subject();
        if (!caller.mayActFor(whose)) {
            throw new AccessDeniedException("A customer sees only their own orders.");
        }
        return OrderPageResponse.of(queries.ordersOf(whose, page, size));
    }

    /** Admin ({@link OrdersAccessRules}): drops the read model and rebuilds it from the event store (202: the rebuild runs in the background). */
    @PostMapping("/admin/read-model/rebuild")
    ResponseEntity<Void> rebuildReadModel() {
        queries.rebuildReadModel();
        return ResponseEntity.status(HttpStatus.ACCEPTED).build();
    }
}
