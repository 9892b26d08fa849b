package io.emporium.payments.payment.provider;

import io.emporium.payments.payment.application.PaymentProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The payment provider this service uses: the simulated one, keeping its ledger in the payments database outside the
 * service's transactions (a real provider's client would replace this bean, and the ledger with it).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PaymentProviderProperties.class)
class PaymentProviderConfiguration {

    @Bean
    PaymentProvider paymentProvider(PaymentProviderProperties properties, JdbcClient jdbc,
            PlatformTransactionManager transactions) {
        return properties.simulated(new JdbcProviderLedger(jdbc, transactions));
    }
}
