package io.emporium.platform.messaging.handler;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessageHandlersTest {

    public record Placed(String id) {

        public static final String TYPE = "Placed";
    }

    public record Untyped(String id) {
    }

    @Test
    void aContractRecordIsHandledUnderItsTypeName() {
        MessageHandlers table = MessageHandlers.consumer("test").topics("t").on(Placed.class, Placed::id, id -> { })
            .on("Renamed", Untyped.class, message -> () -> { })
            .build();

        assertThat(table.consumer()).isEqualTo("test");
        assertThat(table.topics()).containsExactly("t");
        assertThat(table.types()).containsExactlyInAnyOrder("Placed", "Renamed");
        assertThat(table.route("Placed")).isNotNull();
        assertThat(table.route("Shipped")).isNull();
    }

    @Test
    void aRecordWithoutTypeNameNeedsItNamedExplicitly() {
        assertThatThrownBy(() -> MessageHandlers.consumer("test").on(Untyped.class, message -> () -> { }))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("has no public static String TYPE");
    }

    @Test
    void aTypeIsHandledOnlyOnce() {
        assertThatThrownBy(() -> MessageHandlers.consumer("test")
            .on(Placed.class, message -> () -> { })
            .on("Placed", Untyped.class, message -> () -> { }))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("test handles Placed twice");
    }

    @Test
    void aTableNeedsTopicsAndTypes() {
        assertThatThrownBy(() -> MessageHandlers.consumer("test").on(Placed.class, message -> () -> { }).build())
            .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> MessageHandlers.consumer("test").topics("t").build())
            .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> MessageHandlers.consumer(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void deadLetterExceptionsAreMatchedByClass() {
        MessageHandlers table = MessageHandlers.consumer("test").topics("t").on(Placed.class, message -> () -> { })
            .deadLetterOn(IllegalStateException.class)
            .build();

        assertThat(table.deadLetters(new IllegalStateException())).isTrue();
        assertThat(table.deadLetters(new RuntimeException())).isFalse();
    }
}
