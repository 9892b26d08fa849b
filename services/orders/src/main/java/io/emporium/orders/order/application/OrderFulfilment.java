package io.emporium.orders.order.application;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.emporium.orders.order.model.Money;
import io.emporium.orders.order.model.Order;
import io.emporium.orders.order.model.OrderEvent;
import io.emporium.orders.order.model.OrderEvents;
import io.emporium.orders.order.model.OrderId;
import io.emporium.orders.order.model.OrderLine;
import io.emporium.platform.saga.Command;
import io.emporium.platform.saga.ReplyVerdict;
import io.emporium.platform.saga.SagaDefinition;
import io.emporium.platform.saga.SagaDefinition.Transition;
import io.emporium.platform.saga.SagaInstance;
import io.emporium.platform.saga.Sagas;
import io.emporium.platform.transaction.Transactions;

/**
 * The orders service's use cases: place an order (idempotently), and drive its fulfilment saga on every participant
 * reply and every passed deadline. Each call is one database transaction that appends the order's new events,
 * stores the saga's next state and writes the outgoing messages to the outbox together, so a crash at any point
 * either did all of it or none, and the saga resumes from what was stored. Deadlines are handled saga by saga
 * ({@link #expire}), so that one saga that cannot be handled can be set aside ({@link #quarantine}) without holding
 * up the others.
 */
public final class OrderFulfilment {

    /** The outcome of a placement: the order, and whether it was placed earlier with the same idempotency key. */
    public record Placement(Order order, boolean replayed) {
    }

    private final OrderEvents orders;
    private final Sagas sagas;
    private final IdempotencyKeys idempotencyKeys;
    private final Prices prices;
    private final Outgoing outgoing;
    private final Transactions transactions;
    private final SagaDefinition<Order> saga;
    private final Clock clock;

    public OrderFulfilment(OrderEvents orders, Sagas sagas, IdempotencyKeys idempotencyKeys, Prices prices,
            Outgoing outgoing, Transactions transactions, Duration stepTimeout, Clock clock) {
        this.orders = orders;
        this.sagas = sagas;
        this.idempotencyKeys = idempotencyKeys;
        this.prices = prices;
        this.outgoing = outgoing;
        this.transactions = transactions;
        this.saga = PlaceOrderSaga.definition(stepTimeout);
        this.clock = clock;
    }

    /** The saga's name and the names of its retriable steps, e.g. for the metrics of their retries. */
    public Map<String, List<String>> retriableSteps() {
        return Map.of(saga.name(), saga.retriableSteps());
    }

    /** The message types the saga receives (replies and acknowledgements of compensations), by type name. */
    public Map<String, Class<?>> replyTypes() {
        return saga.replyTypes();
    }

    /**
     * Places the order and starts its saga, or, for a key already used with the same request, returns that order.
     *
     * @throws IdempotencyKeyReused for a key already used with a different request
     * @throws OrderPlacementRejected for unknown skus or a request that cannot form an order
     * @throws Prices.CatalogUnavailable when prices cannot be obtained
     */
    public Placement place(PlaceOrderCommand command) {
        Optional<Placement> earlier = transactions.inTransaction(() -> replayOf(command,
                idempotencyKeys.find(command.customerId(), command.idempotencyKey())));
        if (earlier.isPresent()) {
            return earlier.get();
        }
        List<OrderLine> lines = priced(command.items());
        return transactions.inTransaction(() -> {
            OrderId id = OrderId.random();
            Optional<Placement> concurrent = replayOf(command, idempotencyKeys.claim(command.customerId(),
                    command.idempotencyKey(), new IdempotencyKeys.Use(command.fingerprint(), id)));
            if (concurrent.isPresent()) {
                return concurrent.get();
            }
            Order order;
            try {
                order = Order.place(id, command.customerId(), lines, clock.instant());
            }
            catch (IllegalArgumentException ex) {
                throw new OrderPlacementRejected(ex.getMessage());
            }
            Transition started = saga.start(id.toString(), order, clock.instant());
            sagas.insert(started.instance());
            commit(order, started.commands());
            return new Placement(order, false);
        });
    }

    /**
     * Offers a participant's reply to the order's saga, which applies it only if it waits for exactly that reply
     * ({@link SagaDefinition#judge}): the order's new events, the saga's next state and the next commands are stored
     * together. Anything else changes nothing.
     *
     * @return {@link ReplyVerdict.Apply} when applied; {@link ReplyVerdict.Ignore} for a reply the saga knows and
     *     needs nothing from (an acknowledgement, a repeated answer); {@link ReplyVerdict.Refuse}, with the reason,
     *     for a reply the saga cannot take (no saga for the order, not the reply it waits for, too late)
     */
    public ReplyVerdict onReply(OrderId id, Object reply) {
        return transactions.inTransaction(() -> {
            Optional<SagaInstance> instance = sagas.lock(id.toString());
            ReplyVerdict verdict = saga.judge(instance.orElse(null), reply);
            if (verdict instanceof ReplyVerdict.Apply) {
                advance(instance.orElseThrow(), (order, now) -> saga.onReply(instance.get(), order, reply, now));
            }
            return verdict;
        });
    }

    /**
     * Ids of the running sagas whose deadline passed, oldest deadline first, at most {@code limit}; quarantined ones
     * are left out.
     */
    public List<String> overdue(int limit) {
        return transactions.inTransaction(() -> sagas.expired(clock.instant(), limit));
    }

    /**
     * Handles one saga whose deadline passed, in one transaction: a retriable step's command(s) are sent again, any
     * other step fails and is compensated ({@link SagaDefinition#onDeadline}); a saga that moved on meanwhile is left
     * alone.
     *
     * @throws RuntimeException when the saga or its order cannot be loaded or advanced, or the store is unavailable;
     *     nothing is changed then
     */
    public Expiry expire(String sagaId) {
        return transactions.inTransaction(() -> {
            Optional<SagaInstance> locked = sagas.lock(sagaId);
            if (locked.isEmpty()) {
                return new Expiry(sagaId, saga.name(), "", Expiry.Outcome.NOTHING, 0);
            }
            SagaInstance instance = locked.get();
            Transition transition = advance(instance, (order, now) -> saga.onDeadline(instance, order, now));
            SagaInstance next = transition.instance();
            Expiry.Outcome outcome = !transition.changed() ? Expiry.Outcome.NOTHING
                    : next.isRunning() ? Expiry.Outcome.RETRIED : Expiry.Outcome.COMPENSATED;
            return new Expiry(sagaId, saga.name(), saga.stepName(instance), outcome, next.retries());
        });
    }

    /**
     * Sets a saga aside that cannot be handled ({@code reason}: why, in one line): its deadline is no longer checked,
     * so it stops nothing behind it, and it is listed as quarantined until an operator releases it. Its state is
     * kept as it was.
     */
    public void quarantine(String sagaId, String reason) {
        transactions.inTransaction(() -> {
            sagas.quarantine(sagaId, reason, clock.instant());
            return null;
        });
    }

    /** The order as its event stream says, whatever the read model has caught up with. */
    public Optional<Order> order(OrderId id) {
        return orders.load(id);
    }

    private interface Step {
        Transition apply(Order order, Instant now);
    }

    private Transition advance(SagaInstance instance, Step step) {
        Order order = orders.load(OrderId.parse(instance.id())).orElseThrow(() ->
                new IllegalStateException("saga " + instance.id() + " has no order stream"));
        Transition transition = step.apply(order, clock.instant());
        if (transition.changed()) {
            sagas.update(transition.instance());
            commit(order, transition.commands());
        }
        return transition;
    }

    /** Appends the order's new events and sends the saga's commands and the public events, in one transaction. */
    private void commit(Order order, List<Command> commands) {
        List<OrderEvent> events = order.uncommittedEvents();
        orders.append(order);
        List<Command> messages = new ArrayList<>(commands);
        messages.addAll(PublicOrderEvents.of(order, events));
        messages.forEach(message -> outgoing.send(order.id(), order.customerId(), message));
    }

    private Optional<Placement> replayOf(PlaceOrderCommand command, Optional<IdempotencyKeys.Use> use) {
        return use.map(earlier -> {
            if (!earlier.fingerprint().equals(command.fingerprint())) {
                throw new IdempotencyKeyReused(command.idempotencyKey());
            }
            Order order = orders.load(earlier.orderId()).orElseThrow(() ->
                    new IllegalStateException("idempotency key points at missing order " + earlier.orderId()));
            return new Placement(order, true);
        });
    }

    private List<OrderLine> priced(List<PlaceOrderCommand.Item> items) {
        Set<String> skus = items.stream().map(PlaceOrderCommand.Item::sku).collect(Collectors.toSet());
        Map<String, Money> known = prices.of(skus);
        List<String> unknown = items.stream().map(PlaceOrderCommand.Item::sku).filter(sku -> !known.containsKey(sku))
                .toList();
        if (!unknown.isEmpty()) {
            throw new OrderPlacementRejected("unknown sku(s): " + String.join(", ", unknown));
        }
        try {
            return items.stream().map(item -> new OrderLine(item.sku(), item.quantity(), known.get(item.sku())))
                    .toList();
        }
        catch (IllegalArgumentException ex) {
            throw new OrderPlacementRejected(ex.getMessage());
        }
    }
}
