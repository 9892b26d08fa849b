package io.emporium.gateway.orderdetails;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code emporium.gateway.order-details}: deadlines of the composed order view.
 *
 * @param orderTimeout how long the order itself may take; without it there is nothing to show (503/504 problem)
 * @param partTimeout how long each other part (payment, shipment, products) may take before it is left out and
 * named in {@code degraded}; the parts are fetched in parallel, so the whole answer takes at most about the
 * order's time plus this
 */
@ConfigurationProperties("emporium.gateway.order-details")
record OrderDetailsProperties(@DefaultValue("2s") Duration orderTimeout, @DefaultValue("1500ms") Duration partTimeout) {
}
