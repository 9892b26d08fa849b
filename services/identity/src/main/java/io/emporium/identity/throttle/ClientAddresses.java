package io.emporium.identity.throttle;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.web.util.matcher.IpAddressMatcher;

/**
 * The address a request comes from, for throttling and security events: the connection's remote address, unless that
 * is one of the configured trusted proxies; then the right-most {@code X-Forwarded-For} entry that is not a trusted
 * proxy itself (entries further left are whatever the client chose to send). With no trusted proxies (the default),
 * {@code X-Forwarded-For} is ignored. Only IP literals are accepted from the header: never a name to look up.
 */
final class ClientAddresses {

    static final String FORWARDED_FOR = "X-Forwarded-For";

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private final List<IpAddressMatcher> trustedProxies;

    /**
     * @param trustedProxies IP addresses or CIDR ranges ({@code 10.0.0.0/8}, {@code ::1})
     * @throws IllegalArgumentException when one is not an IP address or range
     */
    ClientAddresses(List<String> trustedProxies) {
        this.trustedProxies = trustedProxies.stream().map(String::strip).filter(proxy -> !proxy.isEmpty())
                .map(ClientAddresses::matcher).toList();
    }

    String of(HttpServletRequest request) {
        String remote = request.getRemoteAddr();
        if (!isTrustedProxy(remote)) {
            return remote;
        }
        Enumeration<String> headers = request.getHeaders(FORWARDED_FOR);
        List<String> forwarded = headers == null ? List.of() : Collections.list(headers).stream()
                .flatMap(header -> Arrays.stream(header.split(","))).map(String::strip).toList();
        for (int i = forwarded.size() - 1; i >= 0; i--) {
            Optional<String> hop = literal(forwarded.get(i));
            if (hop.isEmpty()) {
                // a trusted proxy would not write this: what lies left of it cannot be believed either
                return remote;
            }
            if (!isTrustedProxy(hop.get())) {
                return hop.get();
            }
        }
        return remote;
    }

    /**
     * The network an address is counted under: an IPv4 address itself, an IPv6 address its /64 (one subscriber's
     * allocation, in which an attacker could otherwise pick a fresh address for every guess).
     */
    static String network(String address) {
        if (!address.contains(":")) {
            return address;
        }
        try {
            byte[] bytes = InetAddress.getByName(address).getAddress();
            if (bytes.length != 16) {
                return address;
            }
            StringBuilder prefix = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
            }
            return prefix.append(":/64").toString();
        }
        catch (UnknownHostException ex) {
            return address;
        }
    }

    private boolean isTrustedProxy(String address) {
        return literal(address).map(ip -> trustedProxies.stream().anyMatch(proxy -> proxy.matches(ip))).orElse(false);
    }

    private static Optional<String> literal(String address) {
        if (address == null) {
            return Optional.empty();
        }
        String bare = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1)
                : address;
        return IPV4.matcher(bare).matches() || IPV6.matcher(bare).matches() ? Optional.of(bare) : Optional.empty();
    }

    private static IpAddressMatcher matcher(String proxy) {
        String address = proxy.contains("/") ? proxy.substring(0, proxy.indexOf('/')) : proxy;
        if (literal(address).isEmpty()) {
            throw new IllegalArgumentException("emporium.identity.throttle.trusted-proxies: '" + proxy
                    + "' is not an IP address or CIDR range");
        }
        return new IpAddressMatcher(proxy);
    }
}
