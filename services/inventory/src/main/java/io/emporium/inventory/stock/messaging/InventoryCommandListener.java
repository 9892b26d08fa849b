package io.emporium.inventory.stock.messaging;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import io.emporium.inventory.api.InventoryMessages;
import io.emporium.inventory.api.InventoryMessages.CommitStock;
import io.emporium.inventory.api.InventoryMessages.ReleaseStock;
import io.emporium.inventory.api.InventoryMessages.ReserveStock;
import io.emporium.inventory.stock.application.CommitStockCommand;
import io.emporium.inventory.stock.application.ReleaseStockCommand;
import io.emporium.inventory.stock.application.ReserveStockCommand;
import io.emporium.inventory.stock.application.Warehouse;
import io.emporium.inventory.stock.model.IllegalReservationChange;
import io.emporium.inventory.stock.model.OrderId;
import io.emporium.inventory.stock.model.RequestedLine;
import io.emporium.platform.messaging.Inbox;
import io.emporium.platform.messaging.IncomingMessage;
import io.emporium.platform.messaging.InvalidMessageException;
import io.emporium.platform.messaging.MessageReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Takes the order saga's commands from {@link InventoryMessages#COMMANDS} to the {@link Warehouse}.
 *
 * <p>Each record is handled in one database transaction: the {@link Inbox} entry, the stock change and the reply
 * (through the outbox) commit together, so a redelivered command ({@code ce_id} seen before) changes nothing and
 * sends nothing again. Commands of unknown types are skipped. A command that can never succeed goes to
 * {@code inventory.commands.DLT} at once ({@link InvalidMessageException}): malformed data (no order id, no lines,
 * a quantity below 1), and commands that contradict what happened to the order (committing a released or unknown
 * reservation, releasing a committed one). Anything else (a lost race, the database being away) is retried.
 */
@Component
class InventoryCommandListener {

    /** The inbox consumer name: one inventory use case per message. */
    static final String CONSUMER = "inventory";

    private static final Logger log = LoggerFactory.getLogger(InventoryCommandListener.class);

    private final Warehouse warehouse;
    private final MessageReader reader;
    private final Inbox inbox;

    InventoryCommandListener(Warehouse warehouse, MessageReader reader, Inbox inbox) {
        this.warehouse = warehouse;
        this.reader = reader;
        this.inbox = inbox;
    }

    @KafkaListener(topics = InventoryMessages.COMMANDS, groupId = "inventory")
    @Transactional
    void on(ConsumerRecord<String, byte[]> record) {
        String type = reader.typeOf(record);
        switch (type) {
            case ReserveStock.TYPE -> handle(record, ReserveStock.class, InventoryCommandListener::reserve,
                    warehouse::reserve);
            case ReleaseStock.TYPE -> handle(record, ReleaseStock.class,
                    data -> new ReleaseStockCommand(orderId(data.orderId()), data.reason()), warehouse::release);
            case CommitStock.TYPE -> handle(record, CommitStock.class,
                    data -> new CommitStockCommand(orderId(data.orderId())), warehouse::commit);
            default -> log.debug("Skipping {} record {}-{}@{}: not an inventory command", type, record.topic(),
                    record.partition(), record.offset());
        }
    }

    private <T, C> void handle(ConsumerRecord<String, byte[]> record, Class<T> dataType, Function<T, C> toCommand,
            Consumer<C> useCase) {
        IncomingMessage<T> message = reader.read(record, dataType);
        C command = message.convert(toCommand);
        boolean processed = inbox.processOnce(CONSUMER, message.id(), () -> {
            try {
                useCase.accept(command);
            }
            catch (IllegalReservationChange ex) {
                throw new InvalidMessageException(message.type() + " " + message.id() + " cannot apply: "
                        + ex.getMessage(), ex);
            }
        });
        if (!processed) {
            log.debug("Skipping {} {}: processed before", message.type(), message.id());
        }
    }

    private static ReserveStockCommand reserve(ReserveStock data) {
        List<RequestedLine> lines = data.lines() == null ? List.of()
                : data.lines().stream().map(line -> new RequestedLine(line.sku(), line.quantity())).toList();
        return new ReserveStockCommand(orderId(data.orderId()), lines);
    }

    private static OrderId orderId(String value) {
        return new OrderId(value);
    }
}
