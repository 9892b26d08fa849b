package io.emporium.shipping.shipment.persistence;

import java.util.function.Supplier;

import io.emporium.shipping.shipment.application.Transactions;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

/** {@link Transactions} on Spring's transaction manager for the service's DataSource (propagation REQUIRED). */
@Component
class SpringTransactions implements Transactions {

    private final TransactionOperations transactions;

    SpringTransactions(TransactionOperations transactions) {
        this.transactions = transactions;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return transactions.execute(status -> work.get());
    }
}
