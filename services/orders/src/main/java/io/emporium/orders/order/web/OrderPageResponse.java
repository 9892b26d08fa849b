package io.emporium.orders.order.web;

import java.util.List;

import io.emporium.orders.readmodel.model.OrderPage;

/** A page of orders, in the same shape as every paged list of the system. */
record OrderPageResponse(List<OrderResponse> content, PageInfo page) {

    record PageInfo(int number, int size, long totalElements, int totalPages) {
    }

    static OrderPageResponse of(OrderPage page) {
        return new OrderPageResponse(page.content().stream().map(OrderResponse::of).toList(),
                new PageInfo(page.number(), page.size(), page.totalElements(), page.totalPages()));
    }
}
