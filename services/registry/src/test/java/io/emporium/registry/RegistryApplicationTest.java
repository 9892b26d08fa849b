package io.emporium.registry;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RegistryApplicationTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Test
    void acceptsARegistrationAndListsTheInstance() throws Exception {
        String instance = """
                {"instance": {"instanceId": "probe-1", "hostName": "127.0.0.1", "app": "PROBE", "ipAddr": "127.0.0.1",
                 "status": "UP", "port": {"$": 9999, "@enabled": "true"},
                 "dataCenterInfo": {"@class": "com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo", "name": "MyOwn"}}}
                """;
        var register = HttpRequest.newBuilder(uri("/eureka/apps/PROBE")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(instance)).build();
        assertThat(http.send(register, BodyHandlers.discarding()).statusCode()).isEqualTo(204);

        var list = HttpRequest.newBuilder(uri("/eureka/apps/PROBE")).header("Accept", "application/json").build();
        var response = http.send(list, BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"instanceId\":\"probe-1\"").contains("\"status\":\"UP\"");
    }

    @Test
    void reportsReadiness() throws Exception {
        var response = http.send(HttpRequest.newBuilder(uri("/actuator/health/readiness")).build(),
                BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("UP");
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
