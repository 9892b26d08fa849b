package io.emporium.identity;

import io.emporium.platform.test.infrastructure.TestInfrastructure;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The whole identity service on a random port, on its real schema in a real PostgreSQL, with the DEV ONLY demo
 * users and a test secret for the orders-service client. Every subclass shares one application context. The
 * issuer stays the configured default: tokens carry it as {@code iss} whatever port the test server listens on.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "eureka.client.enabled=false",
        "emporium.identity.demo-users=true",
        "emporium.identity.clients.orders-service.secret=" + IdentityClient.ORDERS_SECRET })
@TestInfrastructure(database = "identity", issuer = false)
abstract class IdentityIntegrationTest {

    static final String ISSUER = "http://localhost:9000";
}
