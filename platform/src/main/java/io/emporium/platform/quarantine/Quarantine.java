package io.emporium.platform.quarantine;

import java.util.List;

/**
 * One kind of work item that a service set aside because it could not be handled, so that everything behind it keeps
 * flowing: an outbox row Kafka refuses, a saga whose state cannot be loaded, an event the read model cannot apply.
 * The item stays where it is (it is marked, not deleted), so nothing is lost and an operator can look at it, fix the
 * cause and release it.
 *
 * <p>Every {@code Quarantine} bean is listed by the admin-only {@code /actuator/quarantine} endpoint and counted in
 * the gauge {@code emporium.quarantined{kind}}; the alert {@code EmporiumItemsQuarantined} fires while it is above 0.
 * Implementations read their own tables and must be thread-safe.
 */
public interface Quarantine {

    /** What is quarantined, one word ({@code outbox}, {@code saga}, {@code projection}): the metric's tag. */
    String kind();

    /** How many items are quarantined now. */
    long count();

    /** The oldest quarantined items first, at most {@code limit}. */
    List<QuarantinedItem> list(int limit);
}
