package io.emporium.notifications.notification.web;

import java.time.Instant;

import io.emporium.notifications.notification.model.Notification;

/**
 * A sent notification: {@code {"customerId", "orderId", "kind": "ORDER_RECEIVED|ORDER_CONFIRMED|ORDER_CANCELLED",
 * "channel": "email", "text", "sentAt": "2026-01-31T12:00:00.123456Z", "messageId"}}.
 */
record NotificationResponse(String customerId, String orderId, String kind, String channel, String text,
        Instant sentAt, String messageId) {

    static NotificationResponse of(Notification notification) {
        return new NotificationResponse(notification.customerId().value(), notification.orderId().value(),
                notification.kind().name(), notification.channel(), notification.text(), notification.sentAt(),
                notification.messageId());
    }
}
