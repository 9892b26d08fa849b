package io.emporium.notifications.notification.messaging;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.emporium.notifications.notification.application.Notifier;
import io.emporium.notifications.notification.model.Notification;
import io.emporium.notifications.notification.model.NotificationKind;
import io.emporium.notifications.notification.model.OrderId;
import io.emporium.platform.test.kafka.CloudEventsClient;
import io.emporium.notifications.support.NotificationsIntegrationTest;
import io.emporium.orders.api.OrderMessages;
import io.emporium.orders.api.OrderMessages.Line;
import io.emporium.orders.api.OrderMessages.OrderCancelled;
import io.emporium.orders.api.OrderMessages.OrderConfirmed;
import io.emporium.orders.api.OrderMessages.OrderPlaced;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Order events over a real broker become notifications in PostgreSQL, once each. */
class OrderEventsIntegrationTest extends NotificationsIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String DEAD_LETTERS = OrderMessages.EVENTS + ".DLT";
    @RegisterExtension
    static final CloudEventsClient orders = CloudEventsClient.onTestKafka(DEAD_LETTERS);

    private final Notifier notifier;
    private final MeterRegistry meters;

    OrderEventsIntegrationTest(Notifier notifier, MeterRegistry meters) {
        this.notifier = notifier;
        this.meters = meters;
    }

    @Test
    void anOrdersLifeBecomesReceivedThenCancelledNotifications() {
        String order = newOrderId();

        String placedId = event(order, OrderPlaced.TYPE, new OrderPlaced(order, "alice",
                List.of(new Line("SKU-000001", 2, new BigDecimal("10.00")), new Line("SKU-000002", 1, BigDecimal.ONE)),
                new BigDecimal("21.00"), "EUR"));
        event(order, OrderCancelled.TYPE, new OrderCancelled(order, "alice", "payment declined"));

        List<Notification> sent = awaitNotifications(order, 2);
        assertThat(sent).extracting(Notification::kind)
                .containsExactly(NotificationKind.ORDER_RECEIVED, NotificationKind.ORDER_CANCELLED);
        assertThat(sent.getFirst().text()).isEqualTo("We received your order " + order
                + ": 3 items, 21.00 EUR in total. We will tell you when it is confirmed.");
        assertThat(sent.getFirst().messageId()).isEqualTo(placedId);
        assertThat(sent.get(1).text()).isEqualTo("Your order " + order + " was cancelled: payment declined");
        assertThat(sent).allSatisfy(notification -> {
            assertThat(notification.customerId().value()).isEqualTo("alice");
            assertThat(notification.channel()).isEqualTo("email");
        });
    }

    @Test
    void aConfirmedOrderIsNotified() {
        String order = newOrderId();

        event(order, OrderConfirmed.TYPE, new OrderConfirmed(order, "bob", "shipment-9"));

        assertThat(awaitNotifications(order, 1).getFirst().text())
                .isEqualTo("Your order " + order + " is confirmed and will be shipped (shipment shipment-9).");
    }

    @Test
    void aRedeliveredEventRecordsNothingNew() {
        String order = newOrderId();
        String messageId = UUID.randomUUID().toString();
        OrderConfirmed confirmed = new OrderConfirmed(order, "carol", "shipment-1");
        double duplicatesBefore = duplicates();

        orders.send(OrderMessages.EVENTS, order, messageId, OrderConfirmed.TYPE, confirmed);
        orders.send(OrderMessages.EVENTS, order, messageId, OrderConfirmed.TYPE, confirmed);

        await().atMost(WAIT).until(() -> duplicates() > duplicatesBefore);
        assertThat(notifier.about(new OrderId(order))).hasSize(1);
    }

    @Test
    void eventsOfOtherTypesAreSkipped() {
        String order = newOrderId();

        event(order, "orders.OrderPaid", new OrderConfirmed(order, "dave", "x"));
        event(order, OrderCancelled.TYPE, new OrderCancelled(order, "dave", "changed my mind"));

        assertThat(awaitNotifications(order, 1)).extracting(Notification::kind)
                .containsExactly(NotificationKind.ORDER_CANCELLED);
        assertThat(orders.received(DEAD_LETTERS, order)).isEmpty();
    }

    @Test
    void anEventWithoutACustomerGoesToTheDeadLetterTopic() {
        String order = newOrderId();

        event(order, OrderCancelled.TYPE, new OrderCancelled(order, null, "payment declined"));

        await().atMost(WAIT).untilAsserted(() -> assertThat(orders.received(DEAD_LETTERS, order)).hasSize(1));
        assertThat(notifier.about(new OrderId(order))).isEmpty();
    }

    private static String event(String order, String type, Object data) {
        return orders.send(OrderMessages.EVENTS, order, type, data);
    }

    private List<Notification> awaitNotifications(String order, int count) {
        await().atMost(WAIT).until(() -> notifier.about(new OrderId(order)).size() >= count);
        List<Notification> sent = notifier.about(new OrderId(order));
        assertThat(sent).hasSize(count);
        return sent;
    }

    private double duplicates() {
        Counter counter = meters.find("emporium.inbox.duplicates").tag("consumer", "notifications").counter();
        return counter == null ? 0 : counter.count();
    }

    private static String newOrderId() {
        return "order-" + UUID.randomUUID();
    }
}
