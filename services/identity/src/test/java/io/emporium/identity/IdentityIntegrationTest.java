package io.emporium.identity;

import io.emporium.platform.test.postgres.PostgresTestDatabase;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole identity service on a random port, on its real schema in a real PostgreSQL, with the DEV ONLY demo
 * users and a test secret for the orders-service client. Every subclass shares one application context. The
 * issuer stays the configured default: tokens carry it as {@code iss} whatever port the test server listens on.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "eureka.client.enabled=false",
        "emporium.identity.demo-users=true",
        "emporium.identity.clients.orders-service.secret=" + IdentityClient.ORDERS_SECRET })
abstract class IdentityIntegrationTest {

    static final String ISSUER = "http://localhost:9000";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        PostgresTestDatabase.shared("identity").registerWith(registry);
    }
}
