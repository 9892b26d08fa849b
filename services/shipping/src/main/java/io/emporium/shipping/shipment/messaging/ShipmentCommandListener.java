package io.emporium.shipping.shipment.messaging;

import java.util.Objects;
import java.util.function.Function;

import io.emporium.platform.messaging.Inbox;
import io.emporium.platform.messaging.IncomingMessage;
import io.emporium.platform.messaging.InvalidMessageException;
import io.emporium.platform.messaging.MessageReader;
import io.emporium.shipping.api.ShippingMessages;
import io.emporium.shipping.api.ShippingMessages.CancelShipment;
import io.emporium.shipping.api.ShippingMessages.CreateShipment;
import io.emporium.shipping.shipment.application.CreateShipmentCommand;
import io.emporium.shipping.shipment.application.ShipmentService;
import io.emporium.shipping.shipment.model.CustomerId;
import io.emporium.shipping.shipment.model.OrderId;
import io.emporium.shipping.shipment.model.ShipmentLine;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Consumes the order saga's commands on {@link ShippingMessages#COMMANDS} (consumer group {@value #CONSUMER}).
 *
 * <p>Each command runs in one transaction with its inbox row and its reply (the outbox row), so a redelivered
 * message ({@code ce_id} already processed) has no effect and sends nothing again; a command re-sent with a new id
 * is answered again by the idempotent use case. A message whose data is not a valid command (missing or malformed
 * ids, no lines, a malformed SKU or a quantity below 1) throws {@link InvalidMessageException} and goes to
 * {@code shipping.commands.DLT} at once; other failures are retried by the platform's error handler. Unknown types
 * are skipped (logged at DEBUG).
 */
@Component
class ShipmentCommandListener {

    /** Consumer group and inbox consumer name. */
    static final String CONSUMER = "shipping";

    private static final Logger log = LoggerFactory.getLogger(ShipmentCommandListener.class);

    private final MessageReader reader;
    private final Inbox inbox;
    private final TransactionOperations transactions;
    private final ShipmentService shipments;

    ShipmentCommandListener(MessageReader reader, Inbox inbox, TransactionOperations transactions,
            ShipmentService shipments) {
        this.reader = reader;
        this.inbox = inbox;
        this.transactions = transactions;
        this.shipments = shipments;
    }

    @KafkaListener(topics = ShippingMessages.COMMANDS, groupId = CONSUMER)
    void onCommand(ConsumerRecord<String, byte[]> record) {
        String type = reader.typeOf(record);
        switch (type) {
            case CreateShipment.TYPE -> process(record, CreateShipment.class, message -> {
                CreateShipmentCommand create = message.convert(c -> new CreateShipmentCommand(new OrderId(c.orderId()),
                        new CustomerId(c.customerId()),
                        c.lines().stream().map(line -> new ShipmentLine(line.sku(), line.quantity())).toList()));
                return () -> shipments.create(create);
            });
            case CancelShipment.TYPE -> process(record, CancelShipment.class, message -> {
                OrderId orderId = message.convert(c -> new OrderId(c.orderId()));
                String reason = Objects.requireNonNullElse(message.data().reason(), "(no reason given)");
                return () -> shipments.cancel(orderId, reason);
            });
            default -> log.debug("Skipping message type {} on {} (key {})", type, record.topic(), record.key());
        }
    }

    /** Decodes and validates outside the transaction, then runs the effect once per message id. */
    private <T> void process(ConsumerRecord<String, byte[]> record, Class<T> dataType,
            Function<IncomingMessage<T>, Runnable> validatedEffect) {
        IncomingMessage<T> message = reader.read(record, dataType);
        Runnable effect = validatedEffect.apply(message);
        transactions.executeWithoutResult(status -> {
            if (!inbox.processOnce(CONSUMER, message.id(), effect)) {
                log.info("Message {} ({}) was processed before: skipped", message.id(), message.type());
            }
        });
    }
}
