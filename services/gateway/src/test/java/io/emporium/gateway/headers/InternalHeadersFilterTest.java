package io.emporium.gateway.headers;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

class InternalHeadersFilterTest {

    final InternalHeadersFilter filter = new InternalHeadersFilter(new InternalHeadersProperties(
            List.of("X-Emporium-", "X-Internal-"), List.of("X-User-Id", "X-User-Roles", "X-Customer-Id")));

    @ParameterizedTest
    @ValueSource(strings = { "X-User-Id", "x-user-id", "X-USER-ROLES", "X-Customer-Id", "X-Emporium-Caller",
            "x-emporium-token", "X-Internal-Service", "X-Internal-" })
    void internalHeaders(String name) {
        assertThat(filter.isInternal(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = { "Authorization", "Cookie", "Idempotency-Key", "traceparent", "X-Forwarded-For",
            "X-User-Identity", "X-Emporium", "X-Customer", "X-Request-Id" })
    void ordinaryHeaders(String name) {
        assertThat(filter.isInternal(name)).isFalse();
    }

    @Test
    void findsEveryInternalHeaderOfARequest() {
        HttpHeaders headers = new HttpHeaders();
        headers.add("Authorization", "Bearer t");
        headers.add("X-User-Id", "alice");
        headers.add("x-internal-trace", "1");
        headers.add("Accept", "application/json");

        assertThat(filter.internalHeaderNames(headers)).containsExactlyInAnyOrder("X-User-Id", "x-internal-trace");
    }
}
