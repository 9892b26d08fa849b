package io.emporium.orders;

import io.emporium.orders.support.DeadLetters;
import io.emporium.orders.support.FakeParticipants;
import io.emporium.platform.messaging.MessageReader;
import io.emporium.platform.messaging.Outbox;
import io.emporium.platform.test.kafka.TestKafka;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An integration test of the order saga: the orders service with short saga deadlines (4 s, checked every 200 ms),
 * the participants played by {@link FakeParticipants} (happy by default; a test changes their answers), and a reader
 * of the dead-letter topics. Both are new for every test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "eureka.client.enabled=false", "orders.saga.step-timeout=4s",
                "orders.saga.deadline-check-interval=200ms" })
abstract class SagaIntegrationTest extends OrdersIntegrationTest {

    @Autowired
    MessageReader reader;
    @Autowired
    Outbox outbox;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MeterRegistry meters;

    FakeParticipants participants;
    DeadLetters deadLetters;

    @BeforeEach
    void startParticipants() {
        participants = new FakeParticipants(TestKafka.bootstrapServers(), reader, outbox, transactions);
        deadLetters = new DeadLetters(TestKafka.bootstrapServers());
    }

    @AfterEach
    void stopParticipants() throws InterruptedException {
        participants.close();
        deadLetters.close();
    }
}
