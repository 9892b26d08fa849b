package io.emporium.notifications;

import java.util.UUID;

import io.emporium.notifications.notification.application.Notifier;
import io.emporium.notifications.notification.model.CustomerId;
import io.emporium.notifications.notification.model.OrderId;
import io.emporium.notifications.notification.model.OrderNews;
import io.emporium.notifications.support.NotificationsIntegrationTest;
import io.emporium.platform.test.security.TestIssuer;
import io.emporium.platform.test.web.TestHttp;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole service over HTTP with tokens of the {@link TestIssuer}, on its real schema in a real PostgreSQL. */
class NotificationsApiIntegrationTest extends NotificationsIntegrationTest {

    private static final JsonMapper json = JsonMapper.shared();
    private static final TestIssuer issuer = TestIssuer.shared();

    private final TestHttp http;
    private final Notifier notifier;

    NotificationsApiIntegrationTest(@LocalServerPort int port, Notifier notifier) {
        this.http = new TestHttp(port);
        this.notifier = notifier;
    }

    @Test
    void aCustomersNotificationsArePagedNewestFirst() {
        String customer = "customer-" + UUID.randomUUID();
        for (int n = 1; n <= 3; n++) {
            notifier.notify("api-" + UUID.randomUUID(), new OrderNews.Cancelled(new OrderId("api-order-" + n),
                    new CustomerId(customer), "reason " + n));
        }

        String token = issuer.customer(customer);
        JsonNode first = http.ok("/api/notifications?customer=" + customer + "&size=2", token);
        JsonNode second = http.ok("/api/notifications?size=2&page=1", token);

        assertThat(first.get("page")).isEqualTo(json.readTree("""
                {"number":0,"size":2,"totalElements":3,"totalPages":2}"""));
        assertThat(first.get("content").valueStream().map(n -> n.get("orderId").asString()))
                .containsExactly("api-order-3", "api-order-2");
        assertThat(second.get("content").valueStream().map(n -> n.get("orderId").asString()))
                .containsExactly("api-order-1");
        assertThat(first.get("content").get(0).propertyNames()).containsExactly("customerId", "orderId", "kind",
                "channel", "text", "sentAt", "messageId");
    }

    @Test
    void anOrdersNotificationsAreListedForItsCustomerAndAdminsOnly() {
        String order = "api-order-" + UUID.randomUUID();
        notifier.notify("api-" + UUID.randomUUID(), new OrderNews.Confirmed(new OrderId(order),
                new CustomerId("erin"), "shipment-3"));

        JsonNode sent = http.ok("/api/notifications?order=" + order, issuer.customer("erin"));

        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).get("kind").asString()).isEqualTo("ORDER_CONFIRMED");
        assertThat(http.ok("/api/notifications?order=" + order, issuer.admin())).hasSize(1);
        assertThat(http.ok("/api/notifications?order=" + order, issuer.customer("frank"))).isEmpty();
    }

    @Test
    void anotherCustomersNotificationsAreA403ProblemButAnAdminMayListThem() {
        String customer = "customer-" + UUID.randomUUID();
        notifier.notify("api-" + UUID.randomUUID(), new OrderNews.Cancelled(new OrderId("api-order-x"),
                new CustomerId(customer), "payment declined"));

        http.problem("/api/notifications?customer=" + customer, issuer.customer("frank"), 403);
        assertThat(http.ok("/api/notifications?customer=" + customer, issuer.admin()).get("content")).hasSize(1);
    }

    @Test
    void withoutATokenTheAnswerIsA401Problem() {
        http.problem("/api/notifications?customer=alice", null, 401);
        http.problem("/api/notifications?order=api-order-1", null, 401);
    }

    @Test
    void invalidOrConflictingParametersAreA400ProblemWithTraceId() {
        String token = issuer.customer("x");
        http.problem("/api/notifications?customer=x&order=api-order-1", token, 400);
        http.problem("/api/notifications?customer=x&size=0", token, 400);
        http.problem("/api/notifications?order=bad%20id", token, 400);
    }

    @Test
    void readinessNeedsNoTokenButOnlyAnAdminSeesItsComponents() {
        JsonNode anonymous = http.ok("/actuator/health/readiness", null);
        assertThat(anonymous.propertyNames()).containsExactly("status");
        assertThat(anonymous.get("status").asString()).isEqualTo("UP");

        JsonNode readiness = http.ok("/actuator/health/readiness", issuer.admin());
        assertThat(readiness.get("components").get("db").get("status").asString()).isEqualTo("UP");
    }
}
