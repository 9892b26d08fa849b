package io.emporium.notifications.notification.application;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.emporium.notifications.notification.model.CustomerId;
import io.emporium.notifications.notification.model.Notification;
import io.emporium.notifications.notification.model.Notifications;
import io.emporium.notifications.notification.model.OrderId;
import io.emporium.notifications.notification.model.OrderNews;
import io.emporium.platform.paging.Page;
import io.emporium.platform.paging.Paging;

/** Tells customers about their orders (by e-mail, simulated: the notification is recorded, not mailed). */
public class Notifier {

    private final Notifications notifications;
    private final Clock clock;

    public Notifier(Notifications notifications, Clock clock) {
        this.notifications = Objects.requireNonNull(notifications, "notifications");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Sends the customer the notification for {@code news}. Idempotent per message: if a notification for
     * {@code messageId} was sent already, nothing is sent or recorded again. Joins the caller's transaction, if any.
     *
     * @param messageId the id of the message that brought the news
     * @return the notification sent, or empty if it had been sent before
     */
    public Optional<Notification> notify(String messageId, OrderNews news) {
        Notification notification = Notification.email(messageId, news, clock.instant());
        return notifications.record(notification) ? Optional.of(notification) : Optional.empty();
    }

    /** A page of what the customer was told, newest first. */
    public Page<Notification> sentTo(CustomerId customerId, Paging paging) {
        return notifications.forCustomer(customerId, paging);
    }

    /** Everything the customer was told about the order, oldest first. */
    public List<Notification> about(OrderId orderId) {
        return notifications.forOrder(orderId);
    }
}
