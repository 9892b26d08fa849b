package io.emporium.notifications.notification.application;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.emporium.notifications.notification.model.CustomerId;
import io.emporium.notifications.notification.model.Notification;
import io.emporium.notifications.notification.model.Notifications;
import io.emporium.notifications.notification.model.OrderId;
import io.emporium.platform.paging.Page;
import io.emporium.platform.paging.Paging;

/** Just enough of a repository for unit and slice tests: a list, in the order notifications were recorded. */
public final class InMemoryNotifications implements Notifications {

    private final List<Notification> all = new CopyOnWriteArrayList<>();

    @Override
    public synchronized boolean record(Notification notification) {
        if (all.stream().anyMatch(sent -> sent.messageId().equals(notification.messageId()))) {
            return false;
        }
        return all.add(notification);
    }

    @Override
    public Page<Notification> forCustomer(CustomerId customerId, Paging paging) {
        List<Notification> newestFirst = all.reversed().stream()
                .filter(notification -> notification.customerId().equals(customerId))
                .sorted(Comparator.comparing(Notification::sentAt).reversed()).toList();
        List<Notification> content = newestFirst.stream().skip(paging.offset()).limit(paging.size()).toList();
        return new Page<>(content, paging, newestFirst.size());
    }

    @Override
    public List<Notification> forOrder(OrderId orderId) {
        return all.stream().filter(notification -> notification.orderId().equals(orderId))
                .sorted(Comparator.comparing(Notification::sentAt)).toList();
    }
}
