package io.emporium.orders.saga.persistence;

import java.util.List;

import io.emporium.platform.quarantine.Quarantine;
import io.emporium.platform.quarantine.QuarantinedItem;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The sagas set aside because they could not be handled (kind {@value #KIND}): the platform counts them in
 * {@code emporium.quarantined{kind="saga"}} and lists them at {@code /actuator/quarantine}, each by its id (the
 * order's id) with the reason and since when. Released by clearing {@code quarantined_at} and
 * {@code quarantine_reason} of its {@code saga_instance} row, once the cause is fixed; its deadline is then checked
 * again.
 */
@Component
class SagaQuarantine implements Quarantine {

    static final String KIND = "saga";

    private final JdbcClient jdbc;

    SagaQuarantine(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public long count() {
        return jdbc.sql("select count(*) from saga_instance where quarantined_at is not null").query(Long.class)
                .single();
    }

    @Override
    public List<QuarantinedItem> list(int limit) {
        return jdbc.sql("select id, quarantine_reason, quarantined_at from saga_instance "
                + "where quarantined_at is not null order by quarantined_at, id limit ?")
                .param(limit)
                .query((rs, row) -> new QuarantinedItem(KIND, rs.getString("id"), rs.getString("quarantine_reason"),
                        rs.getTimestamp("quarantined_at").toInstant()))
                .list();
    }
}
