package io.emporium.orders.order.messaging;

import io.emporium.orders.order.application.Outgoing;
import io.emporium.orders.order.model.CustomerId;
import io.emporium.orders.order.model.OrderId;
import io.emporium.platform.messaging.Outbox;
import io.emporium.platform.messaging.OutgoingMessage;
import io.emporium.platform.saga.Command;
import org.springframework.stereotype.Component;

/** Sends the orders service's messages through the platform's transactional outbox, keyed (and subjected) by order. */
@Component
class OutboxOutgoing implements Outgoing {

    private final Outbox outbox;

    OutboxOutgoing(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void send(OrderId orderId, CustomerId customerId, Command message) {
        outbox.publish(new OutgoingMessage(message.topic(), orderId.toString(), message.type(), orderId.toString(),
                message.data(), customerId.value()));
    }
}
