package io.emporium.orders.readmodel.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.emporium.orders.order.model.OrderEvents;
import io.emporium.orders.order.model.OrderId;
import io.emporium.orders.readmodel.application.OrderProjection;
import io.emporium.orders.readmodel.model.OrderView;
import io.emporium.platform.persistence.DatabaseOutages;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionStatus;
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
 *
 * <p>One order that cannot be projected (its events cannot be read back, or its view cannot be built or written)
 * never freezes the read model: it is set aside in {@link ProjectionQuarantine} with an ERROR naming it, the other
 * orders of the batch are written, and the feed moves on. Its read-model rows stay as they were. A later batch that
 * touches it (its next event, or a rebuild) projects it again, and a success takes it out of the quarantine. A batch
 * is first projected in one transaction; when the database refuses one order's rows, that transaction is rolled back
 * and the batch projected again with a savepoint per order (savepoints only then: hundreds of them in every
 * transaction would cost PostgreSQL dearly). A database that cannot be reached, or a transient failure (a lock or a
 * statement timeout), quarantines nothing: the batch fails as a whole and the next poll tries it again.
 */
@Component
class OrderProjector implements OrderProjection {

    private static final Logger log = LoggerFactory.getLogger(OrderProjector.class);
    private static final String NAME = "order-read-model";
    private static final int BATCH = 500;

    private record FeedEntry(UUID orderId, String txId, long position) {
    }

    private final JdbcClient jdbc;
    private final OrderEvents events;
    private final JdbcOrderReadModel readModel;
    private final ProjectionQuarantine quarantine;
    private final TransactionTemplate transactions;

    OrderProjector(JdbcClient jdbc, OrderEvents events, JdbcOrderReadModel readModel,
            ProjectionQuarantine quarantine, TransactionTemplate transactions, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.events = events;
        this.readModel = readModel;
        this.quarantine = quarantine;
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
    @Override
    public void rebuild() {
        transactions.executeWithoutResult(status -> {
            jdbc.sql("select pg_advisory_xact_lock(hashtext(?))").param(NAME).query(Object.class).single();
            readModel.clear();
            quarantine.clear();
            jdbc.sql("update projection_checkpoint set tx_id = '0', position = 0 where name = ?").param(NAME).update();
        });
        log.info("read model cleared; it is being rebuilt from the event store");
    }

    /** Projects the next batch of the feed; returns how many feed entries it consumed. */
    int projectBatch() {
        try {
            return projectBatch(false);
        }
        catch (RuntimeException ex) {
            if (DatabaseOutages.explain(ex)) {
                throw ex;
            }
            log.warn("The read model could not write one of the orders of a batch ({}); projecting the batch again,"
                    + " each order on its own", describe(ex));
            return projectBatch(true);
        }
    }

    /**
     * @param orderByOrder a savepoint around each order, so that whatever fails for one order is undone for it alone;
     *     without, only failures to read or build an order's view (before anything is written for it) are the
     *     order's own, and any other failure rolls the whole batch back
     */
    private int projectBatch(boolean orderByOrder) {
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
            List<UUID> projected = new ArrayList<>(touched.size());
            Map<UUID, RuntimeException> failed = new LinkedHashMap<>();
            for (UUID orderId : touched) {
                @Nullable RuntimeException failure = orderByOrder ? projectAlone(orderId, status) : project(orderId);
                if (failure == null) {
                    projected.add(orderId);
                }
                else {
                    failed.put(orderId, failure);
                }
            }
            quarantine.release(projected);
            failed.forEach(this::setAside);
            FeedEntry last = feed.getLast();
            jdbc.sql("update projection_checkpoint set tx_id = ?::xid8, position = ? where name = ?")
                    .params(last.txId(), last.position(), NAME).update();
            return feed.size();
        });
        return count == null ? 0 : count;
    }

    /** Projects one order; returns the failure when its view cannot be read or built (then nothing was written). */
    private @Nullable RuntimeException project(UUID orderId) {
        OrderView view;
        try {
            view = OrderView.of(events.stream(new OrderId(orderId)));
        }
        catch (DataAccessException ex) {
            throw ex;
        }
        catch (RuntimeException ex) {
            return ex;
        }
        readModel.save(view);
        return null;
    }

    /** Projects one order within a savepoint; returns the failure, undone, unless the database is unavailable. */
    private @Nullable RuntimeException projectAlone(UUID orderId, TransactionStatus status) {
        Object savepoint = status.createSavepoint();
        try {
            readModel.save(OrderView.of(events.stream(new OrderId(orderId))));
            status.releaseSavepoint(savepoint);
            return null;
        }
        catch (RuntimeException ex) {
            if (DatabaseOutages.explain(ex)) {
                throw ex;
            }
            status.rollbackToSavepoint(savepoint);
            status.releaseSavepoint(savepoint);
            return ex;
        }
    }

    private void setAside(UUID orderId, RuntimeException failure) {
        quarantine.add(orderId, describe(failure));
        log.error("Order {} cannot be projected into the read model; it is quarantined (/actuator/quarantine) and the"
                + " read model goes on without it until a later projection of it succeeds", orderId, failure);
    }

    /** The most specific cause of the failure, on one line: its class and message. */
    private static String describe(Throwable failure) {
        Throwable cause = NestedExceptionUtils.getMostSpecificCause(failure);
        return (cause.getClass().getSimpleName() + ": " + cause.getMessage()).replaceAll("\\s*\\R\\s*", " ");
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
