package io.emporium.orders.order.messaging;

import io.emporium.orders.order.application.OrderFulfilment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Fails the sagas whose step got no reply in time ({@code orders.saga.step-timeout}), checking every
 * {@code orders.saga.deadline-check-interval} (1 s). Instances share the work: each locks the sagas it handles.
 */
@Component
class SagaDeadlines {

    private static final Logger log = LoggerFactory.getLogger(SagaDeadlines.class);

    private final OrderFulfilment fulfilment;

    SagaDeadlines(OrderFulfilment fulfilment) {
        this.fulfilment = fulfilment;
    }

    @Scheduled(fixedDelayString = "${orders.saga.deadline-check-interval:1s}")
    void expireOverdue() {
        int expired = fulfilment.expireOverdue(100);
        if (expired > 0) {
            log.warn("{} order saga(s) got no reply in time and were compensated", expired);
        }
    }
}
