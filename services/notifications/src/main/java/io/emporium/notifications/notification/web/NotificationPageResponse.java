package io.emporium.notifications.notification.web;

import java.util.List;

import io.emporium.notifications.notification.model.Notification;
import io.emporium.platform.paging.Page;

/** A page of notifications: {@code {"content": [...], "page": {"number", "size", "totalElements", "totalPages"}}}. */
record NotificationPageResponse(List<NotificationResponse> content, PageMetadata page) {

    record PageMetadata(int number, int size, long totalElements, long totalPages) {
    }

    static NotificationPageResponse of(Page<Notification> page) {
        return new NotificationPageResponse(page.content().stream().map(NotificationResponse::of).toList(),
                new PageMetadata(page.paging().number(), page.paging().size(), page.totalElements(), page.totalPages()));
    }
}
