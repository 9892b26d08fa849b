package io.emporium.inventory.stock.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** 404: no stock for the requested sku, or no reservation for the requested order. Rendered as a problem. */
class NotFound extends ErrorResponseException {

    private NotFound(String title, String detail) {
        super(HttpStatus.NOT_FOUND, problem(title, detail), null);
    }

    static NotFound stock(String sku) {
        return new NotFound("Stock not found", "No stock of SKU " + sku);
    }

    static NotFound reservation(String orderId) {
        return new NotFound("Reservation not found", "No reservation for order " + orderId);
    }

    private static ProblemDetail problem(String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, detail);
        problem.setTitle(title);
        return problem;
    }
}
