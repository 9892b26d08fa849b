package io.emporium.orders.order.messaging;

import io.emporium.orders.order.application.Expiry;
import io.emporium.orders.order.application.OrderFulfilment;
import io.emporium.orders.order.model.OrderEvents.ConcurrentOrderChange;
import io.emporium.platform.persistence.DatabaseOutages;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Handles the sagas whose step got no reply in time ({@code orders.saga.step-timeout}), checking every
 * {@code orders.saga.deadline-check-interval} (1 s), up to {@value #BATCH} per round, oldest deadline first.
 * Instances share the work: each locks the sagas it handles. Each saga is handled in its own transaction, so its
 * failure is its own:
 * <ul>
 * <li>a failure that says nothing about the saga, only that the database is unavailable or a race was lost
 * ({@link #isTransient}), changes nothing and ends the round; the next round tries again;</li>
 * <li>any other exception means the saga itself cannot be loaded or advanced: it is quarantined (left out of later
 * rounds, counted in {@code emporium.quarantined{kind="saga"}}, listed at {@code /actuator/quarantine}), an ERROR
 * names it, and the round goes on with the sagas behind it;</li>
 * <li>an {@link Error} (out of memory, a class that cannot load) says that this JVM is in trouble, not that the saga
 * is: nothing is quarantined, an ERROR names the saga, and the error propagates, ending the round (the scheduler
 * logs it; the next round tries again, and the liveness probe judges the JVM).</li>
 * </ul>
 * A retriable step sent again is counted in {@code emporium.saga.step.retried{definition,step}} and logged at WARN;
 * a saga compensated at its deadline is logged at WARN.
 */
@Component
class SagaDeadlines {

    static final int BATCH = 100;
    private static final Logger log = LoggerFactory.getLogger(SagaDeadlines.class);

    private final OrderFulfilment fulfilment;
    private final MeterRegistry meters;

    SagaDeadlines(OrderFulfilment fulfilment, MeterRegistry meters) {
        this.fulfilment = fulfilment;
        this.meters = meters;
        // at 0 from the start, so that the first retry is an increase a rate or an alert can see
        fulfilment.retriableSteps().forEach((definition, steps) -> steps.forEach(step -> retried(definition, step)));
    }

    @Scheduled(fixedDelayString = "${orders.saga.deadline-check-interval:1s}")
    void expireOverdue() {
        try {
            for (String id : fulfilment.overdue(BATCH)) {
                expireOrQuarantine(id);
            }
        }
        catch (RuntimeException ex) {
            if (!isTransient(ex)) {
                throw ex;
            }
            log.warn("Saga deadlines wait for the next round: {}", oneLine(ex));
        }
    }

    private void expireOrQuarantine(String id) {
        Expiry expiry;
        try {
            expiry = fulfilment.expire(id);
        }
        catch (RuntimeException ex) {
            if (isTransient(ex)) {
                throw ex;
            }
            String reason = oneLine(ex);
            fulfilment.quarantine(id, reason);
            log.error("Saga {} cannot be handled and is quarantined; the sagas behind it go on: {}", id, reason, ex);
            return;
        }
        catch (Error error) {
            log.error("Saga {}: {} while handling its deadline; nothing quarantined, the round stops", id,
                    error.toString(), error);
            throw error;
        }
        report(expiry);
    }

    private void report(Expiry expiry) {
        switch (expiry.outcome()) {
            case COMPENSATED -> log.warn("Saga {} got no reply to '{}' in time: cancelled and compensated",
                    expiry.sagaId(), expiry.step());
            case RETRIED -> {
                retried(expiry.definition(), expiry.step()).increment();
                log.warn("Saga {} got no reply to '{}' in time: its command(s) were sent again (retry {})",
                        expiry.sagaId(), expiry.step(), expiry.retries());
            }
            case NOTHING -> { }
        }
    }

    private Counter retried(String definition, String step) {
        return Counter.builder("emporium.saga.step.retried")
                .description("Commands of retriable saga steps sent again because their deadline passed")
                .tag("definition", definition).tag("step", step).register(meters);
    }

    /**
     * Whether a failure says nothing about the saga: the database cannot be reached or refuses for now
     * ({@link DatabaseOutages}), or the order changed concurrently ({@link ConcurrentOrderChange}), anywhere in the
     * cause chain.
     */
    static boolean isTransient(Throwable failure) {
        if (DatabaseOutages.explain(failure)) {
            return true;
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof ConcurrentOrderChange) {
                return true;
            }
        }
        return false;
    }

    /** The failure and its causes on one line, for the quarantine listing and the logs. */
    static String oneLine(Throwable failure) {
        StringBuilder line = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (!line.isEmpty()) {
                line.append("; caused by ");
            }
            line.append(cause);
        }
        String text = line.toString().replaceAll("\\s+", " ");
        return text.length() <= 2000 ? text : text.substring(0, 2000) + "...";
    }
}
