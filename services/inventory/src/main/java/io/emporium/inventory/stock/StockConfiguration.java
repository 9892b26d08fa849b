package io.emporium.inventory.stock;

import io.emporium.inventory.stock.application.ReservationReplies;
import io.emporium.platform.transaction.Transactions;
import io.emporium.inventory.stock.application.Warehouse;
import io.emporium.inventory.stock.model.Reservations;
import io.emporium.inventory.stock.model.StockLevels;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the plain-Java stock application to its Spring adapters. */
@Configuration(proxyBeanMethods = false)
class StockConfiguration {

    @Bean
    Warehouse warehouse(StockLevels stockLevels, Reservations reservations, ReservationReplies replies,
            Transactions transactions) {
        return new Warehouse(stockLevels, reservations, replies, transactions);
    }
}
