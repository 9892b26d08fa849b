package io.emporium.shipping.shipment.persistence;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.emporium.platform.test.concurrency.LockCheck;
import io.emporium.platform.test.infrastructure.TestInfrastructure;
import io.emporium.shipping.shipment.model.CustomerId;
import io.emporium.shipping.shipment.model.OrderId;
import io.emporium.shipping.shipment.model.Shipment;
import io.emporium.shipping.shipment.model.ShipmentId;
import io.emporium.shipping.shipment.model.ShipmentLine;
import io.emporium.shipping.shipment.model.ShipmentStatus;
import org.junit.jupiter.api.Test;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The JDBC adapter on the real schema (Flyway) in a real PostgreSQL; each test rolls back unless it says otherwise. */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import({ JdbcShipments.class, JdbcCancelledOrders.class })
@TestInfrastructure(database = "shipping", issuer = false)
class JdbcShipmentsTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00.123456Z");
    private static final List<ShipmentLine> LINES = List.of(new ShipmentLine("SKU-000002", 3),
            new ShipmentLine("SKU-000001", 1));

    private final JdbcShipments shipments;
    private final JdbcCancelledOrders cancelledOrders;
    private final TransactionTemplate transactions;

    JdbcShipmentsTest(JdbcShipments shipments, JdbcCancelledOrders cancelledOrders, TransactionTemplate transactions) {
        this.shipments = shipments;
        this.cancelledOrders = cancelledOrders;
        this.transactions = transactions;
    }

    @Test
    void storedShipmentReadsBackEqualWithItsLinesInOrder() {
        Shipment shipment = Shipment.create(ShipmentId.random(), uniqueOrder(), new CustomerId("alice"), LINES, T0);
        shipments.add(shipment);

        Shipment loaded = shipments.byOrder(shipment.orderId()).orElseThrow();

        assertThat(loaded.id()).isEqualTo(shipment.id());
        assertThat(loaded.customerId()).isEqualTo(shipment.customerId());
        assertThat(loaded.status()).isEqualTo(ShipmentStatus.CREATED);
        assertThat(loaded.lines()).containsExactlyElementsOf(LINES);
        assertThat(loaded.createdAt()).isEqualTo(T0);
        assertThat(loaded.rejectionReason()).isNull();
        assertThat(loaded.version()).isZero();
    }

    @Test
    void rejectionReasonIsStored() {
        Shipment rejected = Shipment.reject(ShipmentId.random(), uniqueOrder(), new CustomerId("unshippable-carol"),
                LINES, "no delivery to this address", T0);
        shipments.add(rejected);

        assertThat(shipments.byOrder(rejected.orderId()).orElseThrow().rejectionReason())
                .isEqualTo("no delivery to this address");
    }

    @Test
    void cancellationIsStoredAndCountsTheVersion() {
        Shipment shipment = Shipment.create(ShipmentId.random(), uniqueOrder(), new CustomerId("alice"), LINES, T0);
        shipments.add(shipment);

        shipment.cancel();
        shipments.update(shipment);

        Shipment loaded = shipments.byOrder(shipment.orderId()).orElseThrow();
        assertThat(loaded.status()).isEqualTo(ShipmentStatus.CANCELLED);
        assertThat(loaded.version()).isEqualTo(1);
    }

    @Test
    void staleUpdateIsRefused() {
        Shipment shipment = Shipment.create(ShipmentId.random(), uniqueOrder(), new CustomerId("alice"), LINES, T0);
        shipments.add(shipment);
        Shipment first = shipments.byOrder(shipment.orderId()).orElseThrow();
        Shipment second = shipments.byOrder(shipment.orderId()).orElseThrow();
        first.cancel();
        shipments.update(first);
        second.cancel();

        assertThatExceptionOfType(OptimisticLockingFailureException.class).isThrownBy(() -> shipments.update(second));
    }

    @Test
    void anOrderHasOneShipment() {
        OrderId order = uniqueOrder();
        shipments.add(Shipment.create(ShipmentId.random(), order, new CustomerId("alice"), LINES, T0));

        assertThatExceptionOfType(DuplicateKeyException.class).isThrownBy(
                () -> shipments.add(Shipment.create(ShipmentId.random(), order, new CustomerId("alice"), LINES, T0)));
    }

    @Test
    void cancelledOrderIsRememberedOnce() {
        OrderId order = uniqueOrder();
        assertThat(cancelledOrders.contains(order)).isFalse();

        cancelledOrders.add(order, "saga timed out", T0);
        cancelledOrders.add(order, "again", T0);

        assertThat(cancelledOrders.contains(order)).isTrue();
    }

    @Test
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    void orderLockMakesASecondTransactionWaitUntilTheFirstEnds() throws Exception {
        LockCheck.assertSecondTransactionWaits(work -> transactions.executeWithoutResult(status -> work.run()),
                shipments::lockOrder, uniqueOrder(), uniqueOrder());
    }

    private static OrderId uniqueOrder() {
        return new OrderId(UUID.randomUUID().toString());
    }
}
