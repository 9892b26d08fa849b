package io.emporium.tangled.order.model;

import io.emporium.platform.test.kafka.TestKafka;
import org.springframework.util.Assert;

/** A domain type that uses a framework and a platform type that is not plain Java. */
public record Order(String id) {

    public Order {
        Assert.hasText(id, "id");
    }

    static String broker() {
        return TestKafka.class.getName();
    }
}
