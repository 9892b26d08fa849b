package io.emporium.runner.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.emporium.runner.logs.RunnerLog;

/**
 * An AOT cache training that takes too long (seen: six at once on two cores, past the timeout) is an optimization
 * that did not happen, not a failed start: the service runs from its jar.
 */
class AotCacheIT {

    @TempDir
    Path dir;

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private ProcessPart part;

    @AfterEach
    void stop() {
        if (part != null) {
            part.stop();
        }
        scheduler.shutdownNow();
    }

    @Test
    void aTrainingThatTimesOutStartsTheServiceFromItsJar() throws Exception {
        // a "java" whose training never ends, and whose service run just runs
        Path java = dir.resolve("java");
        Files.writeString(java, """
                #!/bin/sh
                case "$*" in
                  *AOTCacheOutput*) exec sleep 60 ;;
                  *jarmode=tools*) exit 0 ;;
                  *) exec sleep 60 ;;
                esac
                """);
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path jar = Files.writeString(dir.resolve("emporium-shop.jar"), "not really a jar");
        ByteArrayOutputStream events = new ByteArrayOutputStream();
        RunnerLog log = new RunnerLog(new PrintStream(events, true));
        AotCache aot = new AotCache(dir.resolve("aot"), java.toString(), true, log, Duration.ofSeconds(1));
        List<String> started = new ArrayList<>();
        PartState state = new PartState("shop#1", "shop", 1, "service", 0, null, () -> { });
        part = new ProcessPart(state, List.of(), preparation -> {
            List<String> command = new ArrayList<>(List.of(java.toString(), "-Xmx64m"));
            command.addAll(aot.prepare("shop", jar, List.of("-Xmx64m"), Map.of(), preparation));
            started.addAll(command);
            return new ProcessSpec(command, Map.of(), dir, dir.resolve("shop-1.log"));
        }, () -> true, Duration.ofSeconds(10), Duration.ofSeconds(5), Backoff.standard(), scheduler, log,
                dir.resolve("shop-1.log"));

        part.start();

        assertThat(state.snapshot().status()).isEqualTo(Status.READY);
        assertThat(started).endsWith("-jar", jar.toString()).noneMatch(arg -> arg.startsWith("-XX:AOTCache"));
        assertThat(events.toString()).contains("aot.untrained").contains("did not finish within 1 s");
    }
}
