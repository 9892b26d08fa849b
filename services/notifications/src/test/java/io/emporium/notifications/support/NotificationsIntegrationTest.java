package io.emporium.notifications.support;

import io.emporium.platform.test.infrastructure.TestInfrastructure;
import io.emporium.platform.test.kafka.TestKafka;
import io.emporium.platform.test.security.TestIssuer;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The whole service against a real PostgreSQL (platform-test) and a real Kafka broker ({@link TestKafka}), on a
 * random port, checking access tokens signed by the {@link TestIssuer}. Every integration test class extends this,
 * so they share one application context; each uses its own customers and orders, because they also share the
 * database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "eureka.client.enabled=false",
        // one partition: a test can rely on the order in which the listener sees the records it sends
        "emporium.messaging.topics.partitions=1",
        "logging.level.org.apache.kafka=WARN", "logging.level.kafka=WARN", "logging.level.state.change.logger=WARN" })
@TestInfrastructure(database = "notifications", kafka = true)
public abstract class NotificationsIntegrationTest {
}
