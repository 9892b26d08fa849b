package io.emporium.platform.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * What every endpoint that reads a JSON body answers to a body it must not guess about ({@link StrictJson}): a 400
 * problem naming the field, or a 415 problem for a body that is not JSON. Run against a servlet and a reactive
 * server by the subclasses, with the same controller ({@link OrderController}).
 */
abstract class StrictJsonRequestsContract {

    // HTTP/1.1 as the runner and the load balancer's probes speak it; every request with a deadline, so that a server
    // that does not answer fails the test instead of hanging the build
    private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final JsonMapper json = JsonMapper.shared();

    @LocalServerPort
    int port;

    static Stream<Arguments> refusedBodies() {
        return Stream.of(
                arguments("a fraction for a whole number", "{\"items\":[{\"sku\":\"A-1\",\"quantity\":1.5}]}",
                        "items[0].quantity"),
                arguments("a whole number written as a fraction", "{\"items\":[{\"sku\":\"A-1\",\"quantity\":2.0}]}",
                        "items[0].quantity"),
                arguments("an exponent", "{\"items\":[{\"sku\":\"A-1\",\"quantity\":1e20}]}", "items[0].quantity"),
                arguments("a number out of int's range", "{\"items\":[{\"sku\":\"A-1\",\"quantity\":99999999999}]}",
                        "items[0].quantity"),
                arguments("a number out of long's range", "{\"items\":[{\"sku\":\"A-1\",\"quantity\":1}],"
                        + "\"reference\":99999999999999999999}", "reference"),
                arguments("a string for a number", "{\"items\":[{\"sku\":\"A-1\",\"quantity\":\"2\"}]}",
                        "items[0].quantity"),
                arguments("a boolean for a number", "{\"items\":[{\"sku\":\"A-1\",\"quantity\":true}]}",
                        "items[0].quantity"),
                arguments("a number for a boolean", "{\"items\":[{\"sku\":\"A-1\",\"quantity\":1}],\"gift\":1}",
                        "gift"),
                arguments("a string for a boolean", "{\"items\":[{\"sku\":\"A-1\",\"quantity\":1}],\"gift\":\"yes\"}",
                        "gift"),
                arguments("null for a primitive", "{\"items\":[{\"sku\":\"A-1\",\"quantity\":null}]}",
                        "items[0].quantity"),
                arguments("a key twice", "{\"items\":[{\"sku\":\"A-1\",\"sku\":\"B-2\",\"quantity\":1}]}",
                        "items[0].sku"),
                arguments("an unknown property", "{\"items\":[{\"sku\":\"A-1\",\"quantity\":1,\"price\":0}]}",
                        "items[0].price"),
                arguments("an unknown top-level property", "{\"items\":[{\"sku\":\"A-1\",\"quantity\":1}],"
                        + "\"reference\":7,\"gift\":false,\"status\":\"PAID\"}", "status"),
                arguments("a missing primitive", "{\"items\":[{\"sku\":\"A-1\"}],\"reference\":7,\"gift\":false}",
                        "items[0].quantity"),
                arguments("content after the JSON value", "{\"items\":[{\"sku\":\"A-1\",\"quantity\":1}],"
                        + "\"reference\":7,\"gift\":false}{}", "body"),
                arguments("not JSON at all", "items=A-1", "body"),
                arguments("malformed JSON (where it broke)", "{\"items\":[{\"sku\":\"A-1\",\"quantity\":1}",
                        "items"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedBodies")
    void aBodyThatWouldHaveToBeGuessedAtIsA400ProblemNamingTheField(String what, String body, String field)
            throws Exception {
        HttpResponse<String> response = post("application/json", body);

        JsonNode problem = problem(response, 400);
        JsonNode error = problem.get("errors").get(0);
        assertThat(error.get("field").asString()).isEqualTo(field);
        assertThat(error.get("message").asString()).isNotBlank();
        assertThat(response.body()).doesNotContain("tools.jackson").doesNotContain("Exception");
    }

    @Test
    void aWellFormedBodyIsAccepted() throws Exception {
        HttpResponse<String> response = post("application/json",
                "{\"items\":[{\"sku\":\"A-1\",\"quantity\":2}],\"reference\":7,\"gift\":true}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json.readTree(response.body()).get("quantity").asInt()).isEqualTo(2);
    }

    /** Lossless, and what actuator's write operations rely on: see StrictJson. */
    @Test
    void aNumberForAStringIsTakenAsItsText() throws Exception {
        HttpResponse<String> response = post("application/json",
                "{\"items\":[{\"sku\":42,\"quantity\":2}],\"reference\":7,\"gift\":true}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json.readTree(response.body()).get("skus").get(0).asString()).isEqualTo("42");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notJson")
    void aBodyThatIsNotJsonIsA415Problem(String contentType) throws Exception {
        problem(post(contentType, "{\"items\":[{\"sku\":\"A-1\",\"quantity\":2}]}"), 415);
    }

    static Stream<String> notJson() {
        return Stream.of("text/plain", "application/xml", "application/x-www-form-urlencoded", "");
    }

    private JsonNode problem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        return problem;
    }

    private HttpResponse<String> post(String contentType, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/orders"))
                .timeout(Duration.ofSeconds(10)).POST(BodyPublishers.ofString(body));
        if (!contentType.isEmpty()) {
            request.header("Content-Type", contentType);
        }
        return http.send(request.build(), BodyHandlers.ofString());
    }

    record PlaceOrder(@NotEmpty List<@Valid Item> items, long reference, boolean gift) {
    }

    record Item(String sku, int quantity) {
    }

    /** Works on both stacks: annotated controllers returning plain values are served by MVC and WebFlux alike. */
    @RestController
    static class OrderController {

        @PostMapping("/orders")
        Map<String, Object> place(@RequestBody @Valid PlaceOrder order) {
            return Map.of("quantity", order.items().stream().mapToInt(Item::quantity).sum(),
                    "skus", order.items().stream().map(Item::sku).toList());
        }
    }
}
