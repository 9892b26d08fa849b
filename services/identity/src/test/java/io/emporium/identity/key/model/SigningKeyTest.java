package io.emporium.identity.key.model;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class SigningKeyTest {

    private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");
    private static final Duration RETENTION = Duration.ofSeconds(360);

    @Test
    void generatedKeyIsActiveRsa2048WithItsOwnId() {
        SigningKey first = SigningKey.generate(NOW);
        SigningKey second = SigningKey.generate(NOW);

        assertThat(first.isActive()).isTrue();
        assertThat(first.publicKey().getModulus().bitLength()).isEqualTo(2048);
        assertThat(first.kid()).isNotEqualTo(second.kid());
    }

    @Test
    void retiredKeyIsPublishedUntilTheRetentionHasPassed() {
        SigningKey retired = SigningKey.generate(NOW).retire(NOW);

        assertThat(retired.isActive()).isFalse();
        assertThat(retired.isPublishedAt(NOW.plus(RETENTION).minusSeconds(1), RETENTION)).isTrue();
        assertThat(retired.isPublishedAt(NOW.plus(RETENTION), RETENTION)).isFalse();
    }

    @Test
    void activeKeyIsAlwaysPublished() {
        assertThat(SigningKey.generate(NOW).isPublishedAt(NOW.plus(Duration.ofDays(365)), RETENTION)).isTrue();
    }

    @Test
    void aKeyIsRetiredOnlyOnce() {
        SigningKey retired = SigningKey.generate(NOW).retire(NOW);

        assertThatIllegalStateException().isThrownBy(() -> retired.retire(NOW.plusSeconds(1)));
    }

    @Test
    void textNamesTheKeyButNeverItsMaterial() {
        SigningKey key = SigningKey.generate(NOW);

        assertThat(key.toString()).contains(key.kid())
                .doesNotContain(key.privateKey().getPrivateExponent().toString())
                .doesNotContain(key.privateKey().getPrivateExponent().toString(16));
    }
}
