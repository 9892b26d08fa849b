package io.emporium.payments.payment.provider;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Supplier;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The ledger in the table {@code provider_ledger} of the payments database, written in a transaction of its own
 * ({@code REQUIRES_NEW}, on a second connection while the caller's transaction is suspended), so that it is committed
 * when the provider answers, like a real provider's records, and a rollback of the payments transaction leaves it as
 * it is. The key is the primary key: of two concurrent first calls, one inserts and the other waits for it to commit,
 * then reads its entry.
 */
final class JdbcProviderLedger implements ProviderLedger {

    private static final String COLUMNS = "select idempotency_key, operation, order_id, customer_id, amount, currency, "
            + "outcome, reason, reference from provider_ledger";

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;

    JdbcProviderLedger(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Override
    public Entry recordOnce(String key, Supplier<Entry> firstAnswer) {
        return ownTransaction.execute(status -> find(key).orElseGet(() -> {
            Entry entry = firstAnswer.get();
            jdbc.sql("""
                    insert into provider_ledger (idempotency_key, operation, order_id, customer_id, amount, currency,
                                                 outcome, reason, reference)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    on conflict (idempotency_key) do nothing""")
                    .params(key, entry.operation().name(), entry.orderId(), entry.customerId(), entry.amount(),
                            entry.currency(), entry.outcome().name(), entry.reason(), entry.reference())
                    .update();
            // what is stored: this entry, or the one a concurrent first call inserted before it
            return find(key).orElseThrow();
        }));
    }

    @Override
    public Optional<Entry> hold(String reference) {
        return jdbc.sql(COLUMNS + " where reference = ? and operation = 'AUTHORIZE' and outcome = 'APPROVED'")
                .param(reference).query(JdbcProviderLedger::entry).optional();
    }

    private Optional<Entry> find(String key) {
        return jdbc.sql(COLUMNS + " where idempotency_key = ?").param(key).query(JdbcProviderLedger::entry).optional();
    }

    private static Entry entry(ResultSet rs, int row) throws SQLException {
        return new Entry(rs.getString("idempotency_key"), Operation.valueOf(rs.getString("operation")),
                rs.getString("order_id"), rs.getString("customer_id"), rs.getBigDecimal("amount"),
                rs.getString("currency"), Outcome.valueOf(rs.getString("outcome")), rs.getString("reason"),
                rs.getString("reference"));
    }
}
