package io.emporium.platform.saga;

import java.util.Objects;

/** A message a saga step sends to a participant: the topic, the message type and its data record. */
public record Command(String topic, String type, Object data) {

    public Command {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(data, "data");
    }
}
