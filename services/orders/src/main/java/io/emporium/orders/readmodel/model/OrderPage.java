package io.emporium.orders.readmodel.model;

import java.util.List;

/** A page of one customer's orders, newest first (summaries, without their timelines). */
public record OrderPage(List<OrderView> content, int number, int size, long totalElements) {

    public int totalPages() {
        return size == 0 ? 0 : (int) ((totalElements + size - 1) / size);
    }
}
