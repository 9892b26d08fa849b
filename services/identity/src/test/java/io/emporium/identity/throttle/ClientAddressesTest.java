package io.emporium.identity.throttle;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ClientAddressesTest {

    @Test
    void withoutTrustedProxiesForwardedForIsIgnored() {
        ClientAddresses addresses = new ClientAddresses(List.of());

        assertThat(addresses.of(request("127.0.0.1", "203.0.113.5"))).isEqualTo("127.0.0.1");
    }

    @Test
    void aTrustedProxyIsBelievedAboutTheHopBeforeIt() {
        ClientAddresses addresses = new ClientAddresses(List.of("10.0.0.0/8", "::1"));

        assertThat(addresses.of(request("10.1.2.3", "198.51.100.1, 203.0.113.5"))).isEqualTo("203.0.113.5");
        assertThat(addresses.of(request("10.1.2.3", "198.51.100.1, 203.0.113.5, 10.9.9.9")))
                .as("trusted hops are skipped").isEqualTo("203.0.113.5");
        assertThat(addresses.of(request("0:0:0:0:0:0:0:1", "2001:db8::7"))).isEqualTo("2001:db8::7");
        assertThat(addresses.of(request("192.0.2.1", "203.0.113.5"))).as("not a trusted proxy").isEqualTo("192.0.2.1");
    }

    @Test
    void aForwardedEntryThatIsNoAddressIsNotBelieved() {
        ClientAddresses addresses = new ClientAddresses(List.of("127.0.0.1"));

        assertThat(addresses.of(request("127.0.0.1", "evil.example"))).isEqualTo("127.0.0.1");
        assertThat(addresses.of(request("127.0.0.1", null))).isEqualTo("127.0.0.1");
    }

    @Test
    void aTrustedProxyMustBeAnAddressOrRange() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ClientAddresses(List.of("proxy.internal")))
                .withMessageContaining("proxy.internal");
    }

    @Test
    void anIpv6AddressCountsAsItsSlash64() {
        assertThat(ClientAddresses.network("2001:db8:1:2:aaaa:bbbb:cccc:dddd")).isEqualTo("2001:db8:1:2::/64");
        assertThat(ClientAddresses.network("192.0.2.1")).isEqualTo("192.0.2.1");
    }

    private static MockHttpServletRequest request(String remote, String forwardedFor) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/login");
        request.setRemoteAddr(remote);
        if (forwardedFor != null) {
            request.addHeader("X-Forwarded-For", forwardedFor);
        }
        return request;
    }
}
