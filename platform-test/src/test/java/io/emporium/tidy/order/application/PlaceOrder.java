package io.emporium.tidy.order.application;

import io.emporium.tidy.order.model.Order;
import org.slf4j.LoggerFactory;

/** A use case over the model that logs through the facade. */
public final class PlaceOrder {

    public Order place(String id) {
        LoggerFactory.getLogger(PlaceOrder.class).info("placing {}", id);
        return new Order(id);
    }
}
