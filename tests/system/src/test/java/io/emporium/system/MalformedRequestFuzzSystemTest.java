package io.emporium.system;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OWASP API Security Top 10 (2023), all items at once from the outside: ten thousand generated malformed requests
 * across every public endpoint (see {@link MalformedRequests}). None may be answered with a 5xx, none may change
 * anything, and no password or client secret sent may reach a log. The seed is printed with the figures, so a
 * failure can be replayed with {@code SEED=<seed> bench/fuzz.sh}.
 */
@Order(7)
@ExtendWith(RunningSystem.class)
class MalformedRequestFuzzSystemTest {

    @Test
    void tenThousandMalformedRequestsAreRefusedWithoutA5xxAChangeOrALeakedSecret() throws Exception {
        long seed = Long.getLong("emporium.fuzz.seed", System.nanoTime());
        int requests = Integer.getInteger("emporium.fuzz.requests", 10_000);
        MalformedRequests.Report report = new MalformedRequests(seed, requests, Emporium.HOME, () -> Api.token("alice"),
                () -> Api.token("admin")).run();

        System.out.println(report.table());
        assertThat(report.sent()).isEqualTo(requests);
        assertThat(report.statusesByEndpoint()).as("every public endpoint was fuzzed").hasSizeGreaterThanOrEqualTo(20);
        assertThat(report.serverErrors()).as(report.table()).isEmpty();
        assertThat(report.stateChanges()).as(report.table()).isEmpty();
        assertThat(report.secretsInLogs()).as(report.table()).isEmpty();
    }
}
