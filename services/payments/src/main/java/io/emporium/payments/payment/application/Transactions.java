package io.emporium.payments.payment.application;

import java.util.function.Supplier;

/**
 * Runs work in a database transaction: joins the caller's transaction if there is one (a message handler's, which
 * also holds the inbox row and the outbox reply), else starts one and commits it when the work returns normally.
 */
public interface Transactions {

    <T> T inTransaction(Supplier<T> work);

    default void inTransaction(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }
}
