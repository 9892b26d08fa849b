package io.emporium.orders.order;

import java.time.Clock;
import java.time.Duration;

import javax.sql.DataSource;

import io.emporium.orders.order.application.IdempotencyKeys;
import io.emporium.orders.order.application.OrderFulfilment;
import io.emporium.orders.order.application.Outgoing;
import io.emporium.orders.order.application.Prices;
import io.emporium.orders.order.application.Transactions;
import io.emporium.orders.order.model.OrderEvents;
import io.emporium.orders.saga.model.Sagas;
import io.emporium.platform.quarantine.TableQuarantine;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionTemplate;

/** Wires the plain-Java use cases to their adapters, and lists what the service sets aside. */
@Configuration(proxyBeanMethods = false)
class OrdersConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    Transactions transactions(TransactionTemplate template) {
        return new Transactions() {
            @Override
            public <T> T inTransaction(java.util.function.Supplier<T> work) {
                return template.execute(status -> work.get());
            }
        };
    }

    /** {@code orders.saga.step-timeout}: how long a saga step waits for its participant's reply before it fails. */
    @Bean
    OrderFulfilment orderFulfilment(OrderEvents orders, Sagas sagas, IdempotencyKeys idempotencyKeys, Prices prices,
            Outgoing outgoing, Transactions transactions,
            @Value("${orders.saga.step-timeout:60s}") Duration stepTimeout, Clock clock) {
        return new OrderFulfilment(orders, sagas, idempotencyKeys, prices, outgoing, transactions, stepTimeout, clock);
    }

    /**
     * The sagas set aside because they could not be handled (by {@code SagaDeadlines}), listed by their id (the
     * order's). Released by clearing {@code quarantined_at} and {@code quarantine_reason} of the saga's
     * {@code saga_instance} row once the cause is fixed; its deadline is then checked again.
     */
    @Bean
    TableQuarantine quarantinedSagas(DataSource dataSource) {
        return new TableQuarantine("saga", dataSource, "saga_instance", "id", "quarantine_reason", "quarantined_at");
    }

    /** The orders the read model could not project ({@code ProjectionQuarantine}), listed by order id. */
    @Bean
    TableQuarantine quarantinedProjections(DataSource dataSource) {
        return new TableQuarantine("projection", dataSource, "projection_quarantine", "order_id::text", "reason",
                "quarantined_at");
    }
}
