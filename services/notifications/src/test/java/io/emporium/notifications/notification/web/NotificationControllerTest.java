package io.emporium.notifications.notification.web;

import java.time.Clock;
import java.time.Instant;

import io.emporium.notifications.notification.application.InMemoryNotifications;
import io.emporium.notifications.notification.application.Notifier;
import io.emporium.notifications.notification.model.CustomerId;
import io.emporium.notifications.notification.model.Notification;
import io.emporium.notifications.notification.model.OrderId;
import io.emporium.notifications.notification.model.OrderNews;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/** The REST adapter alone, over in-memory notifications: JSON shapes, paging, parameter validation, problems. */
@WebMvcTest(NotificationController.class)
class NotificationControllerTest {

    private final MockMvcTester mvc;

    NotificationControllerTest(MockMvcTester mvc) {
        this.mvc = mvc;
    }

    @Test
    void aCustomersNotificationsArePagedNewestFirst() {
        assertThat(mvc.get().uri("/api/notifications?customer=alice&size=1")).hasStatusOk().bodyJson()
                .isStrictlyEqualTo("""
                        {"content":[{"customerId":"alice","orderId":"o-1","kind":"ORDER_CANCELLED","channel":"email",
                                     "text":"Your order o-1 was cancelled: payment declined",
                                     "sentAt":"2026-01-31T12:05:00Z","messageId":"m-2"}],
                         "page":{"number":0,"size":1,"totalElements":2,"totalPages":2}}""");
        assertThat(mvc.get().uri("/api/notifications?customer=alice&size=1&page=1")).hasStatusOk().bodyJson()
                .extractingPath("$.content[0].messageId").asString().isEqualTo("m-1");
    }

    @Test
    void aCustomerWithoutNotificationsHasAnEmptyPage() {
        assertThat(mvc.get().uri("/api/notifications?customer=nobody")).hasStatusOk().bodyJson().isStrictlyEqualTo("""
                {"content":[],"page":{"number":0,"size":20,"totalElements":0,"totalPages":0}}""");
    }

    @Test
    void anOrdersNotificationsAreListedOldestFirst() {
        assertThat(mvc.get().uri("/api/notifications?order=o-1")).hasStatusOk().bodyJson()
                .extractingPath("$[*].kind").asArray().containsExactly("ORDER_RECEIVED", "ORDER_CANCELLED");
        assertThat(mvc.get().uri("/api/notifications?order=o-404")).hasStatusOk().bodyJson().isStrictlyEqualTo("[]");
    }

    @Test
    void askingForBothOrNeitherCustomerAndOrderIsA400Problem() {
        assertThat(mvc.get().uri("/api/notifications")).hasStatus(400)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(mvc.get().uri("/api/notifications?customer=alice&order=o-1")).hasStatus(400)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void everyInvalidParameterIsNamedInTheProblem() {
        MvcTestResult result = mvc.get().uri("/api/notifications?customer=&page=-1&size=101").exchange();

        assertThat(result).hasStatus(400).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.errors[*].field").asArray()
                .containsExactlyInAnyOrder("customer", "page", "size");
    }

    @Test
    void malformedOrderIdOrPageNumberIsA400Problem() {
        assertThat(mvc.get().uri("/api/notifications?order=" + "o".repeat(65))).hasStatus(400)
                .bodyJson().extractingPath("$.errors[*].field").asArray().containsExactly("order");
        assertThat(mvc.get().uri("/api/notifications?customer=alice&page=first")).hasStatus(400)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class InMemoryNotifier {

        @Bean
        Notifier notifier() {
            InMemoryNotifications notifications = new InMemoryNotifications();
            CustomerId alice = new CustomerId("alice");
            OrderId order = new OrderId("o-1");
            notifications.record(Notification.email("m-1", new OrderNews.Received(order, alice, 1,
                    java.math.BigDecimal.TEN, "EUR"), Instant.parse("2026-01-31T12:00:00Z")));
            notifications.record(Notification.email("m-2", new OrderNews.Cancelled(order, alice, "payment declined"),
                    Instant.parse("2026-01-31T12:05:00Z")));
            return new Notifier(notifications, Clock.systemUTC());
        }
    }
}
