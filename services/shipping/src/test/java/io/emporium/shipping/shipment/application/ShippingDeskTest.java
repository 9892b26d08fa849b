package io.emporium.shipping.shipment.application;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import io.emporium.shipping.shipment.application.RecordingReplies.Sent;
import io.emporium.shipping.shipment.model.CustomerId;
import io.emporium.shipping.shipment.model.OrderId;
import io.emporium.shipping.shipment.model.Shipment;
import io.emporium.shipping.shipment.model.ShipmentLine;
import io.emporium.shipping.shipment.model.ShipmentStatus;
import io.emporium.shipping.shipment.model.ShippingRules;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The shipping use cases over in-memory stores: effects, replies, idempotency and out-of-order compensations. */
class ShippingDeskTest {

    private static final OrderId ORDER = new OrderId("order-1");
    private static final Instant NOW = Instant.parse("2026-01-01T10:00:00.123456789Z");

    private final InMemoryShipments shipments = new InMemoryShipments();
    private final RecordingReplies replies = new RecordingReplies();
    private final ShippingDesk service = new ShippingDesk(shipments, shipments, new ShippingRules(50, "unshippable-"),
            replies, new DirectTransactions(), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void createsTheShipmentAndAnswersWithItsId() {
        service.create(create("alice", 2, 3));

        Shipment shipment = shipments.byOrder(ORDER).orElseThrow();
        assertThat(shipment.status()).isEqualTo(ShipmentStatus.CREATED);
        assertThat(shipment.lines()).containsExactly(new ShipmentLine("SKU-000000", 2), new ShipmentLine("SKU-000001", 3));
        assertThat(shipment.createdAt()).isEqualTo(Instant.parse("2026-01-01T10:00:00.123456Z"));
        assertThat(replies.sent()).containsExactly(new Sent("created", ORDER, shipment.id(), null));
        assertThat(shipments.locksTaken()).isEqualTo(1);
    }

    @Test
    void rejectsAnOrderOverTheParcelLimitAndRemembersWhy() {
        service.create(create("alice", 30, 21));

        Shipment shipment = shipments.byOrder(ORDER).orElseThrow();
        assertThat(shipment.status()).isEqualTo(ShipmentStatus.REJECTED);
        assertThat(replies.sent()).containsExactly(new Sent("rejected", ORDER, null, "exceeds the parcel limit of 50 units"));
    }

    @Test
    void rejectsAnUnshippableCustomer() {
        service.create(create("unshippable-carol", 1));

        assertThat(replies.last()).isEqualTo(new Sent("rejected", ORDER, null, "no delivery to this address"));
    }

    @Test
    void repeatedCreationHasNoEffectAndAnswersTheSame() {
        service.create(create("alice", 1));
        service.create(create("alice", 1));

        assertThat(shipments.count()).isEqualTo(1);
        assertThat(replies.sent()).hasSize(2).allMatch(sent -> sent.equals(replies.sent().getFirst()));
    }

    @Test
    void repeatedRejectedCreationAnswersTheSameReason() {
        service.create(create("unshippable-carol", 1));
        service.create(create("unshippable-carol", 1));

        assertThat(replies.sent()).extracting(Sent::reason)
                .containsExactly("no delivery to this address", "no delivery to this address");
    }

    @Test
    void cancellationCancelsTheShipment() {
        service.create(create("alice", 1));

        service.cancel(ORDER, "payment declined");

        assertThat(shipments.byOrder(ORDER).orElseThrow().status()).isEqualTo(ShipmentStatus.CANCELLED);
        assertThat(replies.last()).isEqualTo(new Sent("cancelled", ORDER, null, null));
    }

    @Test
    void repeatedCancellationHasNoFurtherEffect() {
        service.create(create("alice", 1));
        service.cancel(ORDER, "payment declined");

        service.cancel(ORDER, "payment declined");

        assertThat(replies.sent()).extracting(Sent::kind).containsExactly("created", "cancelled", "cancelled");
        assertThat(shipments.byOrder(ORDER).orElseThrow().version()).isEqualTo(1);
    }

    @Test
    void cancellationBeforeCreationIsAnsweredAndTheLateCreationRejected() {
        service.cancel(ORDER, "saga timed out");
        service.create(create("alice", 1));

        assertThat(replies.sent()).containsExactly(new Sent("cancelled", ORDER, null, null),
                new Sent("rejected", ORDER, null, "order already cancelled"));
        assertThat(shipments.byOrder(ORDER).orElseThrow().status()).isEqualTo(ShipmentStatus.REJECTED);
    }

    @Test
    void creationRepeatedAfterACancellationIsRejectedAsCancelled() {
        service.create(create("alice", 1));
        service.cancel(ORDER, "payment declined");

        service.create(create("alice", 1));

        assertThat(replies.last()).isEqualTo(new Sent("rejected", ORDER, null, "order already cancelled"));
    }

    @Test
    void cancellationOfARejectedShipmentIsAnsweredWithoutEffect() {
        service.create(create("unshippable-carol", 1));

        service.cancel(ORDER, "shipment rejected");

        assertThat(replies.last().kind()).isEqualTo("cancelled");
        assertThat(shipments.byOrder(ORDER).orElseThrow().status()).isEqualTo(ShipmentStatus.REJECTED);
    }

    @Test
    void aShipmentNeedsALine() {
        assertThatIllegalArgumentException().isThrownBy(
                () -> new CreateShipmentCommand(ORDER, new CustomerId("alice"), List.of()));
    }

    private static CreateShipmentCommand create(String customer, int... quantities) {
        return new CreateShipmentCommand(ORDER, new CustomerId(customer), java.util.stream.IntStream
                .range(0, quantities.length).mapToObj(index -> new ShipmentLine("SKU-00000" + index, quantities[index]))
                .toList());
    }
}
