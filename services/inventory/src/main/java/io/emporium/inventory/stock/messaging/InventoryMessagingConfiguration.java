package io.emporium.inventory.stock.messaging;

import java.util.List;

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
import io.emporium.platform.messaging.MessagingTopics;
import io.emporium.platform.messaging.handler.MessageHandlers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The topics inventory consumes and publishes, each with its dead-letter twin, created at start if missing; and how
 * it takes the order saga's commands to the {@link Warehouse}.
 */
@Configuration(proxyBeanMethods = false)
class InventoryMessagingConfiguration {

    @Bean
    KafkaAdmin.NewTopics inventoryTopics(MessagingTopics topics) {
        return topics.withDeadLetterTopics(InventoryMessages.COMMANDS, InventoryMessages.EVENTS);
    }

    /**
     * The order saga's commands on {@link InventoryMessages#COMMANDS}. The inbox row, the stock change and the reply
     * (through the outbox) commit together, so a redelivered command changes nothing and sends nothing again. A
     * command that can never succeed goes to {@code inventory.commands.DLT} at once: malformed data (no order id, no
     * lines, a quantity below 1), and commands that contradict what happened to the order
     * ({@link IllegalReservationChange}: committing a released or unknown reservation, releasing a committed one).
     * Anything else (a lost race, the database being away) is retried.
     */
    @Bean
    MessageHandlers inventoryCommands(Warehouse warehouse) {
        return MessageHandlers.consumer("inventory").topics(InventoryMessages.COMMANDS)
            .on(ReserveStock.class, InventoryMessagingConfiguration::reserve, warehouse::reserve)
            .on(ReleaseStock.class, c -> new ReleaseStockCommand(new OrderId(c.orderId()), c.reason()),
                    warehouse::release)
            .on(CommitStock.class, c -> new CommitStockCommand(new OrderId(c.orderId())), warehouse::commit)
            .deadLetterOn(IllegalReservationChange.class)
            .build();
    }

    private static ReserveStockCommand reserve(ReserveStock data) {
        List<RequestedLine> lines = data.lines() == null ? List.of()
                : data.lines().stream().map(line -> new RequestedLine(line.sku(), line.quantity())).toList();
        return new ReserveStockCommand(new OrderId(data.orderId()), lines);
    }
}
