package io.emporium.shipping.shipment.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.emporium.shipping.shipment.model.CustomerId;
import io.emporium.shipping.shipment.model.OrderId;
import io.emporium.shipping.shipment.model.Shipment;
import io.emporium.shipping.shipment.model.ShipmentId;
import io.emporium.shipping.shipment.model.ShipmentLine;
import io.emporium.shipping.shipment.model.ShipmentStatus;
import io.emporium.shipping.shipment.model.Shipments;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Shipments in PostgreSQL: a {@code shipment} row with its lines in {@code shipment_line}. The order lock is a
 * transaction-scoped advisory lock on the order id's hash (a hash collision only serializes two orders needlessly);
 * updates are also checked against the version they were loaded with.
 */
@Repository
class JdbcShipments implements Shipments {

    private final JdbcClient jdbc;

    JdbcShipments(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void lockOrder(OrderId orderId) {
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended(?, 0))").param(orderId.value())
                .query((rs, row) -> row).single();
    }

    @Override
    public Optional<Shipment> byOrder(OrderId orderId) {
        return jdbc.sql("""
                select shipment_id, order_id, customer_id, status, rejection_reason, version, created_at
                from shipment where order_id = ?""")
                .param(orderId.value()).query(ShipmentRow::of).optional()
                .map(row -> row.toShipment(lines(row.id())));
    }

    @Override
    public void add(Shipment shipment) {
        jdbc.sql("""
                insert into shipment (shipment_id, order_id, customer_id, status, rejection_reason, version, created_at)
                values (:id, :orderId, :customerId, :status, :rejectionReason, 0, :createdAt)""")
                .param("id", shipment.id().value())
                .param("orderId", shipment.orderId().value())
                .param("customerId", shipment.customerId().value())
                .param("status", shipment.status().name())
                .param("rejectionReason", shipment.rejectionReason())
                .param("createdAt", timestamp(shipment.createdAt()))
                .update();
        List<ShipmentLine> lines = shipment.lines();
        for (int index = 0; index < lines.size(); index++) {
            jdbc.sql("insert into shipment_line (shipment_id, line_no, sku, quantity) values (?, ?, ?, ?)")
                    .params(shipment.id().value(), index, lines.get(index).sku(), lines.get(index).quantity())
                    .update();
        }
    }

    @Override
    public void update(Shipment shipment) {
        int updated = jdbc.sql("""
                update shipment set status = :status, version = version + 1
                where shipment_id = :id and version = :version""")
                .param("status", shipment.status().name())
                .param("id", shipment.id().value())
                .param("version", shipment.version())
                .update();
        if (updated != 1) {
            throw new OptimisticLockingFailureException("Shipment " + shipment.id()
                    + " was changed concurrently (expected version " + shipment.version() + ")");
        }
    }

    private List<ShipmentLine> lines(UUID shipmentId) {
        return jdbc.sql("select sku, quantity from shipment_line where shipment_id = ? order by line_no")
                .param(shipmentId)
                .query((rs, row) -> new ShipmentLine(rs.getString("sku"), rs.getInt("quantity")))
                .list();
    }

    private static OffsetDateTime timestamp(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }

    private record ShipmentRow(UUID id, String orderId, String customerId, ShipmentStatus status,
            @Nullable String rejectionReason, int version, Instant createdAt) {

        static ShipmentRow of(ResultSet rs, int row) throws SQLException {
            return new ShipmentRow(rs.getObject("shipment_id", UUID.class), rs.getString("order_id"),
                    rs.getString("customer_id"), ShipmentStatus.valueOf(rs.getString("status")),
                    rs.getString("rejection_reason"), rs.getInt("version"),
                    rs.getObject("created_at", OffsetDateTime.class).toInstant());
        }

        Shipment toShipment(List<ShipmentLine> lines) {
            return Shipment.restore(new ShipmentId(id), new OrderId(orderId), new CustomerId(customerId), lines,
                    status, rejectionReason, createdAt, version);
        }
    }
}
