package io.emporium.platform.messaging.outbox;

import java.net.URI;
import java.sql.Types;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.function.Supplier;

import io.emporium.platform.messaging.OutgoingMessage;
import io.emporium.platform.messaging.Outbox;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The outbox on the service's own database: {@link #publish} inserts one {@code outbox_message} row through the
 * connection of the caller's transaction and, once that transaction commits, wakes the local relay.
 */
final class JdbcOutbox implements Outbox {

    private static final String INSERT = "insert into outbox_message (message_id, topic, message_key, type, source,"
            + " subject, customer_id, traceparent, payload, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final String source;
    private final Supplier<@Nullable String> traceparent;
    private final Runnable committed;
    private final Clock clock;

    /**
     * @param source the CloudEvents source of every message, {@code spring.application.name}
     * @param traceparent the W3C traceparent of the current span, or null without one
     * @param committed run after each commit of a transaction that published (wakes the relay); must not throw
     * @throws IllegalArgumentException if source is not a URI reference
     */
    JdbcOutbox(JdbcTemplate jdbc, JsonMapper json, String source, Supplier<@Nullable String> traceparent,
            Runnable committed, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.source = URI.create(source).toString();
        this.traceparent = traceparent;
        this.committed = committed;
        this.clock = clock;
    }

    @Override
    public String publish(OutgoingMessage message) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalTransactionStateException("Outbox.publish needs an active transaction (Propagation"
                    + ".MANDATORY): publish in the transaction that changes the state the message is about");
        }
        byte[] payload = toJson(message);
        UUID id = UUID.randomUUID();
        OffsetDateTime time = OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
        String trace = traceparent.get();
        jdbc.update(INSERT, statement -> {
            statement.setObject(1, id);
            statement.setString(2, message.topic());
            statement.setString(3, message.key());
            statement.setString(4, message.type());
            statement.setString(5, source);
            statement.setString(6, message.subject());
            statement.setString(7, message.customerId());
            statement.setString(8, trace);
            statement.setBytes(9, payload);
            statement.setObject(10, time, Types.TIMESTAMP_WITH_TIMEZONE);
        });
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    committed.run();
                }
            });
        }
        return id.toString();
    }

    private byte[] toJson(OutgoingMessage message) {
        try {
            return json.writeValueAsBytes(message.data());
        }
        catch (JacksonException ex) {
            throw new IllegalArgumentException("The data of message type " + message.type() + " ("
                    + message.data().getClass().getName() + ") cannot be written as JSON: " + ex.getOriginalMessage(),
                    ex);
        }
    }
}
