package io.emporium.platform.web.servlet;

import java.time.Duration;

import io.emporium.platform.trace.CurrentTrace;
import io.emporium.platform.web.StrictJson;
import io.micrometer.tracing.Tracer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.http.converter.autoconfigure.ServerHttpMessageConvertersCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.util.unit.DataSize;
import org.springframework.web.servlet.HandlerExceptionResolver;
import tools.jackson.databind.json.JsonMapper;

/**
 * RFC 9457 problems for every failure of a servlet (Spring MVC) service, the request body limit, strict JSON request
 * bodies ({@link StrictJson}), X-Trace-Id.
 */
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

    /**
     * The servlet's JSON converter reads request bodies with {@link StrictJson}'s rules; the application's
     * {@link JsonMapper} (used by HTTP clients and messaging) stays tolerant. Last, so it replaces Boot's converter.
     */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    @ConditionalOnClass(ServerHttpMessageConvertersCustomizer.class)
    ServerHttpMessageConvertersCustomizer strictJsonRequests(ObjectProvider<JsonMapper> jsonMapper) {
        JsonMapper strict = StrictJson.forRequests(jsonMapper.getIfAvailable(JsonMapper::shared));
        return converters -> converters.withJsonConverter(new JacksonJsonHttpMessageConverter(strict));
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

    /** Before anything reads the request's content type or parameters (Spring Security's filters do). */
    @Bean
    FilterRegistrationBean<MalformedRequestFilter> malformedRequestFilter(
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver exceptionResolver) {
        FilterRegistrationBean<MalformedRequestFilter> registration =
                new FilterRegistrationBean<>(new MalformedRequestFilter(exceptionResolver));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 101);
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
