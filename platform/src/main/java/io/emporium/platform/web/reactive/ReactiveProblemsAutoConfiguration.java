package io.emporium.platform.web.reactive;

import io.emporium.platform.trace.CurrentTrace;
import io.micrometer.tracing.Tracer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import tools.jackson.databind.json.JsonMapper;

/** RFC 9457 problems for every failure of a reactive (WebFlux) service, such as the gateway, and X-Trace-Id. */
@AutoConfiguration(beforeName = {
        "org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration",
        "org.springframework.boot.webflux.autoconfigure.error.ErrorWebFluxAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
class ReactiveProblemsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    CurrentTrace currentTrace(ObjectProvider<Tracer> tracer) {
        return new CurrentTrace(tracer.getIfAvailable());
    }

    /** Ahead of Boot's own handler (order -1) and of the gateway's. */
    @Bean
    @Order(-2)
    ProblemDetailsWebExceptionHandler problemDetailsWebExceptionHandler(CurrentTrace currentTrace,
            ObjectProvider<JsonMapper> jsonMapper) {
        return new ProblemDetailsWebExceptionHandler(currentTrace, jsonMapper.getIfAvailable(JsonMapper::shared));
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    TraceIdResponseWebFilter traceIdResponseWebFilter(CurrentTrace currentTrace) {
        return new TraceIdResponseWebFilter(currentTrace);
    }

    @Bean
    ReactiveProblemDetailsAdvice reactiveProblemDetailsAdvice(CurrentTrace currentTrace) {
        return new ReactiveProblemDetailsAdvice(currentTrace);
    }
}
