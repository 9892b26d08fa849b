package io.emporium.notifications.notification.model;

import java.util.List;

import io.emporium.platform.paging.Page;
import io.emporium.platform.paging.Paging;

/** Every notification sent. */
public interface Notifications {

    /**
     * Records a sent notification, unless one for the same message is recorded already (then nothing changes).
     *
     * @return whether it was recorded
     */
    boolean record(Notification notification);

    /** A page of the customer's notifications, newest first. */
    Page<Notification> forCustomer(CustomerId customerId, Paging paging);

    /** Every notification about the order, oldest first (the order's story). */
    List<Notification> forOrder(OrderId orderId);
}
