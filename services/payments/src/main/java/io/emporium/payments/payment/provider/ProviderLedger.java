package io.emporium.payments.payment.provider;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * The simulated provider's memory, standing in for a real provider's database: one entry per idempotency key, kept
 * outside the payments service's transactions, so that our rollbacks and crashes do not reach it. Thread-safe.
 */
interface ProviderLedger {

    enum Operation {
        AUTHORIZE, CAPTURE, VOID, REFUND
    }

    enum Outcome {
        APPROVED, DECLINED
    }

    /**
     * One call the provider answered.
     *
     * @param reason why it was declined; present exactly when DECLINED
     * @param reference the provider's id of the hold: made by an approved AUTHORIZE, named by the calls on it
     */
    record Entry(String idempotencyKey, Operation operation, String orderId, @Nullable String customerId,
            @Nullable BigDecimal amount, @Nullable String currency, Outcome outcome, @Nullable String reason,
            @Nullable String reference) {

        public Entry {
            Objects.requireNonNull(idempotencyKey, "idempotencyKey");
            Objects.requireNonNull(operation, "operation");
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(outcome, "outcome");
            if ((outcome == Outcome.DECLINED) != (reason != null)) {
                throw new IllegalArgumentException("a ledger entry has a reason exactly when it is DECLINED");
            }
        }
    }

    /**
     * The answer recorded under {@code key}. For a new key, {@code firstAnswer} decides it and it is stored, committed
     * before this returns whatever becomes of the caller's transaction; for a known key, the entry stored first,
     * unchanged, and {@code firstAnswer} is not called. Two concurrent first calls store one entry and both get it.
     */
    Entry recordOnce(String key, Supplier<Entry> firstAnswer);

    /** The approved AUTHORIZE entry that made the hold {@code reference}, if the ledger has it. */
    Optional<Entry> hold(String reference);
}
