package io.emporium.shipping.shipment.model;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ShipmentTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private static final List<ShipmentLine> LINES = List.of(new ShipmentLine("SKU-000001", 2));

    @Test
    void createdShipmentCanBeCancelled() {
        Shipment shipment = Shipment.create(ShipmentId.random(), new OrderId("order-1"), new CustomerId("alice"), LINES, T0);

        shipment.cancel();

        assertThat(shipment.status()).isEqualTo(ShipmentStatus.CANCELLED);
        assertThat(shipment.createdAt()).isEqualTo(T0);
    }

    @Test
    void cancelledShipmentIsNotCancelledAgain() {
        Shipment shipment = Shipment.create(ShipmentId.random(), new OrderId("order-1"), new CustomerId("alice"), LINES, T0);
        shipment.cancel();

        assertThatExceptionOfType(IllegalShipmentTransition.class).isThrownBy(shipment::cancel)
                .withMessageEndingWith("is CANCELLED; only a CREATED shipment can be cancelled");
    }

    @Test
    void rejectedShipmentCannotBeCancelled() {
        Shipment shipment = Shipment.reject(ShipmentId.random(), new OrderId("order-1"), new CustomerId("alice"), LINES,
                "no delivery to this address", T0);

        assertThatExceptionOfType(IllegalShipmentTransition.class).isThrownBy(shipment::cancel);
        assertThat(shipment.rejectionReason()).isEqualTo("no delivery to this address");
    }

    @Test
    void aShipmentHasLinesAndARejectionReasonExactlyWhenRejected() {
        OrderId order = new OrderId("order-1");
        CustomerId customer = new CustomerId("alice");

        assertThatIllegalArgumentException().isThrownBy(
                () -> Shipment.create(ShipmentId.random(), order, customer, List.of(), T0));
        assertThatIllegalArgumentException().isThrownBy(() -> Shipment.restore(ShipmentId.random(), order, customer,
                LINES, ShipmentStatus.CREATED, "why", T0, 0));
        assertThatIllegalArgumentException().isThrownBy(() -> Shipment.restore(ShipmentId.random(), order, customer,
                LINES, ShipmentStatus.REJECTED, null, T0, 0));
    }

    @Test
    void linesNeedAPlainSkuAndAPositiveQuantity() {
        assertThat(new ShipmentLine("SKU-000001", 1).quantity()).isEqualTo(1);
        assertThatIllegalArgumentException().isThrownBy(() -> new ShipmentLine("SKU-000001", 0));
        assertThatIllegalArgumentException().isThrownBy(() -> new ShipmentLine("", 1));
        assertThatIllegalArgumentException().isThrownBy(() -> new ShipmentLine("SKU 1", 1));
        assertThatIllegalArgumentException().isThrownBy(() -> new ShipmentLine(null, 1));
    }

    @Test
    void idsAcceptOnlyPlainNames() {
        assertThat(new OrderId("3f2b8c1e-0d6a-4c3e-9d57-2b1f0e6c9a10").value()).hasSize(36);
        assertThatIllegalArgumentException().isThrownBy(() -> new OrderId("order 1"));
        assertThatIllegalArgumentException().isThrownBy(() -> new CustomerId("c".repeat(65)));
    }
}
