package io.emporium.notifications.notification.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** 403: the caller asked for another customer's notifications, which only that customer and administrators may list. */
class NotificationsForbidden extends ErrorResponseException {

    NotificationsForbidden() {
        super(HttpStatus.FORBIDDEN, problem(), null);
    }

    private static ProblemDetail problem() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
                "Only the customer themself or an administrator may list a customer's notifications.");
        problem.setTitle("Forbidden");
        return problem;
    }
}
