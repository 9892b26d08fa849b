package io.emporium.orders;

import java.net.URI;
import java.net.http.HttpClient;

import io.emporium.orders.support.StubCatalog;
import io.emporium.platform.test.kafka.TestKafka;
import io.emporium.platform.test.postgres.PostgresTestDatabase;
import io.emporium.platform.test.security.TestIssuer;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an integration test of the orders service (a {@code @SpringBootTest} on a random port) runs against: the shared
 * test database and Kafka broker, the {@link TestIssuer}, which also issues the service's own token for the catalog,
 * and one {@link StubCatalog}, found through simple discovery, that all subclasses share: it is healthy, with nothing
 * counted, at the start of every test. Each subclass gets its own application context, closed after it.
 */
@DirtiesContext
abstract class OrdersIntegrationTest {

    static final StubCatalog catalog = StubCatalog.start();
    static final TestIssuer issuer = TestIssuer.shared();
    static final HttpClient http = HttpClient.newHttpClient();
    static final JsonMapper json = JsonMapper.shared();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        PostgresTestDatabase.shared("orders").registerWith(registry);
        TestKafka.registerWith(registry);
        registry.add("spring.cloud.discovery.client.simple.instances.catalog[0].uri", catalog::uri);
        issuer.registerWith(registry);
        issuer.registerClient("orders-service", "orders-service-test-secret", "catalog.read");
        registry.add("emporium.security.client-secret", () -> "orders-service-test-secret");
    }

    @LocalServerPort
    int port;

    @BeforeEach
    void healthyCatalog() {
        catalog.reset();
    }

    /** The address of {@code path} on the service under test. */
    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
