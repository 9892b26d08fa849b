package io.emporium.platform.chaos;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Profile;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Fault injection for local runs and tests: the {@code chaos} actuator endpoint and a filter applying it to every
 * request. Exists only with the {@code local} or {@code test} profile (production configuration activates neither),
 * and not at all with {@code emporium.chaos.enabled=false}. Without it, {@code /actuator/chaos} is a 404.
 */
@AutoConfiguration
@Profile({ "local", "test" })
@ConditionalOnBooleanProperty(name = "emporium.chaos.enabled", matchIfMissing = true)
@ConditionalOnWebApplication
// imported rather than nested @Configuration classes, so that a component scan of this package does not pick
// them up on their own (tests' @SpringBootApplication classes live in the platform's packages)
@Import({ ChaosAutoConfiguration.Servlet.class, ChaosAutoConfiguration.Reactive.class })
class ChaosAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    FaultInjection faultInjection(ObjectProvider<MeterRegistry> meters) {
        return new FaultInjection(meters.getIfAvailable(() -> Metrics.globalRegistry));
    }

    @Bean
    @ConditionalOnMissingBean
    ChaosEndpoint chaosEndpoint(FaultInjection faults) {
        return new ChaosEndpoint(faults);
    }

    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(HandlerExceptionResolver.class)
    static class Servlet {

        /**
         * After the trace id filter (so a failure still names its trace) and before security (so unauthenticated
         * requests see the same degradation as authenticated ones).
         */
        @Bean
        FilterRegistrationBean<ChaosFilter> chaosFilter(FaultInjection faults,
                @Value("${management.endpoints.web.base-path:/actuator}") String managementPath,
                @Qualifier("handlerExceptionResolver") HandlerExceptionResolver exceptionResolver) {
            FilterRegistrationBean<ChaosFilter> registration =
                    new FilterRegistrationBean<>(new ChaosFilter(faults, managementPath, exceptionResolver));
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 50);
            return registration;
        }
    }

    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
    static class Reactive {

        /** Right after the trace id filter (HIGHEST_PRECEDENCE), before security (order -100). */
        @Bean
        @Order(Ordered.HIGHEST_PRECEDENCE + 50)
        ChaosWebFilter chaosWebFilter(FaultInjection faults,
                @Value("${management.endpoints.web.base-path:/actuator}") String managementPath) {
            return new ChaosWebFilter(faults, managementPath);
        }
    }
}
