package io.emporium.system;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static io.emporium.system.Api.awaitFinal;
import static io.emporium.system.Api.idOf;
import static io.emporium.system.Api.placeOrder;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The system this run started took a fresh machine's path ({@link RunningSystem}): the PostgreSQL binaries were
 * unpacked into the empty cache it was given, every JVM used the empty temporary directory of JAVA_TOOL_OPTIONS, and
 * an order placed on it is confirmed. On a first run this used to say "ready" with PostgreSQL never started.
 */
@Order(0)
@ExtendWith(RunningSystem.class)
class FirstRunSystemTest {

    @Test
    void postgresBinariesWereUnpackedIntoTheGivenEmptyCacheAndStarted() throws Exception {
        Path binaries = RunningSystem.FIRST_RUN.resolve("cache/emporium/postgres");
        try (Stream<Path> unpacked = Files.list(binaries)) {
            assertThat(unpacked.filter(Files::isDirectory).toList()).singleElement().satisfies(directory -> {
                assertThat(directory.resolve(".emporium-complete")).isRegularFile();
                assertThat(directory.resolve("bin/postgres")).isExecutable();
            });
        }
        Emporium.Result status = Emporium.run(Duration.ofMinutes(1), "status");
        assertThat(status.output()).containsPattern("(?m)^postgres +\\d+ +5433 +UP .* ready$");
    }

    @Test
    void everyJvmUsedTheTemporaryDirectoryOfJavaToolOptions() throws Exception {
        try (Stream<Path> used = Files.list(RunningSystem.FIRST_RUN.resolve("tmp"))) {
            List<String> names = used.map(path -> path.getFileName().toString()).toList();
            // each service's embedded Tomcat makes its document base there
            assertThat(names).anySatisfy(name -> assertThat(name).startsWith("tomcat"));
        }
    }

    @Test
    void anOrderPlacedOnTheFreshSystemIsConfirmed() {
        String id = idOf(placeOrder("alice", "SKU-000102", 1));

        assertThat(awaitFinal(id, OrderFulfilmentSystemTest.SAGA).get("status").asString()).isEqualTo("CONFIRMED");
    }
}
