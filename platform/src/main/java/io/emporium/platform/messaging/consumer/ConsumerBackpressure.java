package io.emporium.platform.messaging.consumer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import com.zaxxer.hikari.HikariPoolMXBean;
import io.emporium.platform.messaging.MessagingProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Pauses every Kafka listener container while the service's database pool is saturated, and resumes them when it
 * has headroom again, so that consumers wait for the database instead of failing (and eventually dead-lettering)
 * messages they cannot store. Messages keep waiting in Kafka meanwhile; nothing is skipped or redelivered by the
 * pause itself.
 *
 * <p>Saturated: a thread waits for a connection, or connections in use reach {@code pauseAtUsage} of the maximum.
 * Headroom: no thread waits and use is below {@code resumeBelowUsage}. Only containers this class paused are
 * resumed; a container someone else paused stays paused. Gauge {@code emporium.consumer.paused} (1 while paused),
 * counter {@code emporium.consumer.pauses}; pause and resume are logged (ECS {@code event.action}
 * {@code consumer-paused} / {@code consumer-resumed}).
 */
final class ConsumerBackpressure implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ConsumerBackpressure.class);

    private final Supplier<@Nullable HikariPoolMXBean> pool;
    private final int maximumPoolSize;
    private final Supplier<? extends Iterable<? extends MessageListenerContainer>> containers;
    private final MessagingProperties.Backpressure settings;
    private final Counter pauses;
    private final List<MessageListenerContainer> pausedByUs = new ArrayList<>();
    private volatile boolean paused;
    private @Nullable ScheduledExecutorService executor;

    ConsumerBackpressure(Supplier<@Nullable HikariPoolMXBean> pool, int maximumPoolSize,
            Supplier<? extends Iterable<? extends MessageListenerContainer>> containers,
            MessagingProperties.Backpressure settings, MeterRegistry meters) {
        if (!(settings.resumeBelowUsage() > 0 && settings.resumeBelowUsage() <= settings.pauseAtUsage()
                && settings.pauseAtUsage() <= 1) || settings.checkInterval().isNegative()
                || settings.checkInterval().isZero()) {
            throw new IllegalArgumentException("emporium.messaging.consumer.backpressure needs 0 < resume-below-usage"
                    + " <= pause-at-usage <= 1 and a positive check-interval, not " + settings);
        }
        this.pool = pool;
        this.maximumPoolSize = maximumPoolSize;
        this.containers = containers;
        this.settings = settings;
        this.pauses = Counter.builder("emporium.consumer.pauses")
                .description("Times the Kafka listeners were paused because the database pool was saturated")
                .register(meters);
        Gauge.builder("emporium.consumer.paused", this, backpressure -> backpressure.paused ? 1 : 0)
                .description("1 while the Kafka listeners are paused because the database pool is saturated")
                .register(meters);
    }

    /** Looks at the pool once and pauses or resumes the listeners accordingly. */
    synchronized void check() {
        HikariPoolMXBean current = pool.get();
        if (current == null) {
            return;
        }
        int active = current.getActiveConnections();
        int waiting = current.getThreadsAwaitingConnection();
        double usage = maximumPoolSize == 0 ? 1 : (double) active / maximumPoolSize;
        if (!paused && (waiting > 0 || usage >= settings.pauseAtUsage())) {
            pause(active, waiting);
        }
        else if (paused && waiting == 0 && usage < settings.resumeBelowUsage()) {
            resume(active);
        }
    }

    boolean paused() {
        return paused;
    }

    private void pause(int active, int waiting) {
        for (MessageListenerContainer container : containers.get()) {
            if (container.isRunning() && !container.isPauseRequested()) {
                container.pause();
                pausedByUs.add(container);
            }
        }
        paused = true;
        pauses.increment();
        log.atWarn().addKeyValue("event.action", "consumer-paused").addKeyValue("db.pool.active", active)
                .addKeyValue("db.pool.waiting", waiting).addKeyValue("db.pool.max", maximumPoolSize)
                .log("Database pool saturated ({} of {} connections in use, {} threads waiting): pausing {} Kafka "
                        + "listener containers", active, maximumPoolSize, waiting, pausedByUs.size());
    }

    private void resume(int active) {
        pausedByUs.forEach(MessageListenerContainer::resume);
        log.atInfo().addKeyValue("event.action", "consumer-resumed").addKeyValue("db.pool.active", active)
                .addKeyValue("db.pool.max", maximumPoolSize)
                .log("Database pool has headroom again ({} of {} connections in use): resuming {} Kafka listener "
                        + "containers", active, maximumPoolSize, pausedByUs.size());
        pausedByUs.clear();
        paused = false;
    }

    private void checkQuietly() {
        try {
            check();
        }
        catch (RuntimeException ex) {
            log.warn("Could not check the database pool for consumer backpressure: {}", ex.toString());
        }
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("emporium-consumer-backpressure")
                .daemon(true).factory());
        long interval = settings.checkInterval().toMillis();
        executor.scheduleWithFixedDelay(this::checkQuietly, interval, interval, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
