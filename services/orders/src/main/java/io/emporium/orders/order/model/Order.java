package io.emporium.orders.order.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.emporium.orders.order.model.OrderEvent.OrderCancelled;
import io.emporium.orders.order.model.OrderEvent.OrderConfirmed;
import io.emporium.orders.order.model.OrderEvent.OrderPlaced;
import io.emporium.orders.order.model.OrderEvent.PaymentAuthorized;
import io.emporium.orders.order.model.OrderEvent.PaymentCaptured;
import io.emporium.orders.order.model.OrderEvent.ShipmentScheduled;
import io.emporium.orders.order.model.OrderEvent.StockReserved;
import org.jspecify.annotations.Nullable;

/**
 * The order aggregate, event-sourced: every change is an {@link OrderEvent}; {@link #rebuild} replays a stream into
 * the current state, and each intention-named method checks its rule, then records (and applies) one new event.
 * Illegal transitions throw {@link IllegalStateException}; nothing is recorded then.
 *
 * <p>{@link #version()} counts the events the state is built from, committed or not; {@link #committedVersion()}
 * is the version the stream had when loaded, which the store checks on append (optimistic concurrency).
 */
public final class Order {

    public static final int MAX_LINES = 50;

    private final OrderId id;
    private CustomerId customerId;
    private List<OrderLine> lines = List.of();
    private Money total;
    private OrderStatus status;
    private @Nullable String paymentId;
    private @Nullable String shipmentId;
    private @Nullable String cancelReason;
    private Instant placedAt;
    private int version;
    private final int committedVersion;
    private final List<OrderEvent> uncommitted = new ArrayList<>();

    private Order(OrderId id, int committedVersion) {
        this.id = id;
        this.committedVersion = committedVersion;
    }

    /** Places a new order. @throws IllegalArgumentException for no lines, too many, repeated skus or mixed currencies */
    public static Order place(OrderId id, CustomerId customerId, List<OrderLine> lines, Instant at) {
        if (lines.isEmpty() || lines.size() > MAX_LINES) {
            throw new IllegalArgumentException("an order has 1 to " + MAX_LINES + " lines, not " + lines.size());
        }
        if (lines.stream().map(OrderLine::sku).distinct().count() != lines.size()) {
            throw new IllegalArgumentException("each sku may appear on one line only");
        }
        String currency = lines.getFirst().unitPrice().currency();
        Money total = lines.stream().map(OrderLine::total).reduce(Money.zero(currency), Money::plus);
        Order order = new Order(id, 0);
        order.record(new OrderPlaced(id, customerId, lines, total, at));
        return order;
    }

    /** The state after the given stream, oldest event first. @throws IllegalArgumentException for an empty stream */
    public static Order rebuild(List<OrderEvent> history) {
        if (history.isEmpty() || !(history.getFirst() instanceof OrderPlaced placed)) {
            throw new IllegalArgumentException("an order's stream starts with OrderPlaced");
        }
        Order order = new Order(placed.orderId(), history.size());
        history.forEach(order::apply);
        return order;
    }

    public void stockReserved(Instant at) {
        require(OrderStatus.PLACED, "reserve stock");
        record(new StockReserved(id, at));
    }

    public void paymentAuthorized(String paymentId, Instant at) {
        require(OrderStatus.STOCK_RESERVED, "authorize payment");
        record(new PaymentAuthorized(id, Objects.requireNonNull(paymentId), at));
    }

    public void shipmentScheduled(String shipmentId, Instant at) {
        require(OrderStatus.PAYMENT_AUTHORIZED, "schedule shipment");
        record(new ShipmentScheduled(id, Objects.requireNonNull(shipmentId), at));
    }

    /** The customer was charged; from here on the order is not cancelled any more, only confirmed. */
    public void paymentCaptured(String paymentId, Instant at) {
        require(OrderStatus.SHIPMENT_SCHEDULED, "capture payment");
        record(new PaymentCaptured(id, Objects.requireNonNull(paymentId), at));
    }

    /** Confirms a paid order whose stock was committed. @throws IllegalStateException unless the payment was captured */
    public void confirm(Instant at) {
        require(OrderStatus.PAYMENT_CAPTURED, "confirm");
        record(new OrderConfirmed(id, at));
    }

    /**
     * Cancels an order that was not charged yet.
     *
     * @throws IllegalStateException for an order that is confirmed, cancelled, or whose payment was captured
     */
    public void cancel(String reason, Instant at) {
        if (!status.isCancellable()) {
            throw new IllegalStateException("order " + id + " is " + status + " and cannot be cancelled");
        }
        record(new OrderCancelled(id, Objects.requireNonNull(reason), at));
    }

    private void require(OrderStatus expected, String action) {
        if (status != expected) {
            throw new IllegalStateException("cannot " + action + " for order " + id + " in status " + status);
        }
    }

    private void record(OrderEvent event) {
        apply(event);
        uncommitted.add(event);
    }

    private void apply(OrderEvent event) {
        switch (event) {
            case OrderPlaced placed -> {
                customerId = placed.customerId();
                lines = placed.lines();
                total = placed.total();
                placedAt = placed.at();
                status = OrderStatus.PLACED;
            }
            case StockReserved ignored -> status = OrderStatus.STOCK_RESERVED;
            case PaymentAuthorized authorized -> {
                paymentId = authorized.paymentId();
                status = OrderStatus.PAYMENT_AUTHORIZED;
            }
            case ShipmentScheduled scheduled -> {
                shipmentId = scheduled.shipmentId();
                status = OrderStatus.SHIPMENT_SCHEDULED;
            }
            case PaymentCaptured ignored -> status = OrderStatus.PAYMENT_CAPTURED;
            case OrderConfirmed ignored -> status = OrderStatus.CONFIRMED;
            case OrderCancelled cancelled -> {
                cancelReason = cancelled.reason();
                status = OrderStatus.CANCELLED;
            }
        }
        version++;
    }

    /** Events recorded since loading, oldest first, to append to the stream. */
    public List<OrderEvent> uncommittedEvents() {
        return List.copyOf(uncommitted);
    }

    public OrderId id() {
        return id;
    }

    public CustomerId customerId() {
        return customerId;
    }

    public List<OrderLine> lines() {
        return lines;
    }

    public Money total() {
        return total;
    }

    public OrderStatus status() {
        return status;
    }

    public @Nullable String paymentId() {
        return paymentId;
    }

    public @Nullable String shipmentId() {
        return shipmentId;
    }

    public @Nullable String cancelReason() {
        return cancelReason;
    }

    public Instant placedAt() {
        return placedAt;
    }

    public int version() {
        return version;
    }

    public int committedVersion() {
        return committedVersion;
    }
}
