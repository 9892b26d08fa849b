package io.emporium.orders.order.persistence;

import java.util.List;

import io.emporium.orders.order.model.Order;
import io.emporium.orders.order.model.OrderEvent;
import io.emporium.orders.order.model.OrderEvents;
import io.emporium.orders.order.model.OrderId;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The event store on PostgreSQL ({@code order_event}): append-only, one row per event, (order, version) unique. */
@Repository
class JdbcOrderEvents implements OrderEvents {

    private final JdbcClient jdbc;
    private final OrderEventCodec codec;

    JdbcOrderEvents(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.codec = new OrderEventCodec(json);
    }

    @Override
    public List<OrderEvent> stream(OrderId id) {
        return jdbc.sql("select type, payload::text from order_event where order_id = ? order by version")
                .param(id.value())
                .query((rs, row) -> codec.eventOf(id, rs.getString(1), rs.getString(2))).list();
    }

    @Override
    public void append(Order order) {
        List<OrderEvent> events = order.uncommittedEvents();
        int version = order.committedVersion();
        try {
            for (OrderEvent event : events) {
                version++;
                jdbc.sql("insert into order_event (order_id, version, type, payload, recorded_at) "
                        + "values (?, ?, ?, ?::jsonb, ?)")
                        .params(order.id().value(), version, OrderEventCodec.typeOf(event), codec.payloadOf(event),
                                java.sql.Timestamp.from(event.at()))
                        .update();
            }
        }
        catch (DuplicateKeyException ex) {
            throw new ConcurrentOrderChange(order.id(), order.committedVersion());
        }
    }
}
