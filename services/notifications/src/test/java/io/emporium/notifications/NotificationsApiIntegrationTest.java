package io.emporium.notifications;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.UUID;

import io.emporium.notifications.notification.application.Notifier;
import io.emporium.notifications.notification.model.CustomerId;
import io.emporium.notifications.notification.model.OrderId;
import io.emporium.notifications.notification.model.OrderNews;
import io.emporium.notifications.support.NotificationsIntegrationTest;
import io.emporium.platform.test.security.TestIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole service over HTTP with tokens of the {@link TestIssuer}, on its real schema in a real PostgreSQL. */
class NotificationsApiIntegrationTest extends NotificationsIntegrationTest {

    private static final HttpClient http = HttpClient.newHttpClient();
    private static final JsonMapper json = JsonMapper.shared();
    private static final TestIssuer issuer = TestIssuer.shared();

    private final int port;
    private final Notifier notifier;

    NotificationsApiIntegrationTest(@LocalServerPort int port, Notifier notifier) {
        this.port = port;
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
        JsonNode first = ok("/api/notifications?customer=" + customer + "&size=2", token);
        JsonNode second = ok("/api/notifications?size=2&page=1", token);

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

        JsonNode sent = ok("/api/notifications?order=" + order, issuer.customer("erin"));

        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).get("kind").asString()).isEqualTo("ORDER_CONFIRMED");
        assertThat(ok("/api/notifications?order=" + order, issuer.admin())).hasSize(1);
        assertThat(ok("/api/notifications?order=" + order, issuer.customer("frank"))).isEmpty();
    }

    @Test
    void anotherCustomersNotificationsAreA403ProblemButAnAdminMayListThem() {
        String customer = "customer-" + UUID.randomUUID();
        notifier.notify("api-" + UUID.randomUUID(), new OrderNews.Cancelled(new OrderId("api-order-x"),
                new CustomerId(customer), "payment declined"));

        problem("/api/notifications?customer=" + customer, issuer.customer("frank"), 403);
        assertThat(ok("/api/notifications?customer=" + customer, issuer.admin()).get("content")).hasSize(1);
    }

    @Test
    void withoutATokenTheAnswerIsA401Problem() {
        problem("/api/notifications?customer=alice", null, 401);
        problem("/api/notifications?order=api-order-1", null, 401);
    }

    @Test
    void invalidOrConflictingParametersAreA400ProblemWithTraceId() {
        String token = issuer.customer("x");
        problem("/api/notifications?customer=x&order=api-order-1", token, 400);
        problem("/api/notifications?customer=x&size=0", token, 400);
        problem("/api/notifications?order=bad%20id", token, 400);
    }

    @Test
    void readinessNeedsNoTokenButOnlyAnAdminSeesItsComponents() {
        JsonNode anonymous = ok("/actuator/health/readiness", null);
        assertThat(anonymous.propertyNames()).containsExactly("status");
        assertThat(anonymous.get("status").asString()).isEqualTo("UP");

        JsonNode readiness = ok("/actuator/health/readiness", issuer.admin());
        assertThat(readiness.get("components").get("db").get("status").asString()).isEqualTo("UP");
    }

    private JsonNode ok(String path, String token) {
        HttpResponse<String> response = get(path, token);
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private void problem(String path, String token, int status) {
        HttpResponse<String> response = get(path, token);
        assertThat(response.statusCode()).as("GET %s", path).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json.readTree(response.body()).get("traceId").asString()).matches("[0-9a-f]{32}");
    }

    /** GET with the token as bearer credentials; {@code null}: without credentials. */
    private HttpResponse<String> get(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return http.send(request.build(), BodyHandlers.ofString());
        }
        catch (IOException ex) {
            throw new IllegalStateException("GET " + path + " failed", ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during GET " + path, ex);
        }
    }
}
