package io.emporium.notifications.notification.application;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import io.emporium.notifications.notification.model.CustomerId;
import io.emporium.notifications.notification.model.NotificationKind;
import io.emporium.notifications.notification.model.OrderId;
import io.emporium.notifications.notification.model.OrderNews;
import io.emporium.platform.paging.Paging;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NotifierTest {

    private static final Instant NOW = Instant.parse("2026-01-31T12:00:00Z");
    private static final CustomerId ALICE = new CustomerId("alice");
    private static final OrderId ORDER = new OrderId("order-1");

    private final InMemoryNotifications notifications = new InMemoryNotifications();
    private final Notifier notifier = new Notifier(notifications, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void newsIsSentAsAnEmailAndRecorded() {
        assertThat(notifier.notify("m-1", new OrderNews.Cancelled(ORDER, ALICE, "payment declined")))
                .hasValueSatisfying(sent -> {
                    assertThat(sent.kind()).isEqualTo(NotificationKind.ORDER_CANCELLED);
                    assertThat(sent.channel()).isEqualTo("email");
                    assertThat(sent.sentAt()).isEqualTo(NOW);
                });
        assertThat(notifier.about(ORDER)).extracting(notification -> notification.text())
                .containsExactly("Your order order-1 was cancelled: payment declined");
    }

    @Test
    void theSameMessageIsNeverNotifiedTwice() {
        OrderNews news = new OrderNews.Received(ORDER, ALICE, 1, BigDecimal.TEN, "EUR");

        assertThat(notifier.notify("m-1", news)).isPresent();
        assertThat(notifier.notify("m-1", news)).isEmpty();
        assertThat(notifier.sentTo(ALICE, new Paging(0, 20)).totalElements()).isEqualTo(1);
    }
}
