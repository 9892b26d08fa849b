package io.emporium.platform.quarantine;

import java.time.OffsetDateTime;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A {@link Quarantine} whose items are rows of one table, marked by a timestamp column: the outbox's rows Kafka
 * refuses, the sagas that cannot be handled, the orders the read model cannot project. Reads only, with the row's
 * marks as they are; the owner of the table sets and clears them. Thread-safe.
 */
public final class TableQuarantine implements Quarantine {

    private final String kind;
    private final JdbcTemplate jdbc;
    private final String count;
    private final String list;

    /**
     * The names and expressions are SQL, written by the service (never input): {@code id} and {@code reason} are
     * expressions read as text, {@code since} a {@code timestamptz} column that is not null exactly for the rows set
     * aside.
     *
     * @param kind   the kind the items are listed and counted under
     * @param table  the table holding the rows
     * @param id     how an operator finds a row, e.g. {@code id::text}
     * @param reason why it was set aside, e.g. {@code quarantine_reason}
     * @param since  when it was set aside, e.g. {@code quarantined_at}
     */
    public TableQuarantine(String kind, DataSource dataSource, String table, String id, String reason, String since) {
        this.kind = kind;
        this.jdbc = new JdbcTemplate(dataSource);
        this.count = "select count(*) from " + table + " where " + since + " is not null";
        this.list = "select " + id + ", " + reason + ", " + since + " from " + table + " where " + since
                + " is not null order by " + since + ", 1 limit ?";
    }

    @Override
    public String kind() {
        return kind;
    }

    @Override
    public long count() {
        Long rows = jdbc.queryForObject(count, Long.class);
        return rows == null ? 0 : rows;
    }

    @Override
    public List<QuarantinedItem> list(int limit) {
        return jdbc.query(list, (row, number) -> new QuarantinedItem(kind, row.getString(1), row.getString(2),
                row.getObject(3, OffsetDateTime.class).toInstant()), limit);
    }
}
