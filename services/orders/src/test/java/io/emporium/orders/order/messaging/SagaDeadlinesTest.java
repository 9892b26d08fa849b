package io.emporium.orders.order.messaging;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import io.emporium.orders.order.application.IdempotencyKeys;
import io.emporium.orders.order.application.OrderFulfilment;
import io.emporium.orders.order.application.PlaceOrderCommand;
import io.emporium.platform.transaction.Transactions;
import io.emporium.orders.order.model.CustomerId;
import io.emporium.orders.order.model.Money;
import io.emporium.orders.order.model.Order;
import io.emporium.orders.order.model.OrderEvent;
import io.emporium.orders.order.model.OrderEvents;
import io.emporium.orders.order.model.OrderId;
import io.emporium.orders.order.model.OrderStatus;
import io.emporium.platform.saga.SagaInstance;
import io.emporium.platform.saga.SagaStatus;
import io.emporium.platform.saga.Sagas;
import io.emporium.platform.test.time.TestClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * How one round of deadlines treats each saga's failure, on the real use case over stores in memory: a saga that
 * cannot be handled is quarantined and the others go on; an unavailable database ends the round and quarantines
 * nothing; an Error propagates and quarantines nothing.
 */
class SagaDeadlinesTest {

    static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);

    final TestClock clock = TestClock.at("2026-11-26T10:00:00Z");
    final MemorySagas sagas = new MemorySagas();
    final MemoryOrderEvents orders = new MemoryOrderEvents();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final OrderFulfilment fulfilment = new OrderFulfilment(orders, sagas, new MemoryIdempotencyKeys(),
            skus -> Map.of("SKU-000001", new Money(new BigDecimal("10.00"), "EUR")), (order, customer, message) -> { },
            new DirectTransactions(), STEP_TIMEOUT, clock);
    final SagaDeadlines deadlines = new SagaDeadlines(fulfilment, meters);

    List<String> overdue;

    @BeforeEach
    void threeOverdueSagas() {
        overdue = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            overdue.add(fulfilment.place(new PlaceOrderCommand(UUID.randomUUID().toString(), new CustomerId("alice"),
                    List.of(new PlaceOrderCommand.Item("SKU-000001", 1)))).order().id().toString());
            clock.advance(Duration.ofSeconds(1));
        }
        clock.advance(STEP_TIMEOUT);
    }

    @Test
    void aSagaThatCannotBeLoadedIsQuarantinedAndTheOnesBehindItAreCompensated() {
        orders.unreadable(overdue.getFirst(), new DateTimeParseException("garbled", "garbled", 0));

        deadlines.expireOverdue();

        assertThat(sagas.quarantined).containsOnlyKeys(overdue.getFirst());
        assertThat(sagas.quarantined.get(overdue.getFirst())).contains("DateTimeParseException", "garbled");
        assertThat(sagas.stored(overdue.getFirst()).status()).isEqualTo(SagaStatus.RUNNING);
        for (String behind : overdue.subList(1, 3)) {
            assertThat(sagas.stored(behind).status()).isEqualTo(SagaStatus.COMPENSATED);
            assertThat(status(behind)).isEqualTo(OrderStatus.CANCELLED);
        }
        // later rounds leave it out
        assertThat(sagas.expired(clock.instant(), 100)).isEmpty();
    }

    @Test
    void anUnavailableDatabaseEndsTheRoundAndQuarantinesNothing() {
        sagas.failOnLock(overdue.get(1), new CannotGetJdbcConnectionException("pool exhausted",
                new SQLTransientConnectionException("Connection is not available, request timed out")));

        deadlines.expireOverdue();

        assertThat(sagas.quarantined).isEmpty();
        assertThat(sagas.stored(overdue.get(0)).status()).isEqualTo(SagaStatus.COMPENSATED);
        assertThat(sagas.stored(overdue.get(1)).status()).isEqualTo(SagaStatus.RUNNING);
        assertThat(sagas.stored(overdue.get(2)).status()).as("behind the outage: next round").isEqualTo(SagaStatus.RUNNING);

        sagas.failOnLock(overdue.get(1), null);
        deadlines.expireOverdue();

        assertThat(overdue).allSatisfy(id -> assertThat(sagas.stored(id).status()).isEqualTo(SagaStatus.COMPENSATED));
    }

    @Test
    void anErrorPropagatesAndQuarantinesNothing() {
        sagas.failOnLock(overdue.getFirst(), new OutOfMemoryError("Java heap space"));

        assertThatExceptionOfType(OutOfMemoryError.class).isThrownBy(deadlines::expireOverdue);

        assertThat(sagas.quarantined).isEmpty();
        assertThat(overdue).allSatisfy(id -> assertThat(sagas.stored(id).status()).isEqualTo(SagaStatus.RUNNING));
    }

    @Test
    void anyOtherFailureOfTheRoundItselfPropagates() {
        sagas.failOnExpired = new IllegalStateException("bad query");

        assertThatThrownBy(deadlines::expireOverdue).hasMessage("bad query");
    }

    @Test
    void theRetriesOfEachRetriableStepAreCountedFromZero() {
        assertThat(meters.get("emporium.saga.step.retried").tag("definition", "place-order").tag("step", "commit stock")
                .counter().count()).isZero();
    }

    @Test
    void failuresThatSayNothingAboutTheSagaAreTransient() {
        assertThat(SagaDeadlines.isTransient(new CannotGetJdbcConnectionException("no connection"))).isTrue();
        assertThat(SagaDeadlines.isTransient(new QueryTimeoutException("too slow"))).isTrue();
        assertThat(SagaDeadlines.isTransient(new OptimisticLockingFailureException("lost a race"))).isTrue();
        assertThat(SagaDeadlines.isTransient(new OrderEvents.ConcurrentOrderChange(OrderId.random(), 3))).isTrue();
        assertThat(SagaDeadlines.isTransient(new UncategorizedSQLException("select", "select",
                new SQLException("An I/O error occurred while sending to the backend", "08006")))).isTrue();
        assertThat(SagaDeadlines.isTransient(new IllegalStateException("wrapped",
                new SQLTransientConnectionException("timed out")))).isTrue();

        assertThat(SagaDeadlines.isTransient(new IllegalStateException("saga x has no order stream"))).isFalse();
        assertThat(SagaDeadlines.isTransient(new DateTimeParseException("garbled", "garbled", 0))).isFalse();
        assertThat(SagaDeadlines.isTransient(new DataIntegrityViolationException("duplicate"))).isFalse();
    }

    @Test
    void aFailureIsToldOnOneLineWithItsCauses() {
        String line = SagaDeadlines.oneLine(new IllegalStateException("cannot load\norder x",
                new DateTimeParseException("Text 'garbled' could not be parsed", "garbled", 0)));

        assertThat(line).isEqualTo("java.lang.IllegalStateException: cannot load order x; caused by "
                + "java.time.format.DateTimeParseException: Text 'garbled' could not be parsed");
    }

    private OrderStatus status(String id) {
        return Order.rebuild(orders.stream(OrderId.parse(id))).status();
    }

    /** Saga instances in memory; a lock can be made to fail for one saga. */
    static final class MemorySagas implements Sagas {

        final Map<String, SagaInstance> instances = new LinkedHashMap<>();
        final Map<String, String> quarantined = new LinkedHashMap<>();
        final Map<String, Throwable> lockFailures = new HashMap<>();
        RuntimeException failOnExpired;

        void failOnLock(String id, Throwable failure) {
            if (failure == null) {
                lockFailures.remove(id);
            }
            else {
                lockFailures.put(id, failure);
            }
        }

        SagaInstance stored(String id) {
            return instances.get(id);
        }

        @Override
        public void insert(SagaInstance instance) {
            instances.put(instance.id(), withVersion(instance, 1));
        }

        @Override
        public Optional<SagaInstance> lock(String id) {
            Throwable failure = lockFailures.get(id);
            if (failure instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (failure instanceof Error error) {
                throw error;
            }
            return Optional.ofNullable(instances.get(id));
        }

        @Override
        public void update(SagaInstance instance) {
            if (instances.get(instance.id()).version() != instance.version()) {
                throw new OptimisticLockingFailureException("saga " + instance.id() + " changed concurrently");
            }
            instances.put(instance.id(), withVersion(instance, instance.version() + 1));
        }

        @Override
        public List<String> expired(Instant now, int limit) {
            if (failOnExpired != null) {
                throw failOnExpired;
            }
            return instances.values().stream()
                    .filter(i -> i.isRunning() && i.deadline() != null && i.deadline().isBefore(now))
                    .filter(i -> !quarantined.containsKey(i.id()))
                    .sorted(Comparator.comparing(SagaInstance::deadline)).limit(limit).map(SagaInstance::id).toList();
        }

        @Override
        public void quarantine(String id, String reason, Instant at) {
            quarantined.putIfAbsent(id, reason);
        }

        private static SagaInstance withVersion(SagaInstance i, long version) {
            return new SagaInstance(i.id(), i.definition(), i.step(), i.status(), i.deadline(), i.failure(),
                    i.retries(), version);
        }
    }

    /** Order streams in memory; a stream can be made unreadable. */
    static final class MemoryOrderEvents implements OrderEvents {

        final Map<OrderId, List<OrderEvent>> streams = new HashMap<>();
        final Map<OrderId, RuntimeException> unreadable = new HashMap<>();

        void unreadable(String id, RuntimeException failure) {
            unreadable.put(OrderId.parse(id), failure);
        }

        @Override
        public List<OrderEvent> stream(OrderId id) {
            if (unreadable.containsKey(id)) {
                throw unreadable.get(id);
            }
            return List.copyOf(streams.getOrDefault(id, List.of()));
        }

        @Override
        public void append(Order order) {
            streams.computeIfAbsent(order.id(), id -> new ArrayList<>()).addAll(order.uncommittedEvents());
        }
    }

    static final class DirectTransactions implements Transactions {

        @Override
        public <T> T inTransaction(Supplier<T> work) {
            return work.get();
        }
    }

    static final class MemoryIdempotencyKeys implements IdempotencyKeys {

        final Set<String> used = new HashSet<>();

        @Override
        public Optional<Use> find(CustomerId customer, String key) {
            return Optional.empty();
        }

        @Override
        public Optional<Use> claim(CustomerId customer, String key, Use use) {
            used.add(customer.value() + "|" + key);
            return Optional.empty();
        }
    }
}
