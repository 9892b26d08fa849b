package io.emporium.runner.dlq;

import java.util.Map;

import io.emporium.inventory.api.InventoryMessages;
import io.emporium.payments.api.PaymentMessages;
import io.emporium.shipping.api.ShippingMessages;

/**
 * What a dead letter leaves undone, judged by its {@code ce_type}. Two kinds leave an order stuck until the dead letter
 * is replayed, and {@code ./emporium dlq list} singles them out:
 * <ul>
 * <li>{@link #COMPENSATION}: a command that undoes a saga step of a cancelled order (release stock, void payment,
 * cancel shipment);</li>
 * <li>{@link #FINALIZATION}: a command that settles money or stock for a confirmed order (capture payment, commit
 * stock).</li>
 * </ul>
 * The types are the constants of the participants' published contracts ({@code contracts/*-api}, the plain Java
 * records the orders service sends these commands with) rather than a copy of their names: renaming one there breaks
 * this build instead of silently dropping the marker. The runner depends on those contracts only, never on a service.
 */
public enum DeadLetterKind {

    COMPENSATION("each leaves its order stuck mid-compensation (stock still reserved, payment still authorized or"
            + " shipment still scheduled)"),
    FINALIZATION("each leaves its order confirmed but unsettled (payment not captured or stock not committed)"),
    OTHER("");

    private static final Map<String, DeadLetterKind> MARKED = Map.of(
            InventoryMessages.ReleaseStock.TYPE, COMPENSATION,
            PaymentMessages.VoidPayment.TYPE, COMPENSATION,
            ShippingMessages.CancelShipment.TYPE, COMPENSATION,
            PaymentMessages.CapturePayment.TYPE, FINALIZATION,
            InventoryMessages.CommitStock.TYPE, FINALIZATION);

    private final String consequence;

    DeadLetterKind(String consequence) {
        this.consequence = consequence;
    }

    /** The kind of a dead letter of this {@code ce_type}; {@link #OTHER} for anything else, {@code null} included. */
    public static DeadLetterKind of(String ceType) {
        return ceType == null ? OTHER : MARKED.getOrDefault(ceType, OTHER);
    }

    /** Whether a dead letter of this kind leaves an order stuck until it is replayed. */
    public boolean leavesAnOrderStuck() {
        return this != OTHER;
    }

    /** What a dead letter of this kind means for its order; empty for {@link #OTHER}. */
    public String consequence() {
        return consequence;
    }
}
