package io.emporium.platform.saga;

import java.util.Objects;

/** What a saga makes of a participant's reply, before anything is applied ({@link SagaDefinition#judge}). */
public sealed interface ReplyVerdict {

    /** The saga waits for exactly this reply: apply it. */
    record Apply() implements ReplyVerdict {
    }

    /**
     * A reply the saga knows and needs to do nothing about: the acknowledgement of a compensation, or a repeated
     * answer to a retriable step the saga has passed (a re-sent command may be answered twice).
     */
    record Ignore(String why) implements ReplyVerdict {

        public Ignore {
            Objects.requireNonNull(why, "why");
        }
    }

    /** A reply the saga cannot take (no such saga, not the reply it waits for, too late); {@code reason} says why. */
    record Refuse(String reason) implements ReplyVerdict {

        public Refuse {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
