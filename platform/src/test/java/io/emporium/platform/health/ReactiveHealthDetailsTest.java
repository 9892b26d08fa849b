package io.emporium.platform.health;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;

/** Health details on a reactive service: the gateway. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.application.name=health-details", "spring.main.web-application-type=reactive",
        "management.health.kafka.enabled=false" })
class ReactiveHealthDetailsTest extends HealthDetailsContract {

    // no database here (JDBC is on the platform's test classpath for the messaging tests); no component scan, which
    // would find the other stack's test application in this package
    @SpringBootConfiguration
    @EnableAutoConfiguration(excludeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
    static class TestApplication {
    }
}
