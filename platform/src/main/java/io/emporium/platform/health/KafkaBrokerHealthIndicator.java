package io.emporium.platform.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.Node;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health of the Kafka cluster as this service sees it ({@code kafka}): UP with the cluster id and the number of
 * brokers when {@code describeCluster} answers within {@code timeout}, DOWN otherwise. A result is reused for
 * {@code cacheFor}, so probes at any rate cost at most one round trip per period; concurrent callers wait for the
 * same check. The admin client is created on first use and kept (it reconnects by itself), closed with the context.
 */
final class KafkaBrokerHealthIndicator implements HealthIndicator, DisposableBean {

    private final Map<String, Object> adminSettings;
    private final Duration timeout;
    private final Duration cacheFor;
    private final Clock clock;
    private @Nullable AdminClient admin;
    private @Nullable Health last;
    private Instant checkedAt = Instant.MIN;

    KafkaBrokerHealthIndicator(Map<String, Object> adminSettings, Duration timeout, Duration cacheFor, Clock clock) {
        this.adminSettings = Map.copyOf(adminSettings);
        this.timeout = timeout;
        this.cacheFor = cacheFor;
        this.clock = clock;
    }

    @Override
    public synchronized Health health() {
        Instant now = clock.instant();
        if (last == null || !now.isBefore(checkedAt.plus(cacheFor))) {
            last = check();
            checkedAt = clock.instant();
        }
        return last;
    }

    private Health check() {
        try {
            DescribeClusterResult cluster = admin().describeCluster(
                    new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()));
            long wait = timeout.toMillis() + 500;
            String clusterId = cluster.clusterId().get(wait, TimeUnit.MILLISECONDS);
            Collection<Node> nodes = cluster.nodes().get(wait, TimeUnit.MILLISECONDS);
            return Health.up().withDetail("clusterId", String.valueOf(clusterId)).withDetail("nodes", nodes.size())
                    .build();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return Health.down().withDetail("error", "interrupted").build();
        }
        catch (ExecutionException | TimeoutException | RuntimeException ex) {
            Throwable cause = ex instanceof ExecutionException && ex.getCause() != null ? ex.getCause() : ex;
            return Health.down().withDetail("error", cause.getClass().getSimpleName() + ": " + cause.getMessage())
                    .withDetail("timeout", timeout.toString()).build();
        }
    }

    private AdminClient admin() {
        if (admin == null) {
            admin = AdminClient.create(adminSettings);
        }
        return admin;
    }

    @Override
    public synchronized void destroy() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
            admin = null;
        }
    }
}
