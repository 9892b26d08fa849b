package io.emporium.notifications.notification.model;

import java.math.BigDecimal;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** How each piece of order news is worded and which kind of notification it makes. */
class OrderNewsTest {

    private static final OrderId ORDER = new OrderId("123");
    private static final CustomerId ALICE = new CustomerId("alice");

    @Test
    void aPlacedOrderIsAcknowledgedWithItsSizeAndTotal() {
        OrderNews news = new OrderNews.Received(ORDER, ALICE, 3, new BigDecimal("59.97"), "EUR");

        assertThat(news.kind()).isEqualTo(NotificationKind.ORDER_RECEIVED);
        assertThat(news.text()).isEqualTo(
                "We received your order 123: 3 items, 59.97 EUR in total. We will tell you when it is confirmed.");
        assertThat(new OrderNews.Received(ORDER, ALICE, 1, new BigDecimal("9.99"), "EUR").text())
                .startsWith("We received your order 123: 1 item, 9.99 EUR");
    }

    @Test
    void aConfirmedOrderNamesItsShipment() {
        OrderNews news = new OrderNews.Confirmed(ORDER, ALICE, "shipment-7");

        assertThat(news.kind()).isEqualTo(NotificationKind.ORDER_CONFIRMED);
        assertThat(news.text()).isEqualTo("Your order 123 is confirmed and will be shipped (shipment shipment-7).");
    }

    @Test
    void aCancelledOrderGivesTheReason() {
        OrderNews news = new OrderNews.Cancelled(ORDER, ALICE, "payment declined");

        assertThat(news.kind()).isEqualTo(NotificationKind.ORDER_CANCELLED);
        assertThat(news.text()).isEqualTo("Your order 123 was cancelled: payment declined");
        assertThat(new OrderNews.Cancelled(ORDER, ALICE, " ").text()).isEqualTo(
                "Your order 123 was cancelled: no reason given");
    }

    @Test
    void anEmailCarriesTheNewsAndTheMessageItReactedTo() {
        Instant now = Instant.parse("2026-01-31T12:00:00Z");

        Notification email = Notification.email("m-1", new OrderNews.Cancelled(ORDER, ALICE, "out of stock"), now);

        assertThat(email).isEqualTo(new Notification("m-1", ALICE, ORDER, NotificationKind.ORDER_CANCELLED, "email",
                "Your order 123 was cancelled: out of stock", now));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "ali ce", "\t" })
    void customerIdsHaveNoWhitespace(String id) {
        assertThatIllegalArgumentException().isThrownBy(() -> new CustomerId(id));
    }

    @Test
    void customerIdsAreLimitedTo50CharactersAndOrderIdsTo64() {
        assertThat(new CustomerId("c".repeat(50)).value()).hasSize(50);
        assertThatIllegalArgumentException().isThrownBy(() -> new CustomerId("c".repeat(51)));
        assertThat(new OrderId("3f2504e0-4f89-11d3-9a0c-0305e82c3301").value()).hasSize(36);
        assertThatIllegalArgumentException().isThrownBy(() -> new OrderId("o".repeat(65)));
        assertThatIllegalArgumentException().isThrownBy(() -> new OrderId("order 1"));
    }
}
