package io.emporium.orders.order.persistence;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.emporium.orders.order.model.CustomerId;
import io.emporium.orders.order.model.Money;
import io.emporium.orders.order.model.OrderEvent;
import io.emporium.orders.order.model.OrderEvent.OrderCancelled;
import io.emporium.orders.order.model.OrderEvent.OrderConfirmed;
import io.emporium.orders.order.model.OrderEvent.OrderPlaced;
import io.emporium.orders.order.model.OrderEvent.PaymentAuthorized;
import io.emporium.orders.order.model.OrderEvent.PaymentCaptured;
import io.emporium.orders.order.model.OrderEvent.ShipmentScheduled;
import io.emporium.orders.order.model.OrderEvent.StockReserved;
import io.emporium.orders.order.model.OrderId;
import io.emporium.orders.order.model.OrderLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The stored form of order events: a type name and a flat JSON payload, written out field by field so the schema of
 * the event store is explicit here and does not change when a domain class is refactored. Type names and fields are
 * a contract with every event ever stored: add fields, never rename or remove them.
 */
final class OrderEventCodec {

    private final JsonMapper json;

    OrderEventCodec(JsonMapper json) {
        this.json = json;
    }

    static String typeOf(OrderEvent event) {
        return event.getClass().getSimpleName();
    }

    String payloadOf(OrderEvent event) {
        ObjectNode node = json.createObjectNode();
        node.put("at", event.at().toString());
        switch (event) {
            case OrderPlaced placed -> {
                node.put("customerId", placed.customerId().value());
                node.put("total", placed.total().amount());
                node.put("currency", placed.total().currency());
                ArrayNode lines = node.putArray("lines");
                placed.lines().forEach(line -> lines.addObject().put("sku", line.sku())
                        .put("quantity", line.quantity()).put("unitPrice", line.unitPrice().amount()));
            }
            case PaymentAuthorized authorized -> node.put("paymentId", authorized.paymentId());
            case ShipmentScheduled scheduled -> node.put("shipmentId", scheduled.shipmentId());
            case PaymentCaptured captured -> node.put("paymentId", captured.paymentId());
            case OrderCancelled cancelled -> node.put("reason", cancelled.reason());
            case StockReserved ignored -> { }
            case OrderConfirmed ignored -> { }
        }
        return json.writeValueAsString(node);
    }

    OrderEvent eventOf(OrderId orderId, String type, String payload) {
        JsonNode node = json.readTree(payload);
        Instant at = Instant.parse(node.get("at").asString());
        return switch (type) {
            case "OrderPlaced" -> {
                String currency = node.get("currency").asString();
                List<OrderLine> lines = new ArrayList<>();
                node.get("lines").forEach(line -> lines.add(new OrderLine(line.get("sku").asString(),
                        line.get("quantity").asInt(), new Money(new BigDecimal(line.get("unitPrice").asString()), currency))));
                yield new OrderPlaced(orderId, new CustomerId(node.get("customerId").asString()), lines,
                        new Money(new BigDecimal(node.get("total").asString()), currency), at);
            }
            case "StockReserved" -> new StockReserved(orderId, at);
            case "PaymentAuthorized" -> new PaymentAuthorized(orderId, node.get("paymentId").asString(), at);
            case "ShipmentScheduled" -> new ShipmentScheduled(orderId, node.get("shipmentId").asString(), at);
            case "PaymentCaptured" -> new PaymentCaptured(orderId, node.get("paymentId").asString(), at);
            case "OrderConfirmed" -> new OrderConfirmed(orderId, at);
            case "OrderCancelled" -> new OrderCancelled(orderId, node.get("reason").asString(), at);
            default -> throw new IllegalStateException("unknown order event type in the store: " + type);
        };
    }
}
