package io.emporium.tangled.order.web;

import io.emporium.tangled.order.persistence.JdbcOrders;
import org.apache.kafka.clients.producer.ProducerRecord;

/** A web adapter that reaches into persistence and speaks Kafka. */
final class OrderController {

    ProducerRecord<String, String> post(String id) {
        return new ProducerRecord<>("orders", new JdbcOrders().find(id));
    }
}
