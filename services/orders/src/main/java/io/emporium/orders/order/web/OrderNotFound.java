package io.emporium.orders.order.web;

import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** 404: no order with this id was ever placed. */
class OrderNotFound extends ErrorResponseException {

    OrderNotFound(UUID id) {
        super(HttpStatus.NOT_FOUND, problem(id), null);
    }

    private static ProblemDetail problem(UUID id) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No order with id " + id);
        problem.setTitle("Order not found");
        return problem;
    }
}
