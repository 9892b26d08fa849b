package io.emporium.registry;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Plain HTTP calls to a registry under test, as a given caller (HTTP Basic, a bearer token or none). */
public final class RegistryCalls {

    /** The callers of src/test/resources/application-test.yaml. */
    public static final String ORDERS_SECRET = "or:ders@/%#?é-secret";

    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;

    public RegistryCalls(int port) {
        this.port = port;
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }

    /** An instance of the application as a Eureka client sends it, listening on port 9999. */
    public static String instance(String application, String instanceId) {
        return """
                {"instance": {"instanceId": "%s", "hostName": "127.0.0.1", "app": "%s", "ipAddr": "127.0.0.1",
                 "status": "UP", "port": {"$": 9999, "@enabled": "true"},
                 "dataCenterInfo": {"@class": "com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo", "name": "MyOwn"}}}
                """.formatted(instanceId, application);
    }

    public HttpResponse<String> register(String application, String instanceId, String authorization) {
        return send(request("/eureka/apps/" + application, authorization).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(instance(application, instanceId))));
    }

    public HttpResponse<String> get(String path, String authorization) {
        return send(request(path, authorization).header("Accept", "application/json").GET());
    }

    public HttpResponse<String> send(String method, String path, String authorization) {
        return send(request(path, authorization).method(method, HttpRequest.BodyPublishers.noBody()));
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpRequest.Builder request(String path, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
        return authorization == null ? request : request.header("Authorization", authorization);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
