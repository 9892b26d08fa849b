package io.emporium.platform.messaging.handler;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

import io.emporium.platform.messaging.InvalidMessageException;
import io.emporium.platform.saga.MessageTypes;
import org.jspecify.annotations.Nullable;

/**
 * A consumer declared as a table: which message type, converted how, goes to which use case. A service declares one
 * bean per consumer, and the platform runs it:
 *
 * <pre>{@code
 * @Bean
 * MessageHandlers paymentCommands(Cashier cashier) {
 *     return MessageHandlers.consumer("payments").topics(PaymentMessages.COMMANDS)
 *         .on(AuthorizePayment.class, c -> new AuthorizePaymentCommand(...), cashier::authorize)
 *         .on(CapturePayment.class, c -> new OrderId(c.orderId()), cashier::capture)
 *         .build();
 * }
 * }</pre>
 *
 * <h2>The contract, per record</h2>
 * The platform registers one Kafka listener container per table, through Spring Kafka's endpoint registry and the
 * service's {@code kafkaListenerContainerFactory} (so its error handler, dead-letter topics, trace continuation and
 * backpressure apply), with the consumer name as consumer group. For each record it:
 * <ol>
 * <li>reads the type ({@code ce_type}) once; a type the table does not name is skipped (DEBUG log) and the record
 * counts as consumed;</li>
 * <li>reads the message into the type's data class and converts it, outside any transaction; a record that is not a
 * valid envelope, data that does not map, or a conversion that throws {@link IllegalArgumentException} or
 * {@link NullPointerException} make an {@link InvalidMessageException};</li>
 * <li>runs, in one transaction of its own, the {@link io.emporium.platform.messaging.Inbox} check for (consumer name,
 * message id) and the effect: the use case's changes, its outbox rows and the inbox row commit together or not at
 * all. A message id processed before runs nothing (the inbox logs it at INFO and counts it in
 * {@code emporium.inbox.duplicates}). Use cases that open their own transaction join this one.</li>
 * </ol>
 * An {@link InvalidMessageException}, and any exception of a class named in {@link Builder#deadLetterOn} (wrapped into
 * one, with the reason), sends the record to {@code <topic>.DLT} at once. Any other exception, and any {@link Error}
 * (wrapped into an {@link IllegalStateException}, so that it reaches the error handler instead of stopping the
 * container), rolls the transaction back and is retried by the error handler, then dead-lettered; it never counts as
 * handled.
 *
 * <p>Immutable and thread-safe once built.
 */
public final class MessageHandlers {

    private final String consumer;
    private final List<String> topics;
    private final Map<String, Route<?>> routes;
    private final List<Class<? extends RuntimeException>> deadLetterOn;

    private MessageHandlers(Builder builder) {
        this.consumer = builder.consumer;
        this.topics = List.copyOf(builder.topics);
        this.routes = Map.copyOf(builder.routes);
        this.deadLetterOn = List.copyOf(builder.deadLetterOn);
    }

    /**
     * Starts a table.
     *
     * @param name the consumer's stable name: its consumer group and its inbox consumer name (renaming it makes
     *     every retained message look new)
     */
    public static Builder consumer(String name) {
        return new Builder(name);
    }

    /** The consumer name: consumer group and inbox consumer. */
    public String consumer() {
        return consumer;
    }

    /** The topics the consumer reads. */
    public List<String> topics() {
        return topics;
    }

    /** The message types the table handles. */
    public Set<String> types() {
        return routes.keySet();
    }

    @Nullable Route<?> route(String type) {
        return routes.get(type);
    }

    /** Whether {@code failure} is of a class the table dead-letters at once. */
    boolean deadLetters(Throwable failure) {
        return deadLetterOn.stream().anyMatch(type -> type.isInstance(failure));
    }

    @Override
    public String toString() {
        return "MessageHandlers[" + consumer + " on " + topics + ": " + routes.keySet() + "]";
    }

    /** One message type: the class its data is read into, and its handler. */
    record Route<T>(Class<T> dataType, MessageHandler<T> handler) {
    }

    /** Builds a {@link MessageHandlers} table; not thread-safe. */
    public static final class Builder {

        private final String consumer;
        private final Set<String> topics = new LinkedHashSet<>();
        private final Map<String, Route<?>> routes = new LinkedHashMap<>();
        private final List<Class<? extends RuntimeException>> deadLetterOn = new ArrayList<>();

        private Builder(String consumer) {
            if (consumer == null || consumer.isBlank()) {
                throw new IllegalArgumentException("a consumer needs a name");
            }
            this.consumer = consumer;
        }

        /** Adds topics to read. */
        public Builder topics(String... names) {
            for (String name : names) {
                if (name == null || name.isBlank()) {
                    throw new IllegalArgumentException(consumer + ": a topic name must not be blank");
                }
                topics.add(name);
            }
            return this;
        }

        /**
         * Handles messages of {@code dataType} (its type name is its {@code public static final String TYPE}):
         * {@code conversion} turns the data into the use case's input outside the transaction (it rejects malformed
         * data with {@link IllegalArgumentException} or {@link NullPointerException}), and {@code useCase} runs in
         * the transaction.
         */
        public <T, C> Builder on(Class<T> dataType, Function<? super T, ? extends C> conversion,
                Consumer<? super C> useCase) {
            return on(dataType, message -> {
                C input = message.convert(conversion);
                return () -> useCase.accept(input);
            });
        }

        /** Handles messages of {@code dataType}, named by its {@code public static final String TYPE}. */
        public <T> Builder on(Class<T> dataType, MessageHandler<T> handler) {
            String type;
            try {
                type = MessageTypes.typeOf(dataType);
            }
            catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException(ex.getMessage()
                        + ": name the message type explicitly, on(type, dataType, handler)", ex);
            }
            return on(type, dataType, handler);
        }

        /** Handles messages of type {@code type}, read into {@code dataType}. */
        public <T> Builder on(String type, Class<T> dataType, MessageHandler<T> handler) {
            if (type == null || type.isBlank()) {
                throw new IllegalArgumentException(consumer + ": a message type must not be blank");
            }
            if (routes.putIfAbsent(type, new Route<>(dataType, handler)) != null) {
                throw new IllegalArgumentException(consumer + " handles " + type + " twice");
            }
            return this;
        }

        /**
         * Exceptions the use cases throw for a message that can never succeed (it contradicts what happened): the
         * record goes to the dead-letter topic at once, with the exception's message as the reason, instead of being
         * retried. Matched by class ({@code instanceof}), wherever the handler throws it.
         */
        @SafeVarargs
        public final Builder deadLetterOn(Class<? extends RuntimeException>... exceptions) {
            deadLetterOn.addAll(List.of(exceptions));
            return this;
        }

        /** @throws IllegalStateException without topics or handlers */
        public MessageHandlers build() {
            if (topics.isEmpty() || routes.isEmpty()) {
                throw new IllegalStateException(consumer + " needs at least one topic and one message type");
            }
            return new MessageHandlers(this);
        }
    }
}
