package io.emporium.orders.order.application;

import java.time.Duration;
import java.util.List;

import io.emporium.inventory.api.InventoryMessages.StockReservationRejected;
import io.emporium.inventory.api.InventoryMessages.StockReserved;
import io.emporium.orders.order.model.Order;
import io.emporium.orders.saga.model.SagaDefinition;
import io.emporium.payments.api.PaymentMessages.PaymentAuthorized;
import io.emporium.payments.api.PaymentMessages.PaymentDeclined;
import io.emporium.shipping.api.ShippingMessages.ShipmentCreated;
import io.emporium.shipping.api.ShippingMessages.ShipmentRejected;

/**
 * Order fulfilment, as a saga orchestrated by the orders service: reserve stock, authorize payment, create the
 * shipment, confirm. Each step sits next to its compensation; a failure (or a step that gets no reply in time)
 * cancels the order and compensates what was done, newest first: cancel the shipment, void the payment, release
 * the stock. Confirming commits the reserved stock and captures the payment; past that point nothing is undone.
 */
final class PlaceOrderSaga {

    static final String NAME = "place-order";

    private PlaceOrderSaga() {
    }

    static SagaDefinition<Order> definition(Duration stepTimeout) {
        return SagaDefinition.<Order>named(NAME, stepTimeout)
                .step("reserve stock")
                    .invoke(InventoryProxy::reserveStock)
                    .onReply(StockReserved.class, (order, reply, at) -> order.stockReserved(at))
                    .failOn(StockReservationRejected.class, reply -> "out of stock: " + reply.reason())
                    .compensateWith(InventoryProxy::releaseStock)
                .step("authorize payment")
                    .invoke(PaymentsProxy::authorize)
                    .onReply(PaymentAuthorized.class, (order, reply, at) -> order.paymentAuthorized(reply.paymentId(), at))
                    .failOn(PaymentDeclined.class, reply -> "payment declined: " + reply.reason())
                    .compensateWith(PaymentsProxy::voidPayment)
                .step("create shipment")
                    .invoke(ShippingProxy::createShipment)
                    .onReply(ShipmentCreated.class, (order, reply, at) -> order.shipmentScheduled(reply.shipmentId(), at))
                    .failOn(ShipmentRejected.class, reply -> "shipment rejected: " + reply.reason())
                    .compensateWith(ShippingProxy::cancelShipment)
                .step("confirm")
                    .invokeAll(order -> List.of(InventoryProxy.commitStock(order), PaymentsProxy.capture(order)))
                .onCompleted(Order::confirm)
                .onCompensated(Order::cancel)
                .build();
    }
}
