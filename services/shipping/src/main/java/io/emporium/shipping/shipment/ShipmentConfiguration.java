package io.emporium.shipping.shipment;

import java.time.Clock;

import io.emporium.platform.transaction.Transactions;
import io.emporium.shipping.shipment.application.ShipmentReplies;
import io.emporium.shipping.shipment.application.ShippingDesk;
import io.emporium.shipping.shipment.model.CancelledOrders;
import io.emporium.shipping.shipment.model.Shipments;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the plain-Java shipping application to its Spring adapters and its configured rules. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ShippingProperties.class)
class ShipmentConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    ShippingDesk shippingDesk(Shipments shipments, CancelledOrders cancelledOrders, ShippingProperties properties,
            ShipmentReplies replies, Transactions transactions, Clock clock) {
        return new ShippingDesk(shipments, cancelledOrders, properties.rules(), replies, transactions, clock);
    }
}
