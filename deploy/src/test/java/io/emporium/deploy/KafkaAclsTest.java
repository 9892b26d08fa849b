package io.emporium.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.emporium.deploy.MessagingCode.Service;
import io.emporium.deploy.StrimziFiles.Grant;
import io.emporium.deploy.StrimziFiles.Resource;

/**
 * The production Kafka's users, ACLs and topics (deploy/kafka/strimzi) grant exactly what the code does, as
 * {@link MessagingCode} reads it: a topic added in code without its ACL, an ACL or topic nobody uses, a Write on a
 * topic the service does not publish to, a group that is not the listener's, all fail here.
 */
class KafkaAclsTest {

    static final String OPERATOR = "emporium-operator";

    private static final String DEAD_LETTER_SUFFIX = MessagingCode.constant(MessagingCode.ROOT.resolve(
            "platform/src/main/java/io/emporium/platform/messaging/MessagingTopics.java"), "DEAD_LETTER_SUFFIX");
    private static final String REPLAY_LEDGER = MessagingCode.constant(MessagingCode.ROOT.resolve(
            "runner/src/main/java/io/emporium/runner/dlq/ReplayLedger.java"), "TOPIC");

    // read once: parsing every service's sources takes seconds
    private static final List<Service> SERVICES = MessagingCode.services().stream().filter(Service::usesKafka)
            .toList();

    private final List<Service> services = SERVICES;
    private final Map<String, Set<Grant>> grants = StrimziFiles.grants();

    @Test
    void readsTheSagaAndItsParticipantsFromTheCode() {
        // guards the reading itself: if MessagingCode found nothing, every other test here would pass vacuously
        assertThat(services).extracting(Service::name)
                .containsExactly("inventory", "notifications", "orders", "payments", "shipping");
        assertThat(service("orders").publishes()).contains("inventory.commands", "orders.order-events");
        assertThat(service("inventory").consumes()).containsExactly("inventory.commands");
    }

    @Test
    void everyServiceThatUsesKafkaHasAUserNamedAfterItsApplicationAndNoOneElseHasOne() {
        Set<String> expected = new TreeSet<>(services.stream().map(Service::applicationName).toList());
        expected.add(OPERATOR);
        assertThat(grants.keySet()).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void eachServiceMayDoExactlyWhatItsCodeDoes() {
        for (Service service : services) {
            assertThat(grants.get(service.applicationName()))
                    .as("ACLs of KafkaUser %s (kafka-users.yaml) against the code of services/%s",
                            service.applicationName(), service.name())
                    .containsExactlyInAnyOrderElementsOf(expectedGrants(service));
        }
    }

    @Test
    void theOperatorReadsEveryDeadLetterTopicReplaysToItsTopicAndKeepsTheLedger() {
        Set<Grant> expected = new TreeSet<>();
        for (String topic : consumedTopics()) {
            expected.add(topic(deadLetterTopicOf(topic), "Read"));
            expected.add(topic(deadLetterTopicOf(topic), "Describe"));
            expected.add(topic(topic, "Write"));
            expected.add(topic(topic, "Describe"));
        }
        for (String operation : List.of("Read", "Write", "Describe", "Create")) {
            expected.add(topic(REPLAY_LEDGER, operation));
        }
        assertThat(grants.get(OPERATOR)).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void everyTopicInUseExistsWithItsDeadLetterTopicAndNoOtherTopicDoes() {
        Set<String> expected = new TreeSet<>();
        services.forEach(service -> expected.addAll(service.publishes()));
        services.forEach(service -> expected.addAll(service.consumes()));
        consumedTopics().forEach(topic -> expected.add(deadLetterTopicOf(topic)));
        expected.add(REPLAY_LEDGER);
        assertThat(StrimziFiles.topics()).as("KafkaTopics in kafka-topics.yaml").containsExactlyInAnyOrderElementsOf(
                expected);
    }

    @Test
    void everyContractTopicIsPublishedByExactlyOneServiceAndConsumedByAnother() {
        for (String topic : new TreeSet<>(MessagingCode.contractTopics().values())) {
            List<String> publishers = services.stream().filter(service -> service.publishes().contains(topic))
                    .map(Service::name).toList();
            List<String> consumers = services.stream().filter(service -> service.consumes().contains(topic))
                    .map(Service::name).toList();
            assertThat(publishers).as("services publishing to %s", topic).hasSize(1);
            assertThat(consumers).as("services consuming %s", topic).isNotEmpty().doesNotContainAnyElementsOf(
                    publishers);
        }
    }

    @Test
    void eachServiceDeclaresExactlyTheTopicsItUses() {
        // the declarations are the code's own list of what it uses; a difference means the reading above missed
        // a use (or the service declares a topic it does not use)
        for (Service service : services) {
            Set<String> used = new TreeSet<>(service.publishes());
            used.addAll(service.consumes());
            assertThat(service.declares()).as("topics services/%s declares", service.name())
                    .containsExactlyInAnyOrderElementsOf(used);
        }
    }

    @Test
    void everyAclIsALiteralAllowRuleOnATopicOrGroupFromAnyHost() {
        for (Resource user : StrimziFiles.ofKind("KafkaUser")) {
            for (Map<String, Object> acl : StrimziFiles.acls(user)) {
                Map<String, Object> resource = StrimziFiles.map(acl, "resource");
                assertThat(acl.getOrDefault("type", "allow")).as("%s: %s", user, acl).isEqualTo("allow");
                assertThat(acl.getOrDefault("host", "*")).as("%s: %s", user, acl).isEqualTo("*");
                assertThat(resource.getOrDefault("patternType", "literal")).as("%s: %s", user, acl)
                        .isEqualTo("literal");
                assertThat(resource.get("type")).as("%s: %s", user, acl).isIn("topic", "group");
                assertThat((String) resource.get("name")).as("%s: %s", user, acl).isNotBlank().isNotEqualTo("*");
            }
        }
    }

    @Test
    void noServiceUsesKafkaTransactionsSoNoneNeedsATransactionalIdAcl() {
        // the platform's producer is idempotent without transactions (MessagingProducer removes transactional.id);
        // a service that sets a transaction id prefix needs a transactionalId ACL (prefix pattern) added here
        try (Stream<Path> files = Stream.concat(
                Files.list(MessagingCode.ROOT.resolve("services")).map(s -> s.resolve("src/main/resources/application.yaml")),
                Stream.of(MessagingCode.ROOT.resolve("platform/src/main/resources/emporium-defaults.properties")))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(file)).as(file.toString()).doesNotContain("transaction-id-prefix")
                        .doesNotContain("transactional.id");
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Publishing: Write and Describe on the topic. Consuming: Read and Describe on the topic, Read on the group, and
     * Write and Describe on the topic's dead-letter topic, where the listener's error handler puts what it cannot
     * handle.
     */
    private Set<Grant> expectedGrants(Service service) {
        Set<Grant> expected = new TreeSet<>();
        for (String topic : service.publishes()) {
            expected.add(topic(topic, "Write"));
            expected.add(topic(topic, "Describe"));
        }
        for (String topic : service.consumes()) {
            expected.add(topic(topic, "Read"));
            expected.add(topic(topic, "Describe"));
            expected.add(topic(deadLetterTopicOf(topic), "Write"));
            expected.add(topic(deadLetterTopicOf(topic), "Describe"));
        }
        service.groups().forEach(group -> expected.add(new Grant("group", group, "Read")));
        return expected;
    }

    private Set<String> consumedTopics() {
        Set<String> consumed = new TreeSet<>();
        services.forEach(service -> consumed.addAll(service.consumes()));
        return consumed;
    }

    private Service service(String name) {
        return services.stream().filter(service -> service.name().equals(name)).findFirst().orElseThrow();
    }

    private static String deadLetterTopicOf(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }

    private static Grant topic(String name, String operation) {
        return new Grant("topic", name, operation);
    }
}
