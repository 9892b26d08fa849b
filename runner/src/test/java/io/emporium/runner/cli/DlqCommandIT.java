package io.emporium.runner.cli;

import static io.emporium.runner.dlq.DeadLetters.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.emporium.runner.TestPorts;
import io.emporium.runner.dlq.DeadLetters;
import io.emporium.runner.infra.TestBroker;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./emporium dlq list|replay} against the real broker JVM of infra/kafka, with dead letters written the way
 * Spring Kafka's DeadLetterPublishingRecoverer writes them.
 */
class DlqCommandIT {

    @TempDir
    static Path dir;

    private static TestBroker broker;
    private static String bootstrap;
    private static Admin admin;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = TestBroker.start(dir);
        bootstrap = broker.bootstrapServers();
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    @AfterAll
    static void stopBroker() {
        if (admin != null) {
            admin.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void listsADeadLetterReplaysItToItsTopicOnceAndAgainOnlyWhenAsked() throws Exception {
        String topic = "it.order-placed";
        String id = UUID.randomUUID().toString();
        createTopics(new NewTopic(topic, 3, (short) 1), new NewTopic(topic + ".DLT", 1, (short) 1));
        List<Header> headers = new ArrayList<>(DeadLetters.headers(id, "OrderPlaced", topic, 1, 17,
                "Listener failed: order has no customer\n\tat io.emporium.Somewhere"));
        headers.add(2, DeadLetters.text("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"));
        publish(topic + ".DLT", "order-42", "{\"orderId\":\"o-42\",\"lines\":[]}", headers);

        Run list = run("dlq", "list", "--bootstrap", bootstrap);
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).contains("it.order-placed.DLT/0/0", "OrderPlaced", id, "order-42",
                "it.order-placed/1/17", "Listener failed: order has no customer", "{\"orderId\":\"o-42\",\"lines\":[]}")
                .doesNotContain("io.emporium.Somewhere");

        Run json = run("dlq", "list", "--bootstrap", bootstrap, "--topic", topic, "--json");
        JsonNode letters = JsonMapper.builder().build().readTree(json.out());
        assertThat(letters).hasSize(1);
        assertThat(letters.get(0).get("ceId").asString()).isEqualTo(id);
        assertThat(letters.get(0).get("replay").isNull()).isTrue();

        Run dryRun = run("dlq", "replay", "--bootstrap", bootstrap, "--topic", topic, "--all", "--dry-run");
        assertThat(dryRun.exitCode()).as(dryRun.err()).isZero();
        assertThat(dryRun.out()).contains("would replay  it.order-placed.DLT/0/0", "nothing was published");
        assertThat(recordsOn(topic)).isZero();

        Run replay = run("dlq", "replay", "--bootstrap", bootstrap, "--id", id);
        assertThat(replay.exitCode()).as(replay.err()).isZero();
        assertThat(replay.out()).contains("replayed      it.order-placed.DLT/0/0  OrderPlaced  " + id
                + " -> it.order-placed/", "Replayed 1, skipped 0");

        ConsumerRecord<byte[], byte[]> replayed = readOne(topic);
        assertThat(new String(replayed.key(), StandardCharsets.UTF_8)).isEqualTo("order-42");
        assertThat(new String(replayed.value(), StandardCharsets.UTF_8))
                .isEqualTo("{\"orderId\":\"o-42\",\"lines\":[]}");
        assertThat(header(replayed, "ce_id")).isEqualTo(id);
        assertThat(header(replayed, "ce_type")).isEqualTo("OrderPlaced");
        assertThat(header(replayed, "traceparent")).startsWith("00-0af7651916cd43dd8448eb211c80319c");
        assertThat(header(replayed, "emporium-replayed-from")).isEqualTo("it.order-placed.DLT/0/0");
        assertThat(replayed.headers()).extracting(Header::key).noneMatch(key -> key.startsWith("kafka_dlt-"));

        Run second = run("dlq", "replay", "--bootstrap", bootstrap, "--topic", topic + ".DLT", "--all");
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.out()).contains("skipped       it.order-placed.DLT/0/0", "Replayed 0, skipped 1");
        assertThat(recordsOn(topic)).isEqualTo(1);
        assertThat(run("dlq", "list", "--bootstrap", bootstrap, "--topic", topic).out()).contains("  yes  ");
        assertThat(admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, "emporium.dlq-replays")))
                .all().get().values().iterator().next().get("cleanup.policy").value()).isEqualTo("compact");

        Run again = run("dlq", "replay", "--bootstrap", bootstrap, "--topic", topic, "--all", "--again");
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("Replayed 1, skipped 0");
        assertThat(recordsOn(topic)).isEqualTo(2);
    }

    @Test
    void aDeadLetteredCompensationIsMarkedWithItsOrderAndTheCommandThatReplaysIt() throws Exception {
        String topic = "it.payment-commands";
        String id = UUID.randomUUID().toString();
        createTopics(new NewTopic(topic, 1, (short) 1), new NewTopic(topic + ".DLT", 1, (short) 1));
        publish(topic + ".DLT", "order-42", "{\"orderId\":\"order-42\",\"reason\":\"out of stock\"}",
                DeadLetters.headers(id, "payments.VoidPayment", topic, 0, 5, "payment provider refused the void"));

        Run list = run("dlq", "list", "--bootstrap", bootstrap, "--topic", topic);

        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).contains("STUCK", "COMPENSATION", "order-42", "payment provider refused the void",
                "! 1 compensation not replayed (payments.VoidPayment): each leaves its order stuck mid-compensation",
                "./emporium dlq replay --id " + id);
    }

    @Test
    void anUnknownIdIsAMistakeAndReplaysNothing() throws Exception {
        String topic = "it.stock-reserved";
        createTopics(new NewTopic(topic, 1, (short) 1), new NewTopic(topic + ".DLT", 1, (short) 1));
        publish(topic + ".DLT", "sku-1", "{}", DeadLetters.headers("known", "StockReserved", topic, 0, 3, "boom"));

        Run replay = run("dlq", "replay", "--bootstrap", bootstrap, "--topic", topic, "--id", "known", "unknown");

        assertThat(replay.exitCode()).isEqualTo(2);
        assertThat(replay.err()).contains("no dead letter has ce_id unknown; nothing replayed");
        assertThat(recordsOn(topic)).isZero();
    }

    @Test
    void aDeadLetterWhoseTopicIsGoneFailsWithoutCreatingIt() throws Exception {
        String topic = "it.gone";
        createTopics(new NewTopic(topic + ".DLT", 1, (short) 1));
        publish(topic + ".DLT", "k", "{}", DeadLetters.headers("gone-1", "Gone", topic, 0, 0, "boom"));

        Run replay = run("dlq", "replay", "--bootstrap", bootstrap, "--topic", topic, "--all");

        assertThat(replay.exitCode()).isEqualTo(1);
        assertThat(replay.out()).contains("FAILED        it.gone.DLT/0/0",
                "the original topic it.gone of it.gone.DLT/0/0 does not exist", "failed 1");
        assertThat(admin.listTopics().names().get()).doesNotContain(topic);
    }

    @Test
    void anUnknownDeadLetterTopicIsAMistake() {
        Run list = run("dlq", "list", "--bootstrap", bootstrap, "--topic", "it.nothing-here");

        assertThat(list.exitCode()).isEqualTo(2);
        assertThat(list.err()).contains("no dead-letter topic it.nothing-here.DLT on " + bootstrap);
    }

    @Test
    void withoutABrokerItSaysSoInOneLine() {
        Run list = run("dlq", "list", "--bootstrap", "127.0.0.1:" + TestPorts.free());

        assertThat(list.exitCode()).isEqualTo(1);
        assertThat(list.err().strip()).startsWith("emporium: no Kafka broker answers at 127.0.0.1:")
                .doesNotContain("\n");
    }

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = EmporiumCommand.commandLine().setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true)).execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    private static void createTopics(NewTopic... topics) throws Exception {
        admin.createTopics(List.of(topics)).all().get();
    }

    private static void publish(String topic, String key, String value, List<Header> headers) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, 0, bytes(key), bytes(value), headers)).get();
        }
    }

    /** How many records the topic holds (its partitions' end offsets). */
    private static long recordsOn(String topic) throws Exception {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            return consumer.endOffsets(partitions(consumer, topic)).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private static ConsumerRecord<byte[], byte[]> readOne(String topic) {
        List<ConsumerRecord<byte[], byte[]>> received = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                return !received.isEmpty();
            });
        }
        assertThat(received).hasSize(1);
        return received.getFirst();
    }

    private static List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer, String topic) {
        return consumer.partitionsFor(topic).stream().map(info -> new TopicPartition(topic, info.partition())).toList();
    }

    private static KafkaConsumer<byte[], byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String key) {
        Header header = record.headers().lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
