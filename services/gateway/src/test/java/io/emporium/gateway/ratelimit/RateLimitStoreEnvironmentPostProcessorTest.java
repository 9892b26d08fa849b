package io.emporium.gateway.ratelimit;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitStoreEnvironmentPostProcessorTest {

    final RateLimitStoreEnvironmentPostProcessor postProcessor = new RateLimitStoreEnvironmentPostProcessor();

    @Test
    void excludesRedisWithTheDefaultMemoryStoreAndKeepsOtherExclusions() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("spring.autoconfigure.exclude", "com.example.SomeAutoConfiguration");

        postProcessor.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("spring.autoconfigure.exclude", String[].class))
                .startsWith("com.example.SomeAutoConfiguration")
                .contains("org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
                        "org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration");
    }

    @Test
    void excludesRedisWhenRateLimitingIsOffEvenWithTheRedisStore() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("emporium.gateway.rate-limit.store", "redis")
                .withProperty("emporium.gateway.rate-limit.enabled", "false");

        postProcessor.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("spring.autoconfigure.exclude", String[].class))
                .containsAll(RateLimitStoreEnvironmentPostProcessor.REDIS_AUTO_CONFIGURATIONS);
    }

    @Test
    void leavesRedisAloneWithTheRedisStore() {
        MockEnvironment environment = new MockEnvironment().withProperty("emporium.gateway.rate-limit.store", "Redis");

        postProcessor.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("spring.autoconfigure.exclude")).isNull();
    }
}
