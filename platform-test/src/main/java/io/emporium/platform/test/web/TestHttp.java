package io.emporium.platform.test.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calls a service that a test started on a random port, over real HTTP on 127.0.0.1, with an access token (e.g. of
 * the {@code TestIssuer}) as bearer credentials; a {@code null} token sends none. Thread-safe.
 * <pre>{@code
 * TestHttp http = new TestHttp(port);
 * JsonNode payment = http.ok("/api/payments/orders/" + order, issuer.admin());
 * }</pre>
 */
public final class TestHttp {

    private static final HttpClient client = HttpClient.newHttpClient();
    private static final JsonMapper json = JsonMapper.shared();

    private final int port;

    /** @param port the port the service listens on ({@code @LocalServerPort}) */
    public TestHttp(int port) {
        this.port = port;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    public HttpResponse<String> get(String path, @Nullable String token) {
        return send(HttpRequest.newBuilder(uri(path)), token);
    }

    /** POST without a body. */
    public HttpResponse<String> post(String path, @Nullable String token) {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()), token);
    }

    /** POST of a JSON body. */
    public HttpResponse<String> post(String path, String body, @Nullable String token) {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json"), token);
    }

    public HttpResponse<String> delete(String path, @Nullable String token) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE(), token);
    }

    /** PUT of a JSON body. */
    public HttpResponse<String> put(String path, String body, @Nullable String token) {
        return send(HttpRequest.newBuilder(uri(path)).PUT(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json"), token);
    }

    /** Sends the request with the token as its bearer credentials; fails the test if no answer comes. */
    public HttpResponse<String> send(HttpRequest.Builder request, @Nullable String token) {
        HttpRequest built = (token == null ? request : request.header("Authorization", "Bearer " + token)).build();
        try {
            return client.send(built, BodyHandlers.ofString());
        }
        catch (IOException ex) {
            throw new IllegalStateException(built + " failed", ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during " + built, ex);
        }
    }

    /** GETs the path, asserts 200 and returns the JSON body. */
    public JsonNode ok(String path, @Nullable String token) {
        HttpResponse<String> response = get(path, token);
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    /**
     * GETs the path and asserts an RFC 9457 problem with that status and a trace id ({@code traceId}, 32 hex
     * digits); returns the problem.
     */
    public JsonNode problem(String path, @Nullable String token, int status) {
        HttpResponse<String> response = get(path, token);
        assertThat(response.statusCode()).as("GET %s", path).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("traceId").asString()).matches("[0-9a-f]{32}");
        return problem;
    }

    /** The JSON body of a response. */
    public static JsonNode body(HttpResponse<String> response) {
        return json.readTree(response.body());
    }

    /** The body of a problem response without its trace id, which differs from request to request. */
    public static JsonNode withoutTraceId(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        ObjectNode problem = (ObjectNode) json.readTree(response.body());
        assertThat(problem.remove("traceId")).isNotNull();
        return problem;
    }
}
