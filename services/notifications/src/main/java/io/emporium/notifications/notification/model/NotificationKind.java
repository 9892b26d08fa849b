package io.emporium.notifications.notification.model;

/** What a notification tells the customer. */
public enum NotificationKind {
    /** The order was placed and is being processed. */
    ORDER_RECEIVED,
    /** Stock, payment and shipment are settled: the order will ship. */
    ORDER_CONFIRMED,
    /** The order was cancelled, with the reason. */
    ORDER_CANCELLED
}
