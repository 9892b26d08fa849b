package io.emporium.platform.web;

import io.emporium.platform.security.reactive.ReactiveAccessRules;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/** Strict JSON request bodies on a reactive (WebFlux) service: the gateway's own endpoints. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "spring.application.name=strict-json", "spring.main.web-application-type=reactive" })
class StrictJsonReactiveRequestsTest extends StrictJsonRequestsContract {

    // no database here (JDBC is on the platform's test classpath for the messaging tests); no component scan, which
    // would find the other stack's test application in this package
    @SpringBootConfiguration
    @EnableAutoConfiguration(excludeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
    @Import(OrderController.class)
    static class TestApplication {

        /** About bodies, not tokens: every path is open. */
        @Bean
        ReactiveAccessRules everythingOpen() {
            return exchanges -> exchanges.pathMatchers("/**").permitAll();
        }
    }
}
