package io.emporium.runner.dlq;

import java.time.Instant;
import java.util.Objects;

/**
 * One replay as the {@link ReplayLedger} records it.
 *
 * @param deadLetter     the {@link DeadLetter#position()} of the dead letter that was replayed
 * @param ceId           its {@code ce_id}, or {@code null}
 * @param deadLetteredAt the dead letter's timestamp, epoch millis
 * @param replayedTo     {@code <topic>/<partition>/<offset>} of the replayed record
 * @param replayedAt     when it was replayed
 */
public record Replay(String deadLetter, String ceId, long deadLetteredAt, String replayedTo, Instant replayedAt) {

    /**
     * Whether this replay was of that dead letter: the same position, and the same {@code ce_id} and timestamp there,
     * so that a dead-letter topic deleted and created again (its offsets start over) does not hide new dead letters.
     */
    public boolean isOf(DeadLetter letter) {
        return deadLetter.equals(letter.position()) && deadLetteredAt == letter.timestamp()
                && Objects.equals(ceId, letter.ceId());
    }
}
