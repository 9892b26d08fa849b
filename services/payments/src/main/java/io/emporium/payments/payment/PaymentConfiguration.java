package io.emporium.payments.payment;

import java.time.Clock;

import io.emporium.payments.payment.application.Cashier;
import io.emporium.payments.payment.application.PaymentProvider;
import io.emporium.payments.payment.application.PaymentReplies;
import io.emporium.payments.payment.model.CancelledOrders;
import io.emporium.payments.payment.model.Payments;
import io.emporium.platform.transaction.Transactions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the plain-Java payment application to its Spring adapters. */
@Configuration(proxyBeanMethods = false)
class PaymentConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    Cashier cashier(Payments payments, CancelledOrders cancelledOrders, PaymentProvider provider,
            PaymentReplies replies, Transactions transactions, Clock clock) {
        return new Cashier(payments, cancelledOrders, provider, replies, transactions, clock);
    }
}
