package io.emporium.platform.messaging.handler;

import java.util.Collection;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.kafka.config.KafkaListenerEndpoint;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.support.TopicPartitionOffset;
import org.springframework.kafka.support.converter.MessageConverter;

/**
 * The Spring Kafka endpoint of one table: id and consumer group are the consumer name, the topics are the table's;
 * everything else (concurrency, start-up, error handling, observation) is the container factory's.
 */
final class MessageHandlersEndpoint implements KafkaListenerEndpoint {

    private final MessageHandlers table;
    private final MessageDispatcher dispatcher;

    MessageHandlersEndpoint(MessageHandlers table, MessageDispatcher dispatcher) {
        this.table = table;
        this.dispatcher = dispatcher;
    }

    @Override
    public String getId() {
        return table.consumer();
    }

    @Override
    public String getGroupId() {
        return table.consumer();
    }

    @Override
    public @Nullable String getGroup() {
        return null;
    }

    @Override
    public Collection<String> getTopics() {
        return table.topics();
    }

    @Override
    public TopicPartitionOffset @Nullable [] getTopicPartitionsToAssign() {
        return null;
    }

    @Override
    public @Nullable Pattern getTopicPattern() {
        return null;
    }

    @Override
    public @Nullable String getClientIdPrefix() {
        return null;
    }

    @Override
    public @Nullable Integer getConcurrency() {
        return null;
    }

    @Override
    public @Nullable Boolean getAutoStartup() {
        return null;
    }

    @Override
    public void setupListenerContainer(MessageListenerContainer listenerContainer,
            @Nullable MessageConverter messageConverter) {
        listenerContainer.setupMessageListener(dispatcher);
    }

    @Override
    public boolean isSplitIterables() {
        return false;
    }
}
