package io.emporium.deploy;

import java.util.Set;
import java.util.TreeSet;

import io.emporium.deploy.PrometheusFiles.Rule;

/**
 * The series the rules and the dashboard may read: what the services expose at /actuator/prometheus (Micrometer's
 * Prometheus names: dots become underscores, counters end in _total, timers in _seconds, a gauge's base unit is
 * appended), what Prometheus writes itself, and the series the recording rules make. A name that is not here is a
 * typo, or a metric that needs adding here together with the code that exposes it.
 */
final class KnownMetrics {

    static final Set<String> EXPOSED = Set.of(
            // every service: Spring's HTTP server and client observations (the platform enables the server histogram)
            "http_server_requests_seconds_count", "http_server_requests_seconds_sum",
            "http_server_requests_seconds_bucket", "http_server_requests_seconds_max",
            "http_client_requests_seconds_count", "http_client_requests_seconds_sum",
            "http_client_requests_seconds_max",
            // every service: JVM and connection pool
            "jvm_memory_used_bytes", "jvm_memory_committed_bytes", "jvm_memory_max_bytes",
            "hikaricp_connections_active", "hikaricp_connections_pending",
            // platform messaging: outbox (OutboxBacklog, OutboxRelay), inbox (JdbcInbox), Kafka consumers and their
            // dead letters (DeadLetterCounter)
            "emporium_outbox_backlog_messages", "emporium_outbox_oldest_age_seconds",
            "emporium_outbox_published_total", "emporium_outbox_failed_total", "emporium_outbox_quarantined_total",
            "emporium_inbox_duplicates_total",
            "kafka_consumer_fetch_manager_records_lag_max",
            "emporium_messaging_dead_lettered_total",
            // platform quarantine: items set aside per kind (QuarantineAutoConfiguration)
            "emporium_quarantined",
            // platform security (SecurityEvents), identity (LoginEvents, the guessing throttle's ThrottleEvents),
            // gateway (RateLimitFilter)
            "emporium_security_events_total", "emporium_security_logins_total",
            "emporium_security_throttled_total", "emporium_security_backoffs_total",
            "emporium_gateway_rate_limited_total",
            // orders: the saga (JdbcSagas)
            "emporium_saga_completed_total", "emporium_saga_step_retried_total",
            "emporium_saga_duration_seconds_bucket", "emporium_saga_duration_seconds_count",
            "emporium_saga_duration_seconds_sum", "emporium_saga_duration_seconds_max",
            // Resilience4j's circuit breakers
            "resilience4j_circuitbreaker_state",
            // Prometheus itself: scrape health and alert states
            "up", "ALERTS");

    private KnownMetrics() {
    }

    /** {@link #EXPOSED} and the series the recording rules of deploy/prometheus/rules make. */
    static Set<String> withRecordedSeries() {
        Set<String> known = new TreeSet<>(EXPOSED);
        PrometheusFiles.rules().stream().filter(rule -> !rule.isAlert()).map(Rule::record).forEach(known::add);
        return known;
    }
}
