package io.emporium.payments.payment.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.emporium.payments.payment.model.CustomerId;
import io.emporium.payments.payment.model.Money;
import io.emporium.payments.payment.model.OrderId;
import io.emporium.payments.payment.model.Payment;
import io.emporium.payments.payment.model.PaymentId;
import io.emporium.payments.payment.model.PaymentStatus;
import io.emporium.payments.payment.model.Payments;
import io.emporium.payments.payment.model.StatusChange;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Payments in PostgreSQL: a {@code payment} row with its status history in {@code payment_status_change}. The order
 * lock is a transaction-scoped advisory lock on the order id's hash (a hash collision only serializes two orders
 * needlessly); updates are also checked against the version they were loaded with.
 */
@Repository
class JdbcPayments implements Payments {

    private static final String COLUMNS =
            "select payment_id, order_id, customer_id, amount, currency, decline_reason, provider_reference, version "
                    + "from payment";

    private final JdbcClient jdbc;

    JdbcPayments(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void lockOrder(OrderId orderId) {
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended(?, 0))").param(orderId.value())
                .query((rs, row) -> row).single();
    }

    @Override
    public Optional<Payment> byOrder(OrderId orderId) {
        return load("order_id = ?", orderId.value());
    }

    @Override
    public Optional<Payment> byId(PaymentId id) {
        return load("payment_id = ?", id.value());
    }

    @Override
    public void add(Payment payment) {
        jdbc.sql("""
                insert into payment (payment_id, order_id, customer_id, amount, currency, status, decline_reason,
                                     provider_reference, version, created_at)
                values (:id, :orderId, :customerId, :amount, :currency, :status, :declineReason, :providerReference, 0,
                        :createdAt)""")
                .param("id", payment.id().value())
                .param("orderId", payment.orderId().value())
                .param("customerId", payment.customerId().value())
                .param("amount", payment.amount().amount())
                .param("currency", payment.amount().currency().getCurrencyCode())
                .param("status", payment.status().name())
                .param("declineReason", payment.declineReason())
                .param("providerReference", payment.providerReference())
                .param("createdAt", timestamp(payment.history().getFirst().at()))
                .update();
        insertHistory(payment, 0);
    }

    @Override
    public void update(Payment payment) {
        int updated = jdbc.sql("""
                update payment set status = :status, version = version + 1
                where payment_id = :id and version = :version""")
                .param("status", payment.status().name())
                .param("id", payment.id().value())
                .param("version", payment.version())
                .update();
        if (updated != 1) {
            throw new OptimisticLockingFailureException(
                    "Payment " + payment.id() + " was changed concurrently (expected version " + payment.version() + ")");
        }
        int stored = jdbc.sql("select count(*) from payment_status_change where payment_id = ?")
                .param(payment.id().value()).query(Integer.class).single();
        insertHistory(payment, stored);
    }

    private void insertHistory(Payment payment, int from) {
        List<StatusChange> history = payment.history();
        for (int seq = from; seq < history.size(); seq++) {
            jdbc.sql("insert into payment_status_change (payment_id, seq, status, at) values (?, ?, ?, ?)")
                    .params(payment.id().value(), seq, history.get(seq).status().name(),
                            timestamp(history.get(seq).at()))
                    .update();
        }
    }

    private Optional<Payment> load(String condition, Object value) {
        return jdbc.sql(COLUMNS + " where " + condition).param(value).query(PaymentRow::of).optional()
                .map(row -> row.toPayment(history(row.id())));
    }

    private List<StatusChange> history(UUID paymentId) {
        return jdbc.sql("select status, at from payment_status_change where payment_id = ? order by seq")
                .param(paymentId)
                .query((rs, row) -> new StatusChange(PaymentStatus.valueOf(rs.getString("status")),
                        rs.getObject("at", OffsetDateTime.class).toInstant()))
                .list();
    }

    private static OffsetDateTime timestamp(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }

    private record PaymentRow(UUID id, String orderId, String customerId, Money amount, @Nullable String declineReason,
            @Nullable String providerReference, int version) {

        static PaymentRow of(ResultSet rs, int row) throws SQLException {
            return new PaymentRow(rs.getObject("payment_id", UUID.class), rs.getString("order_id"),
                    rs.getString("customer_id"), Money.of(rs.getBigDecimal("amount"), rs.getString("currency")),
                    rs.getString("decline_reason"), rs.getString("provider_reference"), rs.getInt("version"));
        }

        Payment toPayment(List<StatusChange> history) {
            return Payment.restore(new PaymentId(id), new OrderId(orderId), new CustomerId(customerId), amount,
                    declineReason, providerReference, history, version);
        }
    }
}
