package io.emporium.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs after every other system test: {@code ./emporium down} stops everything and leaves no process or port, and
 * no log file of the run holds a secret.
 */
@Order(Integer.MAX_VALUE)
@ExtendWith(RunningSystem.class)
class DownLeavesNothingSystemTest {

    @Test
    void downLeavesNoProcessAndNoOpenPort() {
        Emporium.Result down = RunningSystem.stop();
        assertThat(down).isNotNull();
        assertThat(down.exitCode()).as(down.output()).isZero();
        assertThat(Emporium.leftoverProcesses()).as("processes left after down").isEmpty();
        assertThat(Emporium.listeningSystemPorts()).as("ports still listened on after down").isEmpty();
    }

    /**
     * Every access token the tests obtained went through the gateway and the services, failed logins and forged tokens
     * included; none of it, and no DEV ONLY password (demo users', client secrets, database logins), is in any log.
     */
    @Test
    void noLogFileContainsATokenOrAPassword() throws IOException {
        assertThat(Api.ISSUED_TOKENS).as("tokens obtained during the run").isNotEmpty();
        List<Path> logs;
        try (Stream<Path> files = Files.walk(Emporium.HOME.resolve("var/logs"))) {
            logs = files.filter(Files::isRegularFile).toList();
        }
        assertThat(logs).isNotEmpty();
        for (Path log : logs) {
            String text = Files.readString(log, StandardCharsets.ISO_8859_1);
            assertThat(text).as(log.toString()).doesNotContain("-dev-only").doesNotContainPattern("Bearer ey");
            for (String token : Api.ISSUED_TOKENS) {
                String signature = token.substring(token.lastIndexOf('.') + 1);
                assertThat(text.contains(signature)).as("a token's signature is in " + log).isFalse();
            }
        }
    }
}
