package io.emporium.platform.messaging;

import java.util.Map;

import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Topic declarations: the single local broker as it is, a replicated cluster durable (ADR 0004). */
class MessagingTopicsTest {

    @Test
    void onAReplicatedClusterATopicNeedsAllButOneReplicaInSyncAndNoUncleanLeader() {
        NewTopic topic = new MessagingTopics(6, (short) 3).topic("orders.order-events");

        assertThat(topic.numPartitions()).isEqualTo(6);
        assertThat(topic.replicationFactor()).isEqualTo((short) 3);
        assertThat(topic.configs()).containsExactlyInAnyOrderEntriesOf(
                Map.of("min.insync.replicas", "2", "unclean.leader.election.enable", "false"));
    }

    @Test
    void onTheSingleLocalBrokerATopicHasOneReplicaAndTheBrokersDefaults() {
        NewTopic topic = new MessagingTopics(3, (short) 1).topic("orders.order-events");

        assertThat(topic.replicationFactor()).isEqualTo((short) 1);
        assertThat(topic.configs()).isNullOrEmpty();
    }

    @Test
    void everyDeadLetterTwinIsRemembered() {
        MessagingTopics topics = new MessagingTopics(3, (short) 3);

        topics.withDeadLetterTopics("payments.commands", "payments.payment-events");

        assertThat(topics.declaredDeadLetterTopics()).containsExactly("payments.commands.DLT",
                "payments.payment-events.DLT");
        assertThat(topics.topic(MessagingTopics.deadLetterTopicOf("payments.commands")).configs())
                .containsEntry("min.insync.replicas", "2");
    }
}
