package io.emporium.payments.payment.application;

import java.util.function.Supplier;

import io.emporium.platform.transaction.Transactions;

/** Runs the work directly: the in-memory stores need no transaction. */
public final class DirectTransactions implements Transactions {

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return work.get();
    }
}
