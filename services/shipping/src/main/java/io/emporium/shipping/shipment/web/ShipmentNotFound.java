package io.emporium.shipping.shipment.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** 404: the order has no shipment. */
class ShipmentNotFound extends ErrorResponseException {

    ShipmentNotFound(String orderId) {
        super(HttpStatus.NOT_FOUND, problem("No shipment for order " + orderId), null);
    }

    private static ProblemDetail problem(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, detail);
        problem.setTitle("Shipment not found");
        return problem;
    }
}
