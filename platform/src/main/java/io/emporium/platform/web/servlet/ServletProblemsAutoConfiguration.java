package io.emporium.platform.web.servlet;

import java.time.Duration;

import io.emporium.platform.trace.CurrentTrace;
import io.micrometer.tracing.Tracer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;
import org.springframework.web.servlet.HandlerExceptionResolver;

/** RFC 9457 problems for every failure of a servlet (Spring MVC) service, the request body limit, X-Trace-Id. */
@AutoConfiguration(beforeName = {
        "org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration",
        "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ServletProblemsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    CurrentTrace currentTrace(ObjectProvider<Tracer> tracer) {
        return new CurrentTrace(tracer.getIfAvailable());
    }

    @Bean
    ProblemDetailsAdvice problemDetailsAdvice(CurrentTrace currentTrace,
            @Value("${resilience4j.circuitbreaker.configs.default.wait-duration-in-open-state:10s}") Duration circuitOpen) {
        return new ProblemDetailsAdvice(currentTrace, new DownstreamRefusals(circuitOpen));
    }

    @Bean
    ProblemErrorController problemErrorController(CurrentTrace currentTrace) {
        return new ProblemErrorController(currentTrace);
    }

    /** Right after Boot's observation filter (HIGHEST_PRECEDENCE + 1), which starts the request's trace. */
    @Bean
    FilterRegistrationBean<TraceIdResponseFilter> traceIdResponseFilter(CurrentTrace currentTrace) {
        FilterRegistrationBean<TraceIdResponseFilter> registration =
                new FilterRegistrationBean<>(new TraceIdResponseFilter(currentTrace));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }

    @Bean
    FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(
            @Value("${emporium.http.max-request-body}") DataSize limit,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver exceptionResolver) {
        FilterRegistrationBean<RequestBodyLimitFilter> registration =
                new FilterRegistrationBean<>(new RequestBodyLimitFilter(limit, exceptionResolver));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 100);
        return registration;
    }
}
