package io.emporium.catalog.product.stale;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health component {@code staleCache}: whether reads currently find the database unreachable and are answered from
 * the last good answers. Always UP: the catalog still serves (it is in the readiness group instead of {@code db});
 * the details say what is going on. Reports what reads saw, it does not probe the database itself ({@code db} does).
 */
@Component
class StaleCacheHealthIndicator implements HealthIndicator {

    private final StaleReads reads;

    StaleCacheHealthIndicator(StaleReads reads) {
        this.reads = reads;
    }

    @Override
    public Health health() {
        Health.Builder health = Health.up();
        reads.unreachableSince().ifPresentOrElse(
                since -> health.withDetail("database", "unreachable").withDetail("unreachableSince", since.toString())
                        .withDetail("servingStaleAnswers", true),
                () -> health.withDetail("database", "reachable").withDetail("servingStaleAnswers", false));
        return health.withDetail("answersKept", reads.answersKept())
                .withDetail("staleAnswersServed", reads.staleAnswersServed())
                .withDetail("readsRefused", reads.readsRefused())
                .withDetail("maxAge", reads.maxAge().toString())
                .build();
    }
}
