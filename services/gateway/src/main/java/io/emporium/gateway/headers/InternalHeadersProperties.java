package io.emporium.gateway.headers;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code emporium.gateway.internal-headers}: the request headers only the system's own components may set. Names
 * and prefixes match regardless of case.
 *
 * @param prefixes a header whose name starts with one of these is internal
 * @param names headers with exactly these names are internal
 */
@ConfigurationProperties("emporium.gateway.internal-headers")
record InternalHeadersProperties(@DefaultValue({ "X-Emporium-", "X-Internal-" }) List<String> prefixes,
        @DefaultValue({ "X-User-Id", "X-User-Roles", "X-Customer-Id" }) List<String> names) {
}
