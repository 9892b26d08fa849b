package io.emporium.notifications.notification.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A notification that was sent to a customer about one of their orders, and the message it reacted to. A message
 * causes at most one notification, so {@code messageId} identifies it.
 *
 * @param channel how it was sent; always {@value #EMAIL} for now
 */
public record Notification(String messageId, CustomerId customerId, OrderId orderId, NotificationKind kind,
        String channel, String text, Instant sentAt) {

    public static final String EMAIL = "email";

    public Notification {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(sentAt, "sentAt");
        if (messageId == null || messageId.isBlank() || messageId.length() > 200) {
            throw new IllegalArgumentException("A notification names the message it reacted to (1 to 200 characters)");
        }
        if (channel == null || channel.isBlank() || text == null || text.isBlank()) {
            throw new IllegalArgumentException("A notification has a channel and a text");
        }
    }

    /** The e-mail that tells the customer {@code news}, sent at {@code sentAt} in reaction to message {@code messageId}. */
    public static Notification email(String messageId, OrderNews news, Instant sentAt) {
        return new Notification(messageId, news.customerId(), news.orderId(), news.kind(), EMAIL, news.text(), sentAt);
    }
}
