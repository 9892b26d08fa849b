package io.emporium.gateway.ratelimit;

import java.net.InetSocketAddress;
import java.security.Principal;

import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

class ClientKeyResolverTest {

    static final String LOOPBACK_TRUSTED = "127\\.0\\.0\\.1|0:0:0:0:0:0:0:1";

    @Test
    void anAuthenticatedRequestIsCountedAgainstItsSubject() {
        Principal alice = () -> "alice";
        MockServerWebExchange exchange = MockServerWebExchange
                .builder(request("203.0.113.7").header("X-Forwarded-For", "198.51.100.1"))
                .principal(alice)
                .build();

        assertThat(new ClientKeyResolver(LOOPBACK_TRUSTED).resolve(exchange).block()).isEqualTo("sub:alice");
    }

    @Test
    void anAnonymousRequestIsCountedAgainstItsAddress() {
        MockServerWebExchange exchange = MockServerWebExchange.from(request("203.0.113.7"));

        assertThat(new ClientKeyResolver(LOOPBACK_TRUSTED).resolve(exchange).block()).isEqualTo("ip:203.0.113.7");
    }

    @Test
    void aClientThatIsNoTrustedProxyCannotChooseItsAddressWithXForwardedFor() {
        MockServerWebExchange exchange = MockServerWebExchange
                .from(request("203.0.113.7").header("X-Forwarded-For", "198.51.100.1"));

        assertThat(new ClientKeyResolver(LOOPBACK_TRUSTED).resolve(exchange).block()).isEqualTo("ip:203.0.113.7");
    }

    @Test
    void behindTrustedProxiesTheClientIsTheRightMostUntrustedForwardedAddress() {
        ClientKeyResolver resolver = new ClientKeyResolver("127\\.0\\.0\\.1|10\\.0\\.0\\.\\d+");
        // the client made up the first entry; the proxies appended the real client and then themselves
        MockServerWebExchange exchange = MockServerWebExchange.from(request("127.0.0.1")
                .header("X-Forwarded-For", "192.0.2.66, 198.51.100.1")
                .header("X-Forwarded-For", "10.0.0.5"));

        assertThat(resolver.resolve(exchange).block()).isEqualTo("ip:198.51.100.1");
    }

    @Test
    void aTrustedPeerWithoutForwardedAddressesIsTheClient() {
        MockServerWebExchange exchange = MockServerWebExchange.from(request("127.0.0.1"));

        assertThat(new ClientKeyResolver(LOOPBACK_TRUSTED).resolve(exchange).block()).isEqualTo("ip:127.0.0.1");
    }

    @Test
    void withoutTrustedProxiesXForwardedForIsIgnored() {
        MockServerWebExchange exchange = MockServerWebExchange
                .from(request("127.0.0.1").header("X-Forwarded-For", "198.51.100.1"));

        assertThat(new ClientKeyResolver(null).resolve(exchange).block()).isEqualTo("ip:127.0.0.1");
        assertThat(new ClientKeyResolver("").resolve(exchange).block()).isEqualTo("ip:127.0.0.1");
    }

    private static MockServerHttpRequest.BaseBuilder<?> request(String peer) {
        return MockServerHttpRequest.get("/api/catalog/products").remoteAddress(new InetSocketAddress(peer, 40000));
    }
}
