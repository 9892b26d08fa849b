package io.emporium.tangled.order.application;

import io.emporium.tangled.order.model.Order;
import io.emporium.tidy.order.model.Order.Line;
import org.springframework.stereotype.Service;

/** A use case that is a Spring bean and uses another service's code. */
@Service
public final class PlaceOrder {

    public Order place(String id) {
        return new Order(id + Line.class.getSimpleName());
    }
}
