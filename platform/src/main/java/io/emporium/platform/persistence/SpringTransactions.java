package io.emporium.platform.persistence;

import java.util.function.Supplier;

import io.emporium.platform.transaction.Transactions;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionTemplate;

/** {@link Transactions} on the service's Spring transaction manager, with propagation REQUIRED. */
final class SpringTransactions implements Transactions {

    private final TransactionOperations transactions;

    SpringTransactions(PlatformTransactionManager transactionManager) {
        this.transactions = new TransactionTemplate(transactionManager);
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return transactions.execute(status -> work.get());
    }
}
