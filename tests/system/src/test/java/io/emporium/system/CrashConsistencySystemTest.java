package io.emporium.system;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing is lost when parts crash under load: a short run of the crash-consistency harness (the full one is
 * {@code bench/chaos.sh}). Orders arrive at a steady rate while the PostgreSQL postmaster, the Kafka broker, the
 * payments service and the orders service are killed with SIGKILL one after the other; then every accepted order
 * finished, stock and money add up, and no message is left unprocessed.
 */
@Order(90)
@ExtendWith(RunningSystem.class)
class CrashConsistencySystemTest {

    @Test
    void ordersPlacedWhileTheDatabaseTheBrokerAndParticipantsAreKilledAllFinishAndAddUp() throws Exception {
        CrashConsistency.Settings settings = new CrashConsistency.Settings(5, Duration.ofSeconds(10),
                Duration.ofSeconds(10), List.of("postgres", "kafka", "payments", "orders"), Duration.ofSeconds(180));

        CrashConsistency.Report report = new CrashConsistency(settings, Emporium.HOME, () -> Api.newToken("admin"))
                .run();

        System.out.println(report.table());
        assertThat(report.accepted()).as(report.table()).isGreaterThan(100);
        assertThat(report.unfinished()).as(report.table()).isEmpty();
        assertThat(report.doubleCharges()).as(report.table()).isEmpty();
        assertThat(report.moneyViolations()).as(report.table()).isEmpty();
        assertThat(report.stockDrift().values()).as(report.table()).allMatch(drift -> drift == 0);
        assertThat(report.unprocessed().values()).as(report.table()).allMatch(count -> count == 0);
        assertThat(report.faults()).as(report.table()).allSatisfy(fault -> assertThat(fault.readyAgain()).isNotNull());
        assertThat(report.holds()).isTrue();
    }
}
