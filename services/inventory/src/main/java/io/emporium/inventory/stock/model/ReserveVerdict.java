package io.emporium.inventory.stock.model;

import java.util.List;
import java.util.Objects;

/** How a request to reserve an order's stock is answered. */
public sealed interface ReserveVerdict {

    OrderId orderId();

    /** Every line is held for the order. */
    record Reserved(OrderId orderId) implements ReserveVerdict {

        public Reserved {
            Objects.requireNonNull(orderId, "orderId");
        }
    }

    /** Nothing is held; {@code unavailableSkus} names the lines that could not be served (may be empty). */
    record Rejected(OrderId orderId, String reason, List<String> unavailableSkus) implements ReserveVerdict {

        public Rejected {
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(reason, "reason");
            unavailableSkus = List.copyOf(unavailableSkus);
        }
    }
}
