package io.emporium.orders.order.application;

import java.time.Duration;

import io.emporium.inventory.api.InventoryMessages.StockCommitted;
import io.emporium.inventory.api.InventoryMessages.StockReleased;
import io.emporium.inventory.api.InventoryMessages.StockReservationRejected;
import io.emporium.inventory.api.InventoryMessages.StockReserved;
import io.emporium.orders.order.model.Order;
import io.emporium.payments.api.PaymentMessages.PaymentAuthorized;
import io.emporium.payments.api.PaymentMessages.PaymentCaptureFailed;
import io.emporium.payments.api.PaymentMessages.PaymentCaptured;
import io.emporium.payments.api.PaymentMessages.PaymentDeclined;
import io.emporium.payments.api.PaymentMessages.PaymentVoided;
import io.emporium.platform.saga.SagaDefinition;
import io.emporium.shipping.api.ShippingMessages.ShipmentCancelled;
import io.emporium.shipping.api.ShippingMessages.ShipmentCreated;
import io.emporium.shipping.api.ShippingMessages.ShipmentRejected;

/**
 * Order fulfilment, as a saga orchestrated by the orders service: reserve stock, authorize payment, create the
 * shipment, capture the payment, commit the stock; the order is CONFIRMED once its stock is committed.
 *
 * <p>The first three steps sit next to their compensations. Capturing the payment is the pivot: if it fails, or
 * gets no reply in time, the order is cancelled and everything before it is compensated, newest first: cancel the
 * shipment, void the payment (which also refunds a capture that overtook the deadline), release the stock.
 * Committing the stock comes after the pivot and is never undone: a commit that gets no reply in time is sent again,
 * for as long as it takes, while the order waits in PAYMENT_CAPTURED.
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
                    .compensateWith(InventoryProxy::releaseStock).acknowledgedBy(StockReleased.class)
                .step("authorize payment")
                    .invoke(PaymentsProxy::authorize)
                    .onReply(PaymentAuthorized.class, (order, reply, at) -> order.paymentAuthorized(reply.paymentId(), at))
                    .failOn(PaymentDeclined.class, reply -> "payment declined: " + reply.reason())
                    .compensateWith(PaymentsProxy::voidPayment).acknowledgedBy(PaymentVoided.class)
                .step("create shipment")
                    .invoke(ShippingProxy::createShipment)
                    .onReply(ShipmentCreated.class, (order, reply, at) -> order.shipmentScheduled(reply.shipmentId(), at))
                    .failOn(ShipmentRejected.class, reply -> "shipment rejected: " + reply.reason())
                    .compensateWith(ShippingProxy::cancelShipment).acknowledgedBy(ShipmentCancelled.class)
                .step("capture payment")
                    .invoke(PaymentsProxy::capture)
                    .onReply(PaymentCaptured.class, (order, reply, at) -> order.paymentCaptured(reply.paymentId(), at))
                    .failOn(PaymentCaptureFailed.class, reply -> "payment capture failed: " + reply.reason())
                .step("commit stock")
                    .invoke(InventoryProxy::commitStock)
                    .onReply(StockCommitted.class)
                    .retryOnDeadline()
                .onCompleted(Order::confirm)
                .onCompensated(Order::cancel)
                .build();
    }
}
