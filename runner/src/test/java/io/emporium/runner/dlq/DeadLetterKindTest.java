package io.emporium.runner.dlq;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeadLetterKindTest {

    @Test
    void theCommandsThatUndoASagaStepAreCompensations() {
        assertThat(DeadLetterKind.of("inventory.ReleaseStock")).isEqualTo(DeadLetterKind.COMPENSATION);
        assertThat(DeadLetterKind.of("payments.VoidPayment")).isEqualTo(DeadLetterKind.COMPENSATION);
        assertThat(DeadLetterKind.of("shipping.CancelShipment")).isEqualTo(DeadLetterKind.COMPENSATION);
    }

    @Test
    void theCommandsThatSettleMoneyOrStockAreFinalizations() {
        assertThat(DeadLetterKind.of("payments.CapturePayment")).isEqualTo(DeadLetterKind.FINALIZATION);
        assertThat(DeadLetterKind.of("inventory.CommitStock")).isEqualTo(DeadLetterKind.FINALIZATION);
    }

    @Test
    void anythingElseLeavesNoOrderStuck() {
        assertThat(DeadLetterKind.of("inventory.ReserveStock")).isEqualTo(DeadLetterKind.OTHER);
        assertThat(DeadLetterKind.of("orders.OrderPlaced").leavesAnOrderStuck()).isFalse();
        assertThat(DeadLetterKind.of(null)).isEqualTo(DeadLetterKind.OTHER);
    }

    @Test
    void theOrderIsTheSubjectOrElseTheKey() {
        DeadLetter withSubject = DeadLetters.of("id-1", "orders.order-events", 1, 1_000);
        DeadLetter withoutSubject = new DeadLetter("t.DLT", 0, 1, 1_000, DeadLetters.bytes("order-7"), null,
                withSubject.headers().stream().filter(header -> !header.key().equals("ce_subject")).toList());

        assertThat(withSubject.subject()).isEqualTo("order-42");
        assertThat(withoutSubject.subject()).isEqualTo("order-7");
    }
}
