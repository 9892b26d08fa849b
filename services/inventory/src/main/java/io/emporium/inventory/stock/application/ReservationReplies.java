package io.emporium.inventory.stock.application;

import java.util.List;

import io.emporium.inventory.stock.model.OrderId;

/**
 * Where the answers to the order saga's commands go. Called inside the transaction that made the change, and must
 * take part in it: an answer is sent if, and only if, that transaction commits.
 */
public interface ReservationReplies {

    void reserved(OrderId orderId);

    void rejected(OrderId orderId, String reason, List<String> unavailableSkus);

    void released(OrderId orderId);

    void committed(OrderId orderId);
}
