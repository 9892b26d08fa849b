package io.emporium.gateway.clientaddress;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import io.netty.util.NetUtil;
import org.jspecify.annotations.Nullable;

/**
 * The proxies whose {@code X-Forwarded-For} and {@code Forwarded} headers the gateway believes: IPv4 and IPv6
 * addresses and CIDR ranges ({@code 10.0.0.0/8}, {@code 2001:db8::/32}), matched with Netty's
 * {@link IpSubnetFilterRule}. Only IP literals are ever parsed ({@link NetUtil}), so no text a client sends can make
 * the gateway resolve a host name. Immutable.
 */
final class TrustedProxies {

    private final List<IpSubnetFilterRule> ranges;

    private TrustedProxies(List<IpSubnetFilterRule> ranges) {
        this.ranges = ranges;
    }

    /**
     * @param entries IP addresses or CIDR ranges; none trusts no proxy
     * @throws IllegalArgumentException naming an entry that is neither (a host name, for instance)
     */
    static TrustedProxies of(List<String> entries) {
        return new TrustedProxies(entries.stream().map(String::strip).map(TrustedProxies::range).toList());
    }

    private static IpSubnetFilterRule range(String entry) {
        int slash = entry.indexOf('/');
        String literal = slash < 0 ? entry : entry.substring(0, slash);
        InetAddress address = NetUtil.createInetAddressFromIpAddressString(literal);
        int bits = address instanceof Inet4Address ? 32 : 128;
        int prefix = bits;
        if (slash >= 0) {
            String length = entry.substring(slash + 1);
            prefix = length.matches("\\d{1,3}") ? Integer.parseInt(length) : -1;
        }
        if (address == null || prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException(ClientAddressProperties.PREFIX + ".trusted-proxies: '" + entry
                    + "' is not an IP address or CIDR range (such as 10.0.0.0/8)");
        }
        return new IpSubnetFilterRule(address, prefix, IpFilterRuleType.ACCEPT);
    }

    boolean contains(@Nullable InetAddress address) {
        if (address == null || ranges.isEmpty()) {
            return false;
        }
        InetSocketAddress socket = new InetSocketAddress(address, 0);
        return ranges.stream().anyMatch(range -> range.matches(socket));
    }

    /**
     * The address an IP literal names, or empty when the text is anything else (a host name, "unknown", an obfuscated
     * identifier of RFC 7239): never looked up. Accepts IPv6 in brackets and either with a port
     * ({@code 192.0.2.1:4711}, {@code [2001:db8::1]:4711}), as proxies write them.
     */
    static Optional<InetAddress> ipLiteral(String text) {
        String address = text.strip();
        if (address.startsWith("[")) {
            int end = address.indexOf(']');
            if (end < 0) {
                return Optional.empty();
            }
            address = address.substring(1, end);
        }
        else if (address.indexOf(':') > 0 && address.indexOf(':') == address.lastIndexOf(':')) {
            address = address.substring(0, address.indexOf(':')); // IPv4 with a port
        }
        return Optional.ofNullable(NetUtil.createInetAddressFromIpAddressString(address));
    }
}
