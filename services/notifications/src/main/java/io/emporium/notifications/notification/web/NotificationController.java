package io.emporium.notifications.notification.web;

import java.util.List;

import io.emporium.notifications.notification.application.Notifier;
import io.emporium.notifications.notification.model.CustomerId;
import io.emporium.notifications.notification.model.OrderId;
import io.emporium.notifications.notification.model.Paging;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The notifications sent, under {@code /api/notifications} (the gateway forwards that prefix unchanged): either a
 * customer's ({@code ?customer=}) or an order's ({@code ?order=}); asking for both or neither is a 400 problem, as
 * is any invalid parameter.
 */
@RestController
@RequestMapping("/api/notifications")
class NotificationController {

    private final Notifier notifier;

    NotificationController(Notifier notifier) {
        this.notifier = notifier;
    }

    /** A page of the customer's notifications, newest first. */
    @GetMapping(params = { "customer", "!order" })
    NotificationPageResponse sentTo(@RequestParam @Pattern(regexp = CustomerId.FORMAT) String customer,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(Paging.MAX_SIZE) int size) {
        return NotificationPageResponse.of(notifier.sentTo(new CustomerId(customer), new Paging(page, size)));
    }

    /** Every notification about the order, oldest first, as a JSON array (empty for an unknown order). */
    @GetMapping(params = { "order", "!customer" })
    List<NotificationResponse> about(@RequestParam @Pattern(regexp = OrderId.FORMAT) String order) {
        return notifier.about(new OrderId(order)).stream().map(NotificationResponse::of).toList();
    }
}
