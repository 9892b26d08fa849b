/**
 * Messaging for Emporium services: events and commands on Kafka in a CloudEvents envelope, published through a
 * transactional outbox and consumed idempotently, with retries and dead-letter topics. Nothing a service commits is
 * ever lost, and messages with the same topic and key arrive in commit order.
 *
 * <h2>When it is on</h2>
 * In every service that has spring-kafka (declare {@code spring-boot-starter-kafka}), Spring JDBC and Flyway
 * ({@code spring-boot-starter-jdbc}, {@code spring-boot-starter-flyway}, {@code flyway-database-postgresql}) and one
 * {@code DataSource}, unless {@code emporium.messaging.enabled=false}. The CloudEvents library comes with the starter.
 *
 * <h2>Using it</h2>
 * <pre>{@code
 * @Bean  // the topics this service publishes or consumes, each with its <topic>.DLT twin
 * KafkaAdmin.NewTopics stockTopics(MessagingTopics topics) {
 *     return topics.withDeadLetterTopics("inventory.stock-reserved", "orders.order-placed");
 * }
 *
 * @Transactional  // publish in the transaction that changes the state
 * void reserve(Reservation reservation) {
 *     reservations.save(reservation);
 *     outbox.publish(new OutgoingMessage("inventory.stock-reserved", reservation.orderId(), "StockReserved",
 *             reservation.orderId(), new StockReserved(reservation.orderId(), reservation.lines()), customerId));
 * }
 *
 * @Bean  // a consumer is a table: type -> conversion -> use case; the platform owns transaction, inbox, dead letters
 * MessageHandlers orderEvents(Warehouse warehouse) {
 *     return MessageHandlers.consumer("inventory").topics("orders.order-placed")
 *         .on(OrderPlaced.class, placed -> new ReserveStockCommand(...), warehouse::reserve)
 *         .build();
 * }
 * }</pre>
 *
 * <h2>The pieces</h2>
 * <ul>
 * <li>{@link io.emporium.platform.messaging.Outbox}: {@code publish} inserts into {@code outbox_message} in the
 * caller's transaction. The relay ({@code outbox.OutboxRelay}) in each instance sends committed rows in id order,
 * one instance per database at a time (PostgreSQL advisory lock), and deletes exactly the rows Kafka acknowledged;
 * while Kafka is down rows wait and are retried with capped exponential backoff. A commit wakes the local relay at
 * once, otherwise it polls every {@code emporium.messaging.relay.poll-interval}. A row Kafka refuses for good, or
 * that keeps failing while others go out ({@code emporium.messaging.relay.quarantine-after}), is quarantined: marked
 * in its table, skipped, listed by {@code /actuator/quarantine}; it never stalls the rows behind it.</li>
 * <li>The envelope ({@link io.emporium.platform.messaging.MessageEnvelope}): CloudEvents 1.0 binary mode, record key
 * = message key, {@code ce_*} headers, JSON value, W3C {@code traceparent}. The relay sends each message with the
 * trace context captured when it was published, so the consumer's span continues the publisher's trace.</li>
 * <li>{@link io.emporium.platform.messaging.MessageReader}: dispatch on the type, then decode the data (Jackson 3);
 * anything malformed is an {@link io.emporium.platform.messaging.InvalidMessageException}.</li>
 * <li>{@link io.emporium.platform.messaging.Inbox}: runs an effect once per (consumer, message id), in the
 * consumer's transaction ({@code inbox_message}).</li>
 * <li>{@link io.emporium.platform.messaging.handler.MessageHandlers}: the consumer as a table; the platform runs one
 * listener container per table and, per record, reads the type once, skips unknown types, reads and converts outside
 * the transaction, and runs inbox and use case in one transaction of its own.</li>
 * <li>Listener error handling: retries with exponential backoff up to
 * {@code emporium.messaging.consumer.max-attempts}, then {@code <topic>.DLT}; an
 * {@code InvalidMessageException} goes there at once. Each dead letter is counted once the dead-letter topic took
 * it.</li>
 * <li>Tables: {@code outbox_message} (with its quarantine columns) and {@code inbox_message}, created by the
 * platform's own Flyway ({@code classpath:db/emporium-platform}, history {@code platform_schema_history}) right after
 * the service's own migrations and before any bean uses them
 * ({@link io.emporium.platform.messaging.schema.PlatformSchema}).</li>
 * </ul>
 *
 * <h2>Metrics</h2>
 * {@code emporium.outbox.backlog} (rows waiting to be sent, quarantined ones excluded),
 * {@code emporium.outbox.oldest.age} (seconds), {@code emporium.outbox.published}, {@code emporium.outbox.failed},
 * {@code emporium.outbox.quarantined} (rows set aside, ever), {@code emporium.outbox.delay} (publish to
 * acknowledgement), {@code emporium.quarantined{kind=outbox}} (rows set aside now),
 * {@code emporium.messaging.dead_lettered} (tags {@code topic}: the dead-letter topic, {@code reason}:
 * {@code invalid} or {@code failed}; 0 from the start for every declared dead-letter topic),
 * {@code emporium.inbox.duplicates} (tag {@code consumer}); plus Spring Kafka's listener and Kafka client
 * metrics.
 *
 * <p>Settings: {@link io.emporium.platform.messaging.MessagingProperties}; Kafka client defaults
 * ({@code spring.kafka.*}) are in {@code emporium-defaults.properties}. Why we wrote the outbox relay and the inbox
 * ourselves: {@code docs/adr/0002-own-outbox-relay-and-inbox.md}.
 */
package io.emporium.platform.messaging;
