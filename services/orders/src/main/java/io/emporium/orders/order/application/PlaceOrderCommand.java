package io.emporium.orders.order.application;

import java.util.List;
import java.util.stream.Collectors;

import io.emporium.orders.order.model.CustomerId;

/** A customer's request to order some skus, identified by an idempotency key chosen by the client. */
public record PlaceOrderCommand(String idempotencyKey, CustomerId customerId, List<Item> items) {

    public record Item(String sku, int quantity) {
    }

    public PlaceOrderCommand {
        items = List.copyOf(items);
    }

    /** Same customer and same items (in any order) give the same fingerprint. */
    String fingerprint() {
        return customerId.value() + "|" + items.stream().map(item -> item.sku() + "x" + item.quantity()).sorted()
                .collect(Collectors.joining(","));
    }
}
