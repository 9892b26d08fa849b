package io.emporium.payments.payment.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** 404: no payment for the requested order or with the requested id. */
class PaymentNotFound extends ErrorResponseException {

    private PaymentNotFound(String detail) {
        super(HttpStatus.NOT_FOUND, problem(detail), null);
    }

    static PaymentNotFound forOrder(String orderId) {
        return new PaymentNotFound("No payment for order " + orderId);
    }

    static PaymentNotFound withId(Object paymentId) {
        return new PaymentNotFound("No payment with id " + paymentId);
    }

    private static ProblemDetail problem(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, detail);
        problem.setTitle("Payment not found");
        return problem;
    }
}
