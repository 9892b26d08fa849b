package io.emporium.platform.web.reactive;

import io.emporium.platform.trace.CurrentTrace;
import io.emporium.platform.web.StrictJson;
import io.micrometer.tracing.Tracer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.http.codec.json.JacksonJsonDecoder;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import tools.jackson.databind.json.JsonMapper;

/**
 * RFC 9457 problems for every failure of a reactive (WebFlux) service, such as the gateway, strict JSON request
 * bodies ({@link StrictJson}), and X-Trace-Id.
 */
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

    /**
     * The server's JSON decoder reads request bodies with {@link StrictJson}'s rules; WebClient's codecs and the
     * application's {@link JsonMapper} stay tolerant. Last, so it replaces what Boot's codec customizers set.
     */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    WebFluxConfigurer strictJsonRequests(ObjectProvider<JsonMapper> jsonMapper) {
        JsonMapper strict = StrictJson.forRequests(jsonMapper.getIfAvailable(JsonMapper::shared));
        return new WebFluxConfigurer() {
            @Override
            public void configureHttpMessageCodecs(ServerCodecConfigurer configurer) {
                configurer.defaultCodecs().jacksonJsonDecoder(new JacksonJsonDecoder(strict));
            }
        };
    }

    @Bean
    ReactiveProblemDetailsAdvice reactiveProblemDetailsAdvice(CurrentTrace currentTrace) {
        return new ReactiveProblemDetailsAdvice(currentTrace);
    }
}
