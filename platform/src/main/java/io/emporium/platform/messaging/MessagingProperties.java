package io.emporium.platform.messaging;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the platform's messaging ({@code emporium.messaging.*}). Kafka client settings themselves are Spring
 * Boot's {@code spring.kafka.*}; the platform defaults for those are in {@code emporium-defaults.properties}.
 *
 * @param enabled whether the platform sets up messaging at all (default true; it is only ever set up in services
 *     that have spring-kafka and a DataSource)
 * @param relay the outbox relay
 * @param consumer listener retries, dead-lettering and backpressure
 * @param inbox how long the inbox remembers processed messages
 * @param topics defaults for topics declared with {@link MessagingTopics}
 */
@ConfigurationProperties("emporium.messaging")
public record MessagingProperties(@DefaultValue("true") boolean enabled, @DefaultValue Relay relay,
        @DefaultValue Consumer consumer, @DefaultValue Inbox inbox, @DefaultValue Topics topics) {

    /**
     * @param enabled whether this instance runs a relay (default true); with false, messages wait until an instance
     *     with a relay sends them
     * @param pollInterval how often an idle relay looks for rows committed by other instances (default 100ms); a
     *     commit in this instance wakes its relay at once, and a relay re-polls at once while batches are full
     * @param batchSize rows sent per round (default 200)
     * @param maxBackoff longest pause between attempts while Kafka or the database fail (default 5s)
     * @param sendTimeout how long a round waits for Kafka's acknowledgements before counting the rest as failed
     *     (default 30s; the producer's own {@code delivery.timeout.ms} normally ends a send earlier)
     * @param quarantineAfter failed sends of one message, each in a round in which Kafka acknowledged other
     *     messages, after which the message is quarantined (default 5); failures while Kafka acknowledges nothing (it
     *     is down or unreachable) never count, and a message Kafka refuses for good (too large, invalid topic) is
     *     quarantined at its first failure
     */
    public record Relay(@DefaultValue("true") boolean enabled, @DefaultValue("100ms") Duration pollInterval,
            @DefaultValue("200") int batchSize, @DefaultValue("5s") Duration maxBackoff,
            @DefaultValue("30s") Duration sendTimeout, @DefaultValue("5") int quarantineAfter) {
    }

    /**
     * @param maxAttempts deliveries of a record to a listener before it goes to {@code <topic>.DLT} (default 5;
     *     {@link InvalidMessageException} goes there after the first)
     * @param initialBackoff pause before the first retry (default 200ms)
     * @param backoffMultiplier growth of the pause per retry (default 2)
     * @param maxBackoff longest pause between retries (default 5s)
     * @param backpressure pausing the listeners while the database pool is saturated
     */
    public record Consumer(@DefaultValue("5") int maxAttempts, @DefaultValue("200ms") Duration initialBackoff,
            @DefaultValue("2.0") double backoffMultiplier, @DefaultValue("5s") Duration maxBackoff,
            @DefaultValue Backpressure backpressure) {
    }

    /**
     * Consumers slow down instead of failing messages: every {@code checkInterval} the database pool is looked at;
     * when a thread waits for a connection or the share of connections in use reaches {@code pauseAtUsage}, every
     * Kafka listener container is paused, and resumed once no thread waits and the share has fallen below
     * {@code resumeBelowUsage}.
     *
     * @param enabled whether listeners are paused at all (default true; applies to a Hikari pool only)
     * @param checkInterval how often the pool is looked at (default 200ms)
     * @param pauseAtUsage share of the pool's maximum size in use at which listeners pause (default 1.0: all)
     * @param resumeBelowUsage share below which they resume (default 0.75; lower than {@code pauseAtUsage}, so that
     *     listeners do not flap between the two)
     */
    public record Backpressure(@DefaultValue("true") boolean enabled, @DefaultValue("200ms") Duration checkInterval,
            @DefaultValue("1.0") double pauseAtUsage, @DefaultValue("0.75") double resumeBelowUsage) {
    }

    /**
     * @param retention how long a processed message id is kept (default 14d); must exceed the longest time in which a
     *     message can be delivered again, which is how long dead letters are kept for {@code ./emporium dlq replay}
     * @param purgeInterval how often rows older than that are deleted (default 1h)
     */
    public record Inbox(@DefaultValue("14d") Duration retention, @DefaultValue("1h") Duration purgeInterval) {
    }

    /**
     * @param partitions partitions of a declared topic and of its dead-letter twin (default 3)
     * @param replicationFactor replicas of each partition (default 1, for the single local broker; 3 in production)
     */
    public record Topics(@DefaultValue("3") int partitions, @DefaultValue("1") short replicationFactor) {
    }
}
