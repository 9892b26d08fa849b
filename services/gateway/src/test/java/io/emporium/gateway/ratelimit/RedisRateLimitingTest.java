package io.emporium.gateway.ratelimit;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.UUID;

import io.emporium.gateway.RecordingService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The Redis store, against the real Redis at 127.0.0.1:6379 (which must be running: this test fails, it does not
 * skip, without it). Buckets of 3 refilled at 1 per second by Redis's own clock, so the test only assumes its few
 * requests take less than a second. Clients are told apart by X-Forwarded-For, believed from the loopback (a trusted
 * proxy here).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "eureka.client.enabled=false", "emporium.gateway.trusted-proxies=127.0.0.1",
        "emporium.gateway.rate-limit.store=redis",
        "emporium.gateway.rate-limit.burst-capacity=3", "emporium.gateway.rate-limit.replenish-rate=1",
        "spring.data.redis.host=127.0.0.1", "spring.data.redis.port=6379", "spring.data.redis.timeout=2s" })
class RedisRateLimitingTest {

    static final RecordingService catalog = RecordingService.start();

    @DynamicPropertySource
    static void discovery(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.discovery.client.simple.instances.catalog[0].uri", catalog::uri);
    }

    @AfterAll
    static void stop() {
        catalog.stop();
    }

    @LocalServerPort
    int port;

    @Autowired
    ReactiveStringRedisTemplate redis;

    WebTestClient client;

    @BeforeEach
    void redisIsThere() {
        try {
            assertThat(redis.getConnectionFactory().getReactiveConnection().ping().block(Duration.ofSeconds(5)))
                    .isEqualTo("PONG");
        }
        catch (RuntimeException ex) {
            fail("Redis must be running on 127.0.0.1:6379 for this test", ex);
        }
        client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
        client.get().uri("/actuator/health").exchange().expectStatus().isOk(); // warm up before the timed part
    }

    @Test
    void theBucketsLiveInRedisThroughSpringCloudGatewaysRedisRateLimiter(@Autowired RateLimiter<?> rateLimiter) {
        assertThat(rateLimiter).isExactlyInstanceOf(RedisRateLimiter.class);
    }

    @Test
    void afterABurstTheNextRequestIsA429ProblemWithRetryAfter() throws UnknownHostException {
        // a client no earlier run has used (its keys in Redis expire a few seconds after its last request)
        String client = "2001:db8::" + UUID.randomUUID().toString().substring(0, 4);
        for (int i = 0; i < 3; i++) {
            get(client).expectStatus().isOk().expectHeader().exists("X-RateLimit-Remaining");
        }

        // a fourth request within the same second is refused; allow for a slow machine letting a token refill
        EntityExchangeResult<byte[]> refused = null;
        for (int i = 0; i < 5 && refused == null; i++) {
            EntityExchangeResult<byte[]> result = get(client).expectBody().returnResult();
            if (result.getStatus().value() == 429) {
                refused = result;
            }
        }
        assertThat(refused).as("a 429 after a burst of 3").isNotNull();
        assertThat(refused.getResponseHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .isTrue();
        assertThat(refused.getResponseHeaders().getFirst("Retry-After")).isEqualTo("1");
        assertThat(new String(refused.getResponseBodyContent())).contains("\"title\":\"Too Many Requests\"",
                "\"status\":429", "at most 3 requests at once");

        // the address as the gateway writes it: IPv6 in full, so that no client has two spellings, and two buckets
        String address = InetAddress.getByName(client).getHostAddress();
        assertThat(redis.hasKey("request_rate_limiter.{" + RateLimitFilter.SCOPE + ".ip:" + address + "}.tokens")
                .block(Duration.ofSeconds(5))).as("the bucket is kept in Redis").isTrue();
    }

    private WebTestClient.ResponseSpec get(String clientAddress) {
        return client.get().uri("/api/catalog/products").header("X-Forwarded-For", clientAddress).exchange();
    }
}
