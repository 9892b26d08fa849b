package io.emporium.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class TableTest {

    @Test
    void aLongCellWidensItsColumnInsteadOfPushingTheNextOne() {
        List<String> lines = new Table("PART", "PID", "STATUS")
                .row("kafka", 101, "ready")
                .row("notifications#1", 20202, "ready")
                .lines();

        assertThat(lines).containsExactly(
                "PART             PID    STATUS",
                "kafka            101    ready",
                "notifications#1  20202  ready");
    }

    @Test
    void showsNullAsADashAndLeavesNoTrailingSpaces() {
        List<String> lines = new Table("A", "B").row("x", null).row("longer", "").lines();

        assertThat(lines).containsExactly("A       B", "x       -", "longer");
    }

    @Test
    void refusesARowOfTheWrongSize() {
        assertThatThrownBy(() -> new Table("A", "B").row("only one"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected 2 cells, got 1");
    }
}
