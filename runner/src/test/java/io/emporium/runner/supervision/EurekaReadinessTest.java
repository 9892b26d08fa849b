package io.emporium.runner.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.emporium.runner.topology.RegistryLogin;

/** The runner's check that an instance is listed, against a registry stand-in that answers only its login. */
class EurekaReadinessTest {

    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final HttpServer registry = start();

    @AfterEach
    void stop() {
        registry.stop(0);
    }

    @Test
    void asksTheRegistryWithTheRunnersReadOnlyLogin() {
        EurekaReadiness readiness = new EurekaReadiness(url(), RegistryLogin.RUNNER, "catalog", 8081);

        assertThat(readiness.isReady()).isTrue();
        assertThat(authorizations).containsExactly("Basic cnVubmVyOnJ1bm5lci1yZWdpc3RyeS1kZXYtb25seQ==");
        assertThat(readiness.toString()).doesNotContain("registry-dev-only").doesNotContain("Basic");
    }

    @Test
    void isNotReadyWhenTheRegistryRefusesTheLogin() {
        EurekaReadiness readiness = new EurekaReadiness(url(), new RegistryLogin("runner", "wrong"), "catalog", 8081);

        assertThat(readiness.isReady()).isFalse();
    }

    private String url() {
        return "http://127.0.0.1:" + registry.getAddress().getPort() + "/eureka/";
    }

    private HttpServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/eureka/apps/CATALOG", exchange -> {
                String authorization = exchange.getRequestHeaders().getFirst("Authorization");
                authorizations.add(String.valueOf(authorization));
                boolean runner = RegistryLogin.RUNNER.basicAuthorization().equals(authorization);
                byte[] body = (runner ? """
                        {"application":{"name":"CATALOG","instance":[
                          {"instanceId":"catalog-1","status":"UP","port":{"$":8081,"@enabled":"true"}}]}}"""
                        : "{\"status\":401}").getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(runner ? 200 : 401, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
