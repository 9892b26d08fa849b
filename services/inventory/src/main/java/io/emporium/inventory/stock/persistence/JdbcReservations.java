package io.emporium.inventory.stock.persistence;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import io.emporium.inventory.stock.model.Line;
import io.emporium.inventory.stock.model.OrderId;
import io.emporium.inventory.stock.model.Reservation;
import io.emporium.inventory.stock.model.ReservationStatus;
import io.emporium.inventory.stock.model.Reservations;
import io.emporium.inventory.stock.model.Sku;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.IncorrectUpdateSemanticsDataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reservations in the inventory's PostgreSQL database: a {@code reservation} row per order (the primary key makes
 * a second reservation for the same order fail) and its {@code reservation_line}s, which never change once placed.
 */
@Repository
class JdbcReservations implements Reservations {

    private static final String COLUMNS = "select order_id, status, reason, unavailable_skus from reservation";

    private final JdbcClient jdbc;

    JdbcReservations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Reservation> byOrderId(OrderId orderId) {
        return find(COLUMNS + " where order_id = ?", orderId);
    }

    @Override
    public Optional<Reservation> lock(OrderId orderId) {
        return find(COLUMNS + " where order_id = ? for update", orderId);
    }

    @Override
    public void add(Reservation reservation) {
        jdbc.sql("insert into reservation (order_id, status, reason, unavailable_skus) values (?, ?, ?, ?)")
                .params(reservation.orderId().value(), reservation.status().name(), reservation.reason(),
                        reservation.unavailableSkus().toArray(String[]::new))
                .update();
        for (Line line : reservation.lines()) {
            jdbc.sql("insert into reservation_line (order_id, sku, quantity) values (?, ?, ?)")
                    .params(reservation.orderId().value(), line.sku().value(), line.quantity()).update();
        }
    }

    @Override
    public void update(Reservation reservation) {
        int updated = jdbc.sql("""
                update reservation set status = ?, reason = ?, unavailable_skus = ?, updated_at = now()
                where order_id = ?""")
                .params(reservation.status().name(), reservation.reason(),
                        reservation.unavailableSkus().toArray(String[]::new), reservation.orderId().value())
                .update();
        if (updated != 1) {
            throw new IncorrectUpdateSemanticsDataAccessException("No reservation of order " + reservation.orderId());
        }
    }

    private Optional<Reservation> find(String sql, OrderId orderId) {
        return jdbc.sql(sql).param(orderId.value()).query((rs, row) -> header(rs)).optional()
                .map(header -> header.withLines(lines(orderId)));
    }

    private List<Line> lines(OrderId orderId) {
        return jdbc.sql("select sku, quantity from reservation_line where order_id = ? order by sku")
                .param(orderId.value())
                .query((rs, row) -> new Line(new Sku(rs.getString("sku")), rs.getLong("quantity"))).list();
    }

    private static Header header(ResultSet rs) throws SQLException {
        Array unavailable = rs.getArray("unavailable_skus");
        return new Header(new OrderId(rs.getString("order_id")), ReservationStatus.valueOf(rs.getString("status")),
                rs.getString("reason"), List.of((String[]) unavailable.getArray()));
    }

    /** A reservation row, before its lines are read. */
    private record Header(OrderId orderId, ReservationStatus status, @Nullable String reason,
            List<String> unavailableSkus) {

        Reservation withLines(List<Line> lines) {
            return new Reservation(orderId, status, lines, reason, unavailableSkus);
        }
    }
}
