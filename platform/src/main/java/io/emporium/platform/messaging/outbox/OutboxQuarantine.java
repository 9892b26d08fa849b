package io.emporium.platform.messaging.outbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;

import io.emporium.platform.quarantine.Quarantine;
import io.emporium.platform.quarantine.QuarantinedItem;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The outbox rows the relay set aside ({@link OutboxRelay} says when): kind {@value #KIND}, item id = the row's
 * {@code id} in {@code outbox_message}. They stay in the table, with {@code quarantined_at} and
 * {@code quarantine_reason} set, until an operator releases or deletes them. Releasing a row puts it back in line: it
 * is the oldest, so the next round sends it (after the later messages of its key, which went on without it):
 * <pre>{@code
 * update outbox_message set quarantined_at = null, quarantine_reason = null, failed_sends = 0 where id = 42;
 * }</pre>
 * Reads only; thread-safe.
 */
final class OutboxQuarantine implements Quarantine {

    static final String KIND = "outbox";

    private static final String COUNT = "select count(*) from outbox_message where quarantined_at is not null";
    private static final String LIST = "select id, message_id, type, topic, message_key, quarantine_reason,"
            + " quarantined_at from outbox_message where quarantined_at is not null"
            + " order by quarantined_at, id limit ?";

    private final JdbcTemplate jdbc;

    OutboxQuarantine(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public long count() {
        Long count = jdbc.queryForObject(COUNT, Long.class);
        return count == null ? 0 : count;
    }

    @Override
    public List<QuarantinedItem> list(int limit) {
        return jdbc.query(LIST, OutboxQuarantine::item, limit);
    }

    /** {@code OrderPlaced to orders.order-events, key 42, message 5f3c...: refused by Kafka for good: ...}. */
    private static QuarantinedItem item(ResultSet row, int rowNumber) throws SQLException {
        String reason = row.getString("type") + " to " + row.getString("topic") + ", key " + row.getString("message_key")
                + ", message " + row.getString("message_id") + ": " + row.getString("quarantine_reason");
        return new QuarantinedItem(KIND, Long.toString(row.getLong("id")), reason,
                row.getObject("quarantined_at", OffsetDateTime.class).toInstant());
    }
}
