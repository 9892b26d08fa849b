package io.emporium.orders.readmodel;

import javax.sql.DataSource;

import io.emporium.orders.order.model.OrderEvents;
import io.emporium.orders.readmodel.application.OrderProjection;
import io.emporium.orders.readmodel.application.OrderQueries;
import io.emporium.orders.readmodel.application.OrderReadModel;
import io.emporium.platform.quarantine.TableQuarantine;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the query side to its adapters, and lists the orders the read model sets aside. */
@Configuration(proxyBeanMethods = false)
class ReadModelConfiguration {

    @Bean
    OrderQueries orderQueries(OrderReadModel readModel, OrderEvents events, OrderProjection projection) {
        return new OrderQueries(readModel, events, projection);
    }

    /** The orders the read model could not project ({@code ProjectionQuarantine}), listed by order id. */
    @Bean
    TableQuarantine quarantinedProjections(DataSource dataSource) {
        return new TableQuarantine("projection", dataSource, "projection_quarantine", "order_id::text", "reason",
                "quarantined_at");
    }
}
