package io.emporium.orders.order.application;

/**
 * What a passed deadline did to one saga ({@link OrderFulfilment#expire}).
 *
 * @param sagaId the saga (its order's id)
 * @param definition the saga's definition, e.g. {@code place-order}
 * @param step the step whose deadline passed
 * @param outcome what happened
 * @param retries for {@link Outcome#RETRIED}: how many times the step was sent again so far, this time included
 */
public record Expiry(String sagaId, String definition, String step, Outcome outcome, int retries) {

    public enum Outcome {
        /** The saga moved on before its deadline was handled: nothing to do. */
        NOTHING,
        /** The step failed: the order is cancelled and the earlier steps compensated. */
        COMPENSATED,
        /** A retriable step: its command(s) were sent again with a new deadline. */
        RETRIED
    }
}
