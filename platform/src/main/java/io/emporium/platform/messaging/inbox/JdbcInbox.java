package io.emporium.platform.messaging.inbox;

import java.sql.Types;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import io.emporium.platform.messaging.Inbox;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The inbox on the service's own database. Marking comes first ({@code insert ... on conflict do nothing}): the row
 * lock of that insert is what makes a concurrent second delivery of the same message wait for the first one's outcome.
 */
final class JdbcInbox implements Inbox {

    private static final String MARK = "insert into inbox_message (consumer, message_id, processed_at)"
            + " values (?, ?, ?) on conflict do nothing";

    private final JdbcTemplate jdbc;
    private static final Logger log = LoggerFactory.getLogger(JdbcInbox.class);

    private final MeterRegistry registry;
    private final Clock clock;

    JdbcInbox(JdbcTemplate jdbc, MeterRegistry registry, Clock clock) {
        this.jdbc = jdbc;
        this.registry = registry;
        this.clock = clock;
    }

    @Override
    public boolean processOnce(String consumer, String messageId, Runnable effect) {
        if (consumer.isBlank() || messageId.isBlank()) {
            throw new IllegalArgumentException("consumer and message id must not be blank");
        }
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalTransactionStateException("Inbox.processOnce needs an active transaction (Propagation"
                    + ".MANDATORY): call it in the transaction of the effect, as a MessageHandlers table does");
        }
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        int marked = jdbc.update(MARK, statement -> {
            statement.setString(1, consumer);
            statement.setString(2, messageId);
            statement.setObject(3, now, Types.TIMESTAMP_WITH_TIMEZONE);
        });
        if (marked == 0) {
            duplicates(consumer).increment();
            log.atInfo().addKeyValue("event.action", "message-duplicate")
                    .addKeyValue("messaging.message.id", messageId).addKeyValue("messaging.consumer.group.name", consumer)
                    .log("{} skipped message {}: processed before", consumer, messageId);
            return false;
        }
        effect.run();
        // one line per message a consumer handled, in the message's trace: ./emporium logs --trace <id> follows an
        // order through every service it touched
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                // not "message.id": Boot would nest it under "message", where the log text already is, and drop the line
                log.atInfo().addKeyValue("event.action", "message-processed")
                        .addKeyValue("messaging.message.id", messageId)
                        .addKeyValue("messaging.consumer.group.name", consumer)
                        .log("{} processed message {}", consumer, messageId);
            }
        });
        return true;
    }

    private Counter duplicates(String consumer) {
        return Counter.builder("emporium.inbox.duplicates")
            .description("Messages a consumer received again after processing them, and skipped")
            .tag("consumer", consumer)
            .register(registry);
    }
}
