package io.emporium.orders.readmodel;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.emporium.orders.order.model.OrderEvent;
import io.emporium.orders.order.model.OrderEvents;
import io.emporium.orders.order.model.OrderId;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the read model up to date from the event store, asynchronously (eventual consistency: usually within a
 * poll interval, {@code orders.read-model.poll-interval}, 100 ms by default).
 *
 * <p>It follows the event feed in {@code (tx_id, position)} order and only up to the oldest transaction still
 * running ({@code pg_snapshot_xmin}): an event's position is taken when it is inserted but becomes visible when its
 * transaction commits, so reading by position alone could pass over an event that commits late and never see it.
 * Every transaction it has not read yet has a larger transaction id than everything it has read. For each order
 * touched in a batch it re-projects the order from its whole stream (streams are a handful of events), so the order
 * in which events of one order are met does not matter either. One projector runs at a time per database (an
 * advisory lock), whatever the number of instances.
 */
@Component
class OrderProjector {

    private static final Logger log = LoggerFactory.getLogger(OrderProjector.class);
    private static final String NAME = "order-read-model";
    private static final int BATCH = 500;

    private record FeedEntry(UUID orderId, String txId, long position) {
    }

    private final JdbcClient jdbc;
    private final OrderEvents events;
    private final OrderReadModel readModel;
    private final TransactionTemplate transactions;

    OrderProjector(JdbcClient jdbc, OrderEvents events, OrderReadModel readModel, TransactionTemplate transactions,
            MeterRegistry meters) {
        this.jdbc = jdbc;
        this.events = events;
        this.readModel = readModel;
        this.transactions = transactions;
        meters.gauge("emporium.projection.lag.events", this, OrderProjector::lag);
    }

    @Scheduled(fixedDelayString = "${orders.read-model.poll-interval:100ms}")
    void catchUp() {
        int projected;
        do {
            projected = projectBatch();
        }
        while (projected == BATCH);
    }

    /** Empties the read model and rewinds the feed; the next polls rebuild every order from its events. */
    void rebuild() {
        transactions.executeWithoutResult(status -> {
            jdbc.sql("select pg_advisory_xact_lock(hashtext(?))").param(NAME).query(Object.class).single();
            readModel.clear();
            jdbc.sql("update projection_checkpoint set tx_id = '0', position = 0 where name = ?").param(NAME).update();
        });
        log.info("read model cleared; it is being rebuilt from the event store");
    }

    /** Projects the next batch of the feed; returns how many feed entries it consumed. */
    int projectBatch() {
        Integer count = transactions.execute(status -> {
            Boolean leader = jdbc.sql("select pg_try_advisory_xact_lock(hashtext(?))").param(NAME)
                    .query(Boolean.class).single();
            if (!leader) {
                return 0;
            }
            // the checkpoint is read first and passed as values: joined in, it kept the planner from starting the
            // index scan at the checkpoint, and every poll read the whole event store
            FeedEntry from = checkpoint();
            List<FeedEntry> feed = jdbc.sql("""
                    select e.order_id, e.tx_id::text, e.position from order_event e
                    where (e.tx_id, e.position) > (?::xid8, ?)
                      and e.tx_id < pg_snapshot_xmin(pg_current_snapshot())
                    order by e.tx_id, e.position limit ?""")
                    .params(from.txId(), from.position(), BATCH)
                    .query(OrderProjector::feedEntry)
                    .list();
            if (feed.isEmpty()) {
                return 0;
            }
            Set<UUID> touched = new LinkedHashSet<>();
            feed.forEach(entry -> touched.add(entry.orderId()));
            for (UUID orderId : touched) {
                List<OrderEvent> stream = events.stream(new OrderId(orderId));
                readModel.save(OrderView.of(stream));
            }
            FeedEntry last = feed.getLast();
            jdbc.sql("update projection_checkpoint set tx_id = ?::xid8, position = ? where name = ?")
                    .params(last.txId(), last.position(), NAME).update();
            return feed.size();
        });
        return count == null ? 0 : count;
    }

    /** Where the projector has read up to: the last feed entry it projected (no order id). */
    private FeedEntry checkpoint() {
        return jdbc.sql("select null::uuid, tx_id::text, position from projection_checkpoint where name = ?")
                .param(NAME).query(OrderProjector::feedEntry).single();
    }

    private static FeedEntry feedEntry(ResultSet rs, int row) throws SQLException {
        return new FeedEntry(rs.getObject(1, UUID.class), rs.getString(2), rs.getLong(3));
    }

    private double lag() {
        try {
            FeedEntry from = checkpoint();
            return jdbc.sql("select count(*) from order_event where (tx_id, position) > (?::xid8, ?)")
                    .params(from.txId(), from.position()).query(Long.class).single();
        }
        catch (RuntimeException ex) {
            return Double.NaN;
        }
    }
}
