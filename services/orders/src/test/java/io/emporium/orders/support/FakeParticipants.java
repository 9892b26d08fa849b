package io.emporium.orders.support;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import io.emporium.inventory.api.InventoryMessages;
import io.emporium.payments.api.PaymentMessages;
import io.emporium.platform.messaging.IncomingMessage;
import io.emporium.platform.messaging.MessageReader;
import io.emporium.platform.messaging.Outbox;
import io.emporium.platform.messaging.OutgoingMessage;
import io.emporium.shipping.api.ShippingMessages;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Inventory, payments and shipping as the orders service meets them on Kafka: a consumer of their command topics that
 * records every command and answers it (through the orders service's own outbox, so the replies are real envelopes
 * on the real reply topics). The answer to each command is a function of the command, set per test; a test may also
 * send a reply of its own ({@link #send}), which the outbox sends after every answer committed before it.
 */
public final class FakeParticipants implements AutoCloseable {

    /** A command as it arrived: type, key (order id) and the acting customer. */
    public record Received(String type, String orderId, String customerId) {
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final MessageReader reader;
    private final Outbox outbox;
    private final TransactionTemplate transactions;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<Received> answered = new CopyOnWriteArrayList<>();
    private volatile Function<Object, List<Object>> answers = FakeParticipants::happyPath;
    private volatile boolean running = true;
    private final Thread thread;

    public FakeParticipants(String bootstrapServers, MessageReader reader, Outbox outbox,
            TransactionTemplate transactions) {
        this.reader = reader;
        this.outbox = outbox;
        this.transactions = transactions;
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "fake-participants");
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        this.consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(InventoryMessages.COMMANDS, PaymentMessages.COMMANDS, ShippingMessages.COMMANDS));
        this.thread = Thread.ofPlatform().name("fake-participants").start(this::run);
    }

    /** Every participant succeeds. */
    public static List<Object> happyPath(Object command) {
        return switch (command) {
            case InventoryMessages.ReserveStock reserve -> List.of(new InventoryMessages.StockReserved(reserve.orderId()));
            case InventoryMessages.ReleaseStock release -> List.of(new InventoryMessages.StockReleased(release.orderId()));
            case InventoryMessages.CommitStock commit -> List.of(new InventoryMessages.StockCommitted(commit.orderId()));
            case PaymentMessages.AuthorizePayment authorize ->
                    List.of(new PaymentMessages.PaymentAuthorized(authorize.orderId(), "pay-" + authorize.orderId()));
            case PaymentMessages.VoidPayment voided -> List.of(new PaymentMessages.PaymentVoided(voided.orderId()));
            case PaymentMessages.CapturePayment capture ->
                    List.of(new PaymentMessages.PaymentCaptured(capture.orderId(), "pay-" + capture.orderId()));
            case ShippingMessages.CreateShipment create ->
                    List.of(new ShippingMessages.ShipmentCreated(create.orderId(), "ship-" + create.orderId()));
            case ShippingMessages.CancelShipment cancel -> List.of(new ShippingMessages.ShipmentCancelled(cancel.orderId()));
            default -> List.of();
        };
    }

    /** How to answer from now on (e.g. decline payments, or stay silent on shipments). */
    public void answerWith(Function<Object, List<Object>> answers) {
        this.answers = answers;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public List<String> typesFor(String orderId) {
        return received.stream().filter(r -> r.orderId().equals(orderId)).map(Received::type).toList();
    }

    /** The types of the replies sent about the order so far (committed to the outbox), in order. */
    public List<String> answersFor(String orderId) {
        return answered.stream().filter(r -> r.orderId().equals(orderId)).map(Received::type).toList();
    }

    /**
     * Sends {@code reply} on the reply topic of {@code commandTopic}, keyed by {@code orderId}, with {@code subject} as
     * the envelope's subject (normally the order id too), as a participant would.
     */
    public void send(String commandTopic, String orderId, String subject, Object reply) {
        transactions.executeWithoutResult(status -> outbox.publish(new OutgoingMessage(replyTopic(commandTopic),
                orderId, typeOf(reply), subject, reply, null)));
        answered.add(new Received(typeOf(reply), orderId, null));
    }

    private static final Map<String, Class<?>> COMMANDS = Map.of(
            InventoryMessages.ReserveStock.TYPE, InventoryMessages.ReserveStock.class,
            InventoryMessages.ReleaseStock.TYPE, InventoryMessages.ReleaseStock.class,
            InventoryMessages.CommitStock.TYPE, InventoryMessages.CommitStock.class,
            PaymentMessages.AuthorizePayment.TYPE, PaymentMessages.AuthorizePayment.class,
            PaymentMessages.VoidPayment.TYPE, PaymentMessages.VoidPayment.class,
            PaymentMessages.CapturePayment.TYPE, PaymentMessages.CapturePayment.class,
            ShippingMessages.CreateShipment.TYPE, ShippingMessages.CreateShipment.class,
            ShippingMessages.CancelShipment.TYPE, ShippingMessages.CancelShipment.class);

    private void run() {
        while (running) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                Class<?> type = COMMANDS.get(reader.typeOf(record));
                IncomingMessage<?> command = reader.read(record, type);
                received.add(new Received(command.type(), record.key(), command.customerId()));
                for (Object reply : answers.apply(command.data())) {
                    transactions.executeWithoutResult(status -> outbox.publish(new OutgoingMessage(replyTopic(record.topic()),
                            record.key(), typeOf(reply), record.key(), reply, command.customerId())));
                    answered.add(new Received(typeOf(reply), record.key(), command.customerId()));
                }
            }
        }
        consumer.close();
    }

    private static String replyTopic(String commandTopic) {
        return switch (commandTopic) {
            case InventoryMessages.COMMANDS -> InventoryMessages.EVENTS;
            case PaymentMessages.COMMANDS -> PaymentMessages.EVENTS;
            default -> ShippingMessages.EVENTS;
        };
    }

    private static String typeOf(Object reply) {
        try {
            return (String) reply.getClass().getField("TYPE").get(null);
        }
        catch (ReflectiveOperationException ex) {
            throw new IllegalArgumentException(ex);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5000);
    }
}
