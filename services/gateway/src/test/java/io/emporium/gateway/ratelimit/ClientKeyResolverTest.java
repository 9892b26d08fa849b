package io.emporium.gateway.ratelimit;

import java.net.InetSocketAddress;
import java.security.Principal;

import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

class ClientKeyResolverTest {

    final ClientKeyResolver resolver = new ClientKeyResolver();

    @Test
    void anAuthenticatedRequestIsCountedAgainstItsSubject() {
        Principal alice = () -> "alice";
        MockServerWebExchange exchange = MockServerWebExchange.builder(request("203.0.113.7")).principal(alice).build();

        assertThat(resolver.resolve(exchange).block()).isEqualTo("sub:alice");
    }

    @Test
    void anAnonymousRequestIsCountedAgainstItsRemoteAddressNeverAHeader() {
        MockServerWebExchange exchange = MockServerWebExchange
                .from(request("203.0.113.7").header("X-Forwarded-For", "198.51.100.1"));

        assertThat(resolver.resolve(exchange).block()).isEqualTo("ip:203.0.113.7");
    }

    private static MockServerHttpRequest.BaseBuilder<?> request(String peer) {
        return MockServerHttpRequest.get("/api/catalog/products").remoteAddress(new InetSocketAddress(peer, 40000));
    }
}
