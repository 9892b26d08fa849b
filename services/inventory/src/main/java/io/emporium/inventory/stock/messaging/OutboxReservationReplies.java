package io.emporium.inventory.stock.messaging;

import java.util.List;

import io.emporium.inventory.api.InventoryMessages;
import io.emporium.inventory.api.InventoryMessages.StockCommitted;
import io.emporium.inventory.api.InventoryMessages.StockReleased;
import io.emporium.inventory.api.InventoryMessages.StockReservationRejected;
import io.emporium.inventory.api.InventoryMessages.StockReserved;
import io.emporium.inventory.stock.application.ReservationReplies;
import io.emporium.inventory.stock.model.OrderId;
import io.emporium.platform.messaging.OutgoingMessage;
import io.emporium.platform.messaging.Outbox;
import org.springframework.stereotype.Component;

/**
 * Answers the order saga on {@link InventoryMessages#EVENTS}, keyed (and subjected) by order id, through the
 * transactional outbox: an answer is sent after, and only if, the transaction of its change commits.
 */
@Component
class OutboxReservationReplies implements ReservationReplies {

    private final Outbox outbox;

    OutboxReservationReplies(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void reserved(OrderId orderId) {
        publish(orderId, StockReserved.TYPE, new StockReserved(orderId.value()));
    }

    @Override
    public void rejected(OrderId orderId, String reason, List<String> unavailableSkus) {
        publish(orderId, StockReservationRejected.TYPE,
                new StockReservationRejected(orderId.value(), reason, unavailableSkus));
    }

    @Override
    public void released(OrderId orderId) {
        publish(orderId, StockReleased.TYPE, new StockReleased(orderId.value()));
    }

    @Override
    public void committed(OrderId orderId) {
        publish(orderId, StockCommitted.TYPE, new StockCommitted(orderId.value()));
    }

    private void publish(OrderId orderId, String type, Object data) {
        outbox.publish(new OutgoingMessage(InventoryMessages.EVENTS, orderId.value(), type, orderId.value(), data, null));
    }
}
