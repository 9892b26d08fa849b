package io.emporium.orders.order;

import java.time.Clock;
import java.time.Duration;

import io.emporium.orders.order.application.IdempotencyKeys;
import io.emporium.orders.order.application.OrderFulfilment;
import io.emporium.orders.order.application.Outgoing;
import io.emporium.orders.order.application.Prices;
import io.emporium.platform.transaction.Transactions;
import io.emporium.orders.order.model.OrderEvents;
import io.emporium.platform.saga.Sagas;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the plain-Java use cases to their adapters. The sagas the service sets aside are listed by the platform's
 * saga store, the orders the read model sets aside by {@code ReadModelConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
class OrdersConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** {@code orders.saga.step-timeout}: how long a saga step waits for its participant's reply before it fails. */
    @Bean
    OrderFulfilment orderFulfilment(OrderEvents orders, Sagas sagas, IdempotencyKeys idempotencyKeys, Prices prices,
            Outgoing outgoing, Transactions transactions,
            @Value("${orders.saga.step-timeout:60s}") Duration stepTimeout, Clock clock) {
        return new OrderFulfilment(orders, sagas, idempotencyKeys, prices, outgoing, transactions, stepTimeout, clock);
    }
}
