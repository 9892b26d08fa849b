package io.emporium.orders.order.web;

import java.util.List;

import io.emporium.orders.order.model.CustomerId;
import io.emporium.orders.order.model.Order;
import io.emporium.orders.order.model.OrderLine;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/orders}. {@code customerId} may be left out: the order is then placed for the caller.
 * Only an admin may name another customer (orders taken on a customer's behalf, e.g. by phone).
 */
record PlaceOrderRequest(
        @Nullable @Pattern(regexp = CustomerId.FORMAT) String customerId,
        @NotEmpty @Size(max = Order.MAX_LINES) List<@NotNull @Valid Item> items) {

    record Item(@NotNull @Pattern(regexp = "[A-Z0-9-]{1,40}") String sku,
            @Min(1) @Max(OrderLine.MAX_QUANTITY) int quantity) {
    }
}
