package io.emporium.catalog.product.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** 404: no product with the requested id or SKU. The platform renders it as a problem with the trace id. */
class ProductNotFound extends ErrorResponseException {

    private ProductNotFound(String detail) {
        super(HttpStatus.NOT_FOUND, problem(detail), null);
    }

    static ProductNotFound withId(long id) {
        return new ProductNotFound("No product with id " + id);
    }

    static ProductNotFound withSku(String sku) {
        return new ProductNotFound("No product with SKU " + sku);
    }

    private static ProblemDetail problem(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, detail);
        problem.setTitle("Product not found");
        return problem;
    }
}
