package io.emporium.platform.quarantine;

import java.time.Instant;

/**
 * One item set aside.
 *
 * @param kind   the {@link Quarantine#kind()} it belongs to
 * @param id     how to find it (an outbox row id, an order id)
 * @param reason why it could not be handled (the exception, in one line)
 * @param since  when it was quarantined
 */
public record QuarantinedItem(String kind, String id, String reason, Instant since) {
}
