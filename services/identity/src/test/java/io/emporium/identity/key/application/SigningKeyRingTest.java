package io.emporium.identity.key.application;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.emporium.identity.key.application.SigningKeyRing.Rotation;
import io.emporium.identity.key.model.SigningKey;
import io.emporium.identity.key.model.SigningKeys;
import io.emporium.platform.test.time.TestClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SigningKeyRingTest {

    private static final Instant START = Instant.parse("2026-01-01T10:00:00Z");
    private static final Duration RETENTION = Duration.ofSeconds(360);

    private final InMemoryKeys keys = new InMemoryKeys();
    private final TestClock clock = TestClock.at(START.toString());
    private final SigningKeyRing ring = new SigningKeyRing(keys, clock, RETENTION);

    @Test
    void theFirstKeyIsCreatedWhenFirstNeededAndThenKept() {
        SigningKey first = ring.active();

        assertThat(ring.active()).isEqualTo(first);
        assertThat(ring.published()).containsExactly(first);
    }

    @Test
    void rotationRetiresTheActiveKeyAndPublishesBothUntilTheRetentionHasPassed() {
        String old = ring.active().kid();

        Rotation rotation = ring.rotate();

        assertThat(rotation.retiredKid()).isEqualTo(old);
        assertThat(ring.active().kid()).isEqualTo(rotation.activeKid()).isNotEqualTo(old);
        clock.set(START.plus(RETENTION).minusSeconds(1));
        assertThat(kids(ring.published())).containsExactly(rotation.activeKid(), old);
        clock.set(START.plus(RETENTION));
        assertThat(kids(ring.published())).containsExactly(rotation.activeKid());
    }

    @Test
    void rotationDeletesKeysThatNoTokenCanNameAnyMore() {
        String first = ring.active().kid();
        ring.rotate();
        clock.set(START.plus(RETENTION).plusSeconds(1));

        ring.rotate();

        assertThat(keys.all).extracting(SigningKey::kid).doesNotContain(first).hasSize(2);
    }

    private static List<String> kids(List<SigningKey> keys) {
        return keys.stream().map(SigningKey::kid).toList();
    }

    /** The ring's contract with its store, kept in a list. */
    private static final class InMemoryKeys implements SigningKeys {

        final List<SigningKey> all = new ArrayList<>();

        @Override
        public Optional<SigningKey> active() {
            return all.stream().filter(SigningKey::isActive).findFirst();
        }

        @Override
        public SigningKey activateUnlessOneIsActive(SigningKey candidate) {
            return active().orElseGet(() -> {
                all.add(candidate);
                return candidate;
            });
        }

        @Override
        public Optional<SigningKey> replaceActive(SigningKey fresh, Instant at) {
            Optional<SigningKey> retired = active().map(key -> key.retire(at));
            retired.ifPresent(key -> all.replaceAll(existing -> existing.kid().equals(key.kid()) ? key : existing));
            all.add(fresh);
            return retired;
        }

        @Override
        public List<SigningKey> activeAndRetiredAfter(Instant retiredAfter) {
            return all.stream().filter(key -> key.isActive() || key.retiredAt().isAfter(retiredAfter))
                    .sorted(Comparator.comparing(SigningKey::retiredAt, Comparator.nullsFirst(Comparator.reverseOrder())))
                    .toList();
        }

        @Override
        public int deleteRetiredBefore(Instant retiredBefore) {
            int before = all.size();
            all.removeIf(key -> !key.isActive() && key.retiredAt().isBefore(retiredBefore));
            return before - all.size();
        }
    }
}
