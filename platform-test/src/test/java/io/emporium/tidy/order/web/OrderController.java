package io.emporium.tidy.order.web;

import io.emporium.tidy.order.application.PlaceOrder;
import io.emporium.tidy.order.model.Order;

/** A web adapter that reaches only the use case. */
final class OrderController {

    Order post(String id) {
        return new PlaceOrder().place(id);
    }
}
