package io.emporium.notifications.notification.web;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.emporium.notifications.notification.application.InMemoryNotifications;
import io.emporium.notifications.notification.application.Notifier;
import io.emporium.notifications.notification.model.CustomerId;
import io.emporium.notifications.notification.model.Notification;
import io.emporium.notifications.notification.model.OrderId;
import io.emporium.notifications.notification.model.OrderNews;
import io.emporium.platform.test.infrastructure.TestInfrastructure;
import io.emporium.platform.test.security.TestIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.http.HttpHeaders.AUTHORIZATION;

/**
 * The REST adapter alone, over in-memory notifications: JSON shapes, paging, parameter validation, problems, and
 * whose notifications a caller may see (their own; an administrator everyone's).
 */
@WebMvcTest(NotificationController.class)
@TestInfrastructure
class NotificationControllerTest {

    private static final TestIssuer issuer = TestIssuer.shared();

    private final MockMvcTester mvc;
    private final String alice = "Bearer " + issuer.customer("alice");
    private final String bob = "Bearer " + issuer.customer("bob");
    private final String admin = "Bearer " + issuer.admin();

    NotificationControllerTest(MockMvcTester mvc) {
        this.mvc = mvc;
    }

    @Test
    void aCustomersNotificationsArePagedNewestFirst() {
        assertThat(get("/api/notifications?customer=alice&size=1", alice)).hasStatusOk().bodyJson()
                .isStrictlyEqualTo("""
                        {"content":[{"customerId":"alice","orderId":"o-1","kind":"ORDER_CANCELLED","channel":"email",
                                     "text":"Your order o-1 was cancelled: payment declined",
                                     "sentAt":"2026-01-31T12:05:00Z","messageId":"m-2"}],
                         "page":{"number":0,"size":1,"totalElements":2,"totalPages":2}}""");
        assertThat(get("/api/notifications?customer=alice&size=1&page=1", alice)).hasStatusOk().bodyJson()
                .extractingPath("$.content[0].messageId").asString().isEqualTo("m-1");
    }

    @Test
    void withoutACustomerTheCallerGetsTheirOwn() {
        assertThat(get("/api/notifications?size=1&page=1", alice)).hasStatusOk().bodyJson()
                .extractingPath("$.content[0].messageId").asString().isEqualTo("m-1");
        assertThat(get("/api/notifications", alice)).hasStatusOk().bodyJson()
                .extractingPath("$.page.totalElements").asNumber().isEqualTo(2);
        assertThat(get("/api/notifications", bob)).hasStatusOk().bodyJson()
                .extractingPath("$.content[*].messageId").asArray().containsExactly("m-3");
    }

    @Test
    void aCustomerWithoutNotificationsHasAnEmptyPage() {
        assertThat(get("/api/notifications?customer=nobody", "Bearer " + issuer.customer("nobody"))).hasStatusOk()
                .bodyJson().isStrictlyEqualTo("""
                        {"content":[],"page":{"number":0,"size":20,"totalElements":0,"totalPages":0}}""");
    }

    @Test
    void aCallerWhoseNameCannotBeACustomerIdHasNoNotifications() {
        String oddName = "Bearer " + issuer.sign(issuer.claims("no customer", List.of("customer")).build());

        assertThat(get("/api/notifications", oddName)).hasStatusOk().bodyJson()
                .extractingPath("$.page.totalElements").asNumber().isEqualTo(0);
    }

    @Test
    void anotherCustomersNotificationsAreA403Problem() {
        MvcTestResult result = get("/api/notifications?customer=alice", bob);

        assertThat(result).hasStatus(403).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.status").asNumber().isEqualTo(403);
        assertThat(result).bodyJson().extractingPath("$.detail").asString().contains("Only the customer themself");
        // the same whether or not that customer has notifications: nothing is told about them
        assertThat(get("/api/notifications?customer=nobody", bob)).hasStatus(403);
    }

    @Test
    void anAdminMayListAnyCustomersNotifications() {
        assertThat(get("/api/notifications?customer=alice", admin)).hasStatusOk().bodyJson()
                .extractingPath("$.page.totalElements").asNumber().isEqualTo(2);
    }

    @Test
    void anOrdersNotificationsAreListedOldestFirst() {
        assertThat(get("/api/notifications?order=o-1", alice)).hasStatusOk().bodyJson()
                .extractingPath("$[*].kind").asArray().containsExactly("ORDER_RECEIVED", "ORDER_CANCELLED");
        assertThat(get("/api/notifications?order=o-404", alice)).hasStatusOk().bodyJson().isStrictlyEqualTo("[]");
    }

    @Test
    void anotherCustomersOrderLooksLikeAnUnknownOrderButAnAdminSeesIt() {
        assertThat(get("/api/notifications?order=o-1", bob)).hasStatusOk().bodyJson().isStrictlyEqualTo("[]");
        assertThat(get("/api/notifications?order=o-1", admin)).hasStatusOk().bodyJson()
                .extractingPath("$[*].messageId").asArray().containsExactly("m-1", "m-2");
    }

    @Test
    void withoutATokenTheAnswerIsA401Problem() {
        for (String path : new String[] { "/api/notifications?customer=alice", "/api/notifications?order=o-1",
                "/api/notifications" }) {
            assertThat(mvc.get().uri(path)).hasStatus(401).hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .headers().hasValue("WWW-Authenticate", "Bearer");
        }
    }

    @Test
    void askingForBothCustomerAndOrderIsA400Problem() {
        assertThat(get("/api/notifications?customer=alice&order=o-1", alice)).hasStatus(400)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void everyInvalidParameterIsNamedInTheProblem() {
        MvcTestResult result = get("/api/notifications?customer=&page=-1&size=101", alice);

        assertThat(result).hasStatus(400).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.errors[*].field").asArray()
                .containsExactlyInAnyOrder("customer", "page", "size");
    }

    @Test
    void malformedOrderIdOrPageNumberIsA400Problem() {
        assertThat(get("/api/notifications?order=" + "o".repeat(65), alice)).hasStatus(400)
                .bodyJson().extractingPath("$.errors[*].field").asArray().containsExactly("order");
        assertThat(get("/api/notifications?customer=alice&page=first", alice)).hasStatus(400)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    private MvcTestResult get(String uri, String authorization) {
        return mvc.get().uri(uri).header(AUTHORIZATION, authorization).exchange();
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class InMemoryNotifier {

        @Bean
        Notifier notifier() {
            InMemoryNotifications notifications = new InMemoryNotifications();
            CustomerId alice = new CustomerId("alice");
            OrderId order = new OrderId("o-1");
            notifications.record(Notification.email("m-1", new OrderNews.Received(order, alice, 1, BigDecimal.TEN,
                    "EUR"), Instant.parse("2026-01-31T12:00:00Z")));
            notifications.record(Notification.email("m-2", new OrderNews.Cancelled(order, alice, "payment declined"),
                    Instant.parse("2026-01-31T12:05:00Z")));
            notifications.record(Notification.email("m-3", new OrderNews.Cancelled(new OrderId("o-2"),
                    new CustomerId("bob"), "payment declined"), Instant.parse("2026-01-31T12:10:00Z")));
            return new Notifier(notifications, Clock.systemUTC());
        }
    }
}
