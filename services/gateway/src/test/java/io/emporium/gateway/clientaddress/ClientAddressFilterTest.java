package io.emporium.gateway.clientaddress;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ClientAddressFilterTest {

    @Test
    void withoutTrustedProxiesThePeerIsTheClientAndItsForwardingHeadersAreDropped() {
        ServerHttpRequest seen = filter(List.of(), request("127.0.0.1")
                .header("X-Forwarded-For", "198.51.100.1")
                .header("Forwarded", "for=198.51.100.2")
                .header("X-Forwarded-Host", "evil.example")
                .header("X-Forwarded-Proto", "https"));

        assertThat(seen.getRemoteAddress().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(seen.getHeaders().headerNames()).noneMatch(name -> name.toLowerCase().contains("forwarded"));
    }

    @Test
    void aPeerThatIsNoTrustedProxyCannotChooseItsAddress() {
        ServerHttpRequest seen = filter(List.of("10.0.0.0/8"), request("203.0.113.7")
                .header("X-Forwarded-For", "10.0.0.1"));

        assertThat(seen.getRemoteAddress().getAddress().getHostAddress()).isEqualTo("203.0.113.7");
        assertThat(seen.getHeaders().get("X-Forwarded-For")).isNull();
    }

    @Test
    void behindTrustedProxiesTheClientIsTheRightMostForwardedAddressThatIsNoProxy() {
        // the client made up the first entry; the proxies appended the real client and then themselves
        ServerHttpRequest seen = filter(List.of("127.0.0.1", "10.0.0.0/8"), request("127.0.0.1")
                .header("X-Forwarded-For", "192.0.2.66, 198.51.100.1")
                .header("X-Forwarded-For", "10.0.0.5")
                .header("X-Forwarded-Proto", "https"));

        assertThat(seen.getRemoteAddress().getAddress().getHostAddress()).isEqualTo("198.51.100.1");
        assertThat(seen.getHeaders().get("X-Forwarded-For")).isNull();
        assertThat(seen.getHeaders().getFirst("X-Forwarded-Proto")).as("the proxy's own").isEqualTo("https");
    }

    @Test
    void theForwardedHeaderIsReadWhenThereIsNoXForwardedFor() {
        ServerHttpRequest seen = filter(List.of("2001:db8::/48"), request("2001:db8::5")
                .header("Forwarded", "for=192.0.2.60;proto=http, for=\"[2001:db8:cafe::17]:4711\"")
                .header("Forwarded", "for=2001:db8::9"));

        assertThat(seen.getRemoteAddress().getAddress().getHostAddress()).isEqualTo("2001:db8:cafe:0:0:0:0:17");
    }

    @Test
    void aForwardedEntryThatIsNoAddressLeavesTheProxyAsTheClient() {
        ServerHttpRequest seen = filter(List.of("127.0.0.1"), request("127.0.0.1")
                .header("X-Forwarded-For", "198.51.100.1, attacker.example"));

        assertThat(seen.getRemoteAddress().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
    }

    @Test
    void aRequestWithoutForwardingHeadersFromAnUntrustedPeerPassesUnchanged() {
        MockServerWebExchange exchange = MockServerWebExchange.from(request("203.0.113.7"));
        AtomicReference<ServerHttpRequest> seen = new AtomicReference<>();

        new ClientAddressFilter(new ClientAddressProperties(List.of("10.0.0.1")))
                .filter(exchange, passed -> {
                    seen.set(passed.getRequest());
                    return Mono.empty();
                }).block();

        assertThat(seen.get()).isSameAs(exchange.getRequest());
    }

    @Test
    void onlyIpAddressesAreEverParsedNeverHostNames() {
        assertThat(TrustedProxies.ipLiteral("192.0.2.1")).isPresent();
        assertThat(TrustedProxies.ipLiteral("192.0.2.1:4711")).isPresent();
        assertThat(TrustedProxies.ipLiteral("[2001:db8::1]:4711")).isPresent();
        assertThat(TrustedProxies.ipLiteral("::1")).isPresent();
        assertThat(TrustedProxies.ipLiteral("localhost")).isEmpty();
        assertThat(TrustedProxies.ipLiteral("999.1.1.1")).isEmpty();
        assertThat(TrustedProxies.ipLiteral("1.2.3.4.5")).isEmpty();
        assertThat(TrustedProxies.ipLiteral("unknown")).isEmpty();
        assertThat(TrustedProxies.ipLiteral("_hidden")).isEmpty();
        assertThat(TrustedProxies.ipLiteral("abc")).isEmpty();
    }

    @Test
    void aTrustedProxyMustBeAnAddressOrARange() {
        assertThatIllegalArgumentException().isThrownBy(() -> TrustedProxies.of(List.of("proxy.example")))
                .withMessageContaining("emporium.gateway.trusted-proxies");
        assertThatIllegalArgumentException().isThrownBy(() -> TrustedProxies.of(List.of("10.0.0.0/x")));
        assertThatIllegalArgumentException().isThrownBy(() -> TrustedProxies.of(List.of("10.0.0.0/33")));
        TrustedProxies proxies = TrustedProxies.of(List.of(" 10.0.0.0/8 ", "::1"));
        assertThat(proxies.contains(TrustedProxies.ipLiteral("10.200.0.1").orElseThrow())).isTrue();
        assertThat(proxies.contains(TrustedProxies.ipLiteral("0:0:0:0:0:0:0:1").orElseThrow())).isTrue();
        assertThat(proxies.contains(TrustedProxies.ipLiteral("11.0.0.1").orElseThrow())).isFalse();
    }

    private static ServerHttpRequest filter(List<String> trustedProxies, MockServerHttpRequest.BaseBuilder<?> request) {
        AtomicReference<ServerHttpRequest> seen = new AtomicReference<>();
        WebFilterChain chain = exchange -> {
            seen.set(exchange.getRequest());
            return Mono.empty();
        };
        new ClientAddressFilter(new ClientAddressProperties(trustedProxies))
                .filter(MockServerWebExchange.from(request), chain).block();
        return seen.get();
    }

    private static MockServerHttpRequest.BaseBuilder<?> request(String peer) {
        return MockServerHttpRequest.get("/api/catalog/products").remoteAddress(new InetSocketAddress(peer, 40000));
    }
}
