package io.emporium.payments.payment.provider;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.emporium.payments.payment.provider.ProviderLedger.Entry;
import io.emporium.payments.payment.provider.ProviderLedger.Operation;
import io.emporium.payments.payment.provider.ProviderLedger.Outcome;
import io.emporium.platform.test.infrastructure.TestInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The provider's ledger on the real schema in a real PostgreSQL: written in a transaction of its own, one entry per
 * key whatever the callers do. The tests run outside a test transaction, as the ledger's callers do.
 */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Transactional(propagation = Propagation.NOT_SUPPORTED)
@TestInfrastructure(database = "payments", issuer = false)
class JdbcProviderLedgerTest {

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final JdbcProviderLedger ledger;

    JdbcProviderLedgerTest(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.ledger = new JdbcProviderLedger(jdbc, transactionManager);
    }

    @Test
    void whatTheProviderAnsweredStaysWhenTheCallersTransactionRollsBack() {
        String order = UUID.randomUUID().toString();

        transactions.executeWithoutResult(status -> {
            ledger.recordOnce("authorize:" + order, () -> hold(order, "hold-1"));
            status.setRollbackOnly();
        });

        assertThat(rows(order)).isOne();
        assertThat(ledger.hold("hold-1")).hasValueSatisfying(entry -> assertThat(entry.orderId()).isEqualTo(order));
    }

    @Test
    void aKnownKeyGetsTheFirstEntryWithoutDecidingAgain() {
        String order = UUID.randomUUID().toString();
        AtomicInteger decisions = new AtomicInteger();
        ledger.recordOnce("authorize:" + order, () -> {
            decisions.incrementAndGet();
            return hold(order, "hold-" + order);
        });

        Entry again = ledger.recordOnce("authorize:" + order, () -> {
            decisions.incrementAndGet();
            return hold(order, "another hold");
        });

        assertThat(again.reference()).isEqualTo("hold-" + order);
        assertThat(again.amount()).isEqualByComparingTo("49.90");
        assertThat(decisions).hasValue(1);
        assertThat(rows(order)).isOne();
    }

    @Test
    void twoConcurrentFirstCallsStoreOneEntryAndBothGetIt() throws Exception {
        String order = UUID.randomUUID().toString();
        CountDownLatch bothDeciding = new CountDownLatch(2);
        try (ExecutorService callers = Executors.newFixedThreadPool(2)) {
            List<Future<Entry>> answers = List.of("hold-a", "hold-b").stream()
                    .map(reference -> callers.submit(() -> transactions.execute(status ->
                            ledger.recordOnce("authorize:" + order, () -> {
                                bothDeciding.countDown();
                                await(bothDeciding);
                                return hold(order, reference);
                            }))))
                    .toList();

            Entry first = answers.get(0).get(10, TimeUnit.SECONDS);
            Entry second = answers.get(1).get(10, TimeUnit.SECONDS);

            assertThat(second).isEqualTo(first);
        }
        assertThat(rows(order)).isOne();
    }

    private long rows(String order) {
        return jdbc.sql("select count(*) from provider_ledger where order_id = ?").param(order).query(Long.class)
                .single();
    }

    private static Entry hold(String order, String reference) {
        return new Entry("authorize:" + order, Operation.AUTHORIZE, order, "alice", new BigDecimal("49.90"), "EUR",
                Outcome.APPROVED, null, reference);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(5, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the other caller never came");
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }
}
