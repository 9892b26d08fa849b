package io.emporium.platform.persistence;

import java.util.ArrayList;
import java.util.List;

import io.emporium.platform.transaction.Transactions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SpringTransactionsTest {

    private final RecordingTransactionManager manager = new RecordingTransactionManager();

    private final ApplicationContextRunner contexts = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(TransactionsAutoConfiguration.class));

    @Test
    void workThatReturnsIsCommittedAndItsResultHandedBack() {
        contexts.withBean(PlatformTransactionManager.class, () -> manager).run(context -> {
            String result = context.getBean(Transactions.class).inTransaction(() -> "done");

            assertThat(result).isEqualTo("done");
            assertThat(manager.events).containsExactly("begin", "commit");
        });
    }

    @Test
    void workThatThrowsIsRolledBackAndTheExceptionReachesTheCaller() {
        contexts.withBean(PlatformTransactionManager.class, () -> manager).run(context -> {
            Transactions transactions = context.getBean(Transactions.class);

            assertThatThrownBy(() -> transactions.inTransaction(() -> {
                throw new IllegalStateException("refused");
            })).isInstanceOf(IllegalStateException.class).hasMessage("refused");
            assertThat(manager.events).containsExactly("begin", "rollback");
        });
    }

    @Test
    void workInsideATransactionJoinsIt() {
        contexts.withBean(PlatformTransactionManager.class, () -> manager).run(context -> {
            Transactions transactions = context.getBean(Transactions.class);

            transactions.inTransaction(() -> transactions.inTransaction(() -> manager.events.add("work")));

            assertThat(manager.events).containsExactly("begin", "work", "commit");
        });
    }

    @Test
    void aServiceWithoutATransactionManagerHasNoTransactions() {
        contexts.run(context -> assertThat(context).doesNotHaveBean(Transactions.class));
    }

    /** Records what a real manager would do to its resource; a transaction is active while one is begun. */
    static final class RecordingTransactionManager extends AbstractPlatformTransactionManager {

        final List<String> events = new ArrayList<>();

        @Override
        protected Object doGetTransaction() {
            return new Object();
        }

        @Override
        protected boolean isExistingTransaction(Object transaction) {
            return TransactionSynchronizationManager.isActualTransactionActive();
        }

        @Override
        protected void doBegin(Object transaction, TransactionDefinition definition) {
            events.add("begin");
        }

        @Override
        protected void doCommit(DefaultTransactionStatus status) {
            events.add("commit");
        }

        @Override
        protected void doRollback(DefaultTransactionStatus status) {
            events.add("rollback");
        }
    }
}
