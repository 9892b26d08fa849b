package io.emporium.shipping.shipment.application;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

import io.emporium.platform.transaction.Transactions;
import io.emporium.shipping.shipment.model.CancelledOrders;
import io.emporium.shipping.shipment.model.OrderId;
import io.emporium.shipping.shipment.model.Shipment;
import io.emporium.shipping.shipment.model.ShipmentId;
import io.emporium.shipping.shipment.model.ShipmentStatus;
import io.emporium.shipping.shipment.model.Shipments;
import io.emporium.shipping.shipment.model.ShippingRules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shipping use cases, at the shipping desk: the order saga's commands (create, cancel) and reading a shipment.
 *
 * <p>Every saga command is idempotent per order and always answered through {@link ShipmentReplies}, in the same
 * transaction as its effect: repeating a command changes nothing and answers what the first one did. Commands about
 * one order are serialized ({@link Shipments#lockOrder}), so concurrent deliveries on several threads or instances
 * cannot both take effect. A compensation may arrive before the command it compensates: a cancellation without a
 * shipment is remembered, and the late creation is rejected with {@value #ORDER_ALREADY_CANCELLED}.
 */
public class ShippingDesk {

    /** The rejection reason of a creation that arrives after its order's shipment was cancelled. */
    public static final String ORDER_ALREADY_CANCELLED = "order already cancelled";

    private static final Logger log = LoggerFactory.getLogger(ShippingDesk.class);

    private final Shipments shipments;
    private final CancelledOrders cancelledOrders;
    private final ShippingRules rules;
    private final ShipmentReplies replies;
    private final Transactions transactions;
    private final Clock clock;

    public ShippingDesk(Shipments shipments, CancelledOrders cancelledOrders, ShippingRules rules,
            ShipmentReplies replies, Transactions transactions, Clock clock) {
        this.shipments = Objects.requireNonNull(shipments, "shipments");
        this.cancelledOrders = Objects.requireNonNull(cancelledOrders, "cancelledOrders");
        this.rules = Objects.requireNonNull(rules, "rules");
        this.replies = Objects.requireNonNull(replies, "replies");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Creates the order's shipment, unless the order already has one or was cancelled. Answers
     * {@code created(shipmentId)} or {@code rejected(reason)}:
     * <ul>
     * <li>first time: the {@link ShippingRules} decide, stored as a CREATED or REJECTED shipment;</li>
     * <li>order cancelled before (a cancellation arrived first): a REJECTED shipment, reason
     * {@value #ORDER_ALREADY_CANCELLED};</li>
     * <li>shipment exists (a repeated command): no effect; CREATED answers {@code created} with the existing id,
     * REJECTED answers its reason, CANCELLED answers {@value #ORDER_ALREADY_CANCELLED}.</li>
     * </ul>
     */
    public void create(CreateShipmentCommand command) {
        transactions.inTransaction(() -> {
            shipments.lockOrder(command.orderId());
            Optional<Shipment> existing = shipments.byOrder(command.orderId());
            if (existing.isPresent()) {
                log.info("Order {} already has shipment {}; answering again", command.orderId(), existing.get().id());
                answerCreation(existing.get());
                return;
            }
            ShipmentId id = ShipmentId.random();
            Optional<String> rejection = cancelledOrders.contains(command.orderId())
                    ? Optional.of(ORDER_ALREADY_CANCELLED)
                    : rules.rejectionOf(command.customerId(), command.lines());
            Shipment shipment = rejection
                    .map(reason -> Shipment.reject(id, command.orderId(), command.customerId(), command.lines(),
                            reason, now()))
                    .orElseGet(() -> Shipment.create(id, command.orderId(), command.customerId(), command.lines(),
                            now()));
            shipments.add(shipment);
            log.info("{}{}", shipment, rejection.map(reason -> ": " + reason).orElse(""));
            answerCreation(shipment);
        });
    }

    /**
     * Compensation: makes sure the order's parcel is not sent, then answers {@code cancelled}. CREATED becomes
     * CANCELLED; CANCELLED and REJECTED stay as they are. Without a shipment the order is remembered as cancelled,
     * so a late creation is rejected.
     */
    public void cancel(OrderId orderId, String reason) {
        transactions.inTransaction(() -> {
            shipments.lockOrder(orderId);
            Optional<Shipment> existing = shipments.byOrder(orderId);
            if (existing.isEmpty()) {
                log.info("Cancellation for order {} before its shipment ({}): remembering the order as cancelled",
                        orderId, reason);
                cancelledOrders.add(orderId, reason, now());
                replies.cancelled(orderId, null);
                return;
            }
            Shipment shipment = existing.get();
            if (shipment.status() == ShipmentStatus.CREATED) {
                shipment.cancel();
                shipments.update(shipment);
                log.info("Cancelled {}: {}", shipment, reason);
            }
            replies.cancelled(orderId, shipment.customerId());
        });
    }

    /** The order's shipment, or empty if it has none (yet). */
    public Optional<Shipment> shipmentOf(OrderId orderId) {
        return transactions.inTransaction(() -> shipments.byOrder(orderId));
    }

    private void answerCreation(Shipment shipment) {
        switch (shipment.status()) {
            case CREATED -> replies.created(shipment.orderId(), shipment.id(), shipment.customerId());
            case REJECTED -> replies.rejected(shipment.orderId(), Objects.requireNonNull(shipment.rejectionReason()),
                    shipment.customerId());
            case CANCELLED -> replies.rejected(shipment.orderId(), ORDER_ALREADY_CANCELLED, shipment.customerId());
        }
    }

    /** Database timestamps keep microseconds: so does the domain, and what is stored reads back equal. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
