package io.emporium.payments.payment.provider;

import io.emporium.payments.payment.application.PaymentProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The payment provider this service uses: the simulated one (a real provider's client would replace this bean). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PaymentProviderProperties.class)
class PaymentProviderConfiguration {

    @Bean
    PaymentProvider paymentProvider(PaymentProviderProperties properties) {
        return properties.simulated();
    }
}
