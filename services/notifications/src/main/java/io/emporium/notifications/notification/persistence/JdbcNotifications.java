package io.emporium.notifications.notification.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;

import io.emporium.notifications.notification.model.CustomerId;
import io.emporium.notifications.notification.model.Notification;
import io.emporium.notifications.notification.model.NotificationKind;
import io.emporium.notifications.notification.model.Notifications;
import io.emporium.notifications.notification.model.OrderId;
import io.emporium.platform.paging.Page;
import io.emporium.platform.paging.Paging;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Notifications in the service's own PostgreSQL database (schema: {@code db/migration}). The unique
 * {@code message_id} makes recording idempotent even without the inbox; the identity column breaks ties between
 * notifications sent in the same microsecond, so pages are stable.
 */
@Repository
class JdbcNotifications implements Notifications {

    private static final String COLUMNS =
            "select message_id, customer_id, order_id, kind, channel, text, sent_at from notification";

    private final JdbcClient jdbc;

    JdbcNotifications(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean record(Notification notification) {
        return jdbc.sql("""
                insert into notification (message_id, customer_id, order_id, kind, channel, text, sent_at)
                values (?, ?, ?, ?, ?, ?, ?)
                on conflict (message_id) do nothing""")
                .params(notification.messageId(), notification.customerId().value(), notification.orderId().value(),
                        notification.kind().name(), notification.channel(), notification.text(),
                        Timestamp.from(notification.sentAt()))
                .update() == 1;
    }

    @Override
    public Page<Notification> forCustomer(CustomerId customerId, Paging paging) {
        long total = jdbc.sql("select count(*) from notification where customer_id = ?").param(customerId.value())
                .query(Long.class).single();
        if (total <= paging.offset()) {
            return new Page<>(List.of(), paging, total);
        }
        List<Notification> content = jdbc.sql(COLUMNS
                        + " where customer_id = ? order by sent_at desc, id desc limit ? offset ?")
                .params(customerId.value(), paging.size(), paging.offset())
                .query(JdbcNotifications::notification).list();
        return new Page<>(content, paging, total);
    }

    @Override
    public List<Notification> forOrder(OrderId orderId) {
        return jdbc.sql(COLUMNS + " where order_id = ? order by sent_at, id").param(orderId.value())
                .query(JdbcNotifications::notification).list();
    }

    private static Notification notification(ResultSet rs, int row) throws SQLException {
        return new Notification(rs.getString("message_id"), new CustomerId(rs.getString("customer_id")),
                new OrderId(rs.getString("order_id")), NotificationKind.valueOf(rs.getString("kind")),
                rs.getString("channel"), rs.getString("text"), rs.getTimestamp("sent_at").toInstant());
    }
}
