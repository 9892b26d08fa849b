package io.emporium.payments.payment.messaging;

import java.util.Objects;
import java.util.function.Function;

import io.emporium.payments.api.PaymentMessages;
import io.emporium.payments.api.PaymentMessages.AuthorizePayment;
import io.emporium.payments.api.PaymentMessages.CapturePayment;
import io.emporium.payments.api.PaymentMessages.VoidPayment;
import io.emporium.payments.payment.application.AuthorizePaymentCommand;
import io.emporium.payments.payment.application.PaymentService;
import io.emporium.payments.payment.model.CustomerId;
import io.emporium.payments.payment.model.Money;
import io.emporium.payments.payment.model.OrderId;
import io.emporium.platform.messaging.Inbox;
import io.emporium.platform.messaging.IncomingMessage;
import io.emporium.platform.messaging.InvalidMessageException;
import io.emporium.platform.messaging.MessageReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Consumes the order saga's commands on {@link PaymentMessages#COMMANDS} (consumer group {@value #CONSUMER}).
 *
 * <p>Each command runs in one transaction with its inbox row and its reply (the outbox row), so a redelivered
 * message ({@code ce_id} already processed) has no effect and sends nothing again; a command re-sent with a new id
 * is answered again by the idempotent use case. A message whose data is not a valid command (missing or malformed
 * ids, amount or currency) throws {@link InvalidMessageException} and goes to {@code payments.commands.DLT} at once;
 * other failures are retried by the platform's error handler. Unknown types are skipped (logged at DEBUG).
 */
@Component
class PaymentCommandListener {

    /** Consumer group and inbox consumer name. */
    static final String CONSUMER = "payments";

    private static final Logger log = LoggerFactory.getLogger(PaymentCommandListener.class);

    private final MessageReader reader;
    private final Inbox inbox;
    private final TransactionOperations transactions;
    private final PaymentService payments;

    PaymentCommandListener(MessageReader reader, Inbox inbox, TransactionOperations transactions,
            PaymentService payments) {
        this.reader = reader;
        this.inbox = inbox;
        this.transactions = transactions;
        this.payments = payments;
    }

    @KafkaListener(topics = PaymentMessages.COMMANDS, groupId = CONSUMER)
    void onCommand(ConsumerRecord<String, byte[]> record) {
        String type = reader.typeOf(record);
        switch (type) {
            case AuthorizePayment.TYPE -> process(record, AuthorizePayment.class, message -> {
                AuthorizePaymentCommand authorize = message.convert(c -> new AuthorizePaymentCommand(
                        new OrderId(c.orderId()), new CustomerId(c.customerId()), Money.of(c.amount(), c.currency())));
                return () -> payments.authorize(authorize);
            });
            case VoidPayment.TYPE -> process(record, VoidPayment.class, message -> {
                OrderId orderId = message.convert(c -> new OrderId(c.orderId()));
                String reason = Objects.requireNonNullElse(message.data().reason(), "(no reason given)");
                return () -> payments.voidPayment(orderId, reason);
            });
            case CapturePayment.TYPE -> process(record, CapturePayment.class, message -> {
                OrderId orderId = message.convert(c -> new OrderId(c.orderId()));
                return () -> payments.capture(orderId);
            });
            default -> log.debug("Skipping message type {} on {} (key {})", type, record.topic(), record.key());
        }
    }

    /** Decodes and validates outside the transaction, then runs the effect once per message id. */
    private <T> void process(ConsumerRecord<String, byte[]> record, Class<T> dataType,
            Function<IncomingMessage<T>, Runnable> validatedEffect) {
        IncomingMessage<T> message = reader.read(record, dataType);
        Runnable effect = validatedEffect.apply(message);
        transactions.executeWithoutResult(status -> {
            if (!inbox.processOnce(CONSUMER, message.id(), effect)) {
                log.info("Message {} ({}) was processed before: skipped", message.id(), message.type());
            }
        });
    }
}
