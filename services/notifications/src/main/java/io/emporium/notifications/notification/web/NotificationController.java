package io.emporium.notifications.notification.web;

import java.util.List;

import io.emporium.notifications.notification.application.Notifier;
import io.emporium.notifications.notification.model.CustomerId;
import io.emporium.notifications.notification.model.OrderId;
import io.emporium.platform.paging.Page;
import io.emporium.platform.paging.Paging;
import io.emporium.platform.security.Caller;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The notifications sent, under {@code /api/notifications} (the gateway forwards that prefix unchanged), for callers
 * with a valid token: either a customer's ({@code ?customer=}, by default the caller's own) or an order's
 * ({@code ?order=}); asking for both is a 400 problem, as is any invalid parameter. A customer sees only their own
 * notifications; an administrator sees everyone's.
 */
@RestController
@RequestMapping("/api/notifications")
class NotificationController {

    private final Notifier notifier;

    NotificationController(Notifier notifier) {
        this.notifier = notifier;
    }

    /**
     * A page of the customer's notifications, newest first: the caller's own when {@code customer} is left out.
     * Another customer's are a 403 problem unless the caller is an administrator.
     */
    @GetMapping(params = "!order")
    NotificationPageResponse sentTo(
            @RequestParam(required = false) @Nullable @Pattern(regexp = CustomerId.FORMAT) String customer,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(Paging.MAX_SIZE) int size, Caller caller) {
        Paging paging = new Paging(page, size);
        String whose = customer != null ? customer : caller.subject();
        if (!caller.mayActFor(whose)) {
            throw new AccessDeniedException(
                    "Only the customer themself or an administrator may list a customer's notifications.");
        }
        if (!whose.matches(CustomerId.FORMAT)) {
            // a subject that no customer id can equal: no notification was ever sent to it
            return NotificationPageResponse.of(new Page<>(List.of(), paging, 0));
        }
        return NotificationPageResponse.of(notifier.sentTo(new CustomerId(whose), paging));
    }

    /**
     * The notifications about the order that the caller may see (an administrator: all of them), oldest first, as
     * a JSON array; empty for an unknown order, and just as empty for another customer's order.
     */
    @GetMapping(params = { "order", "!customer" })
    List<NotificationResponse> about(@RequestParam @Pattern(regexp = OrderId.FORMAT) String order, Caller caller) {
        return notifier.about(new OrderId(order)).stream()
                .filter(notification -> caller.mayActFor(notification.customerId().value()))
                .map(NotificationResponse::of).toList();
    }
}
