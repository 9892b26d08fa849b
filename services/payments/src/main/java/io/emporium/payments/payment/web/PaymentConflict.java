package io.emporium.payments.payment.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** 409: the payment's status does not allow the request (e.g. refunding a payment that is not CAPTURED). */
class PaymentConflict extends ErrorResponseException {

    PaymentConflict(String detail, Throwable cause) {
        super(HttpStatus.CONFLICT, problem(detail), cause);
    }

    private static ProblemDetail problem(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, detail);
        problem.setTitle("Payment status conflict");
        return problem;
    }
}
