package io.emporium.runner.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.emporium.runner.TestPorts;
import io.emporium.runner.supervision.SystemControl;

/**
 * Unpacking the PostgreSQL binaries on a fresh machine, as the supervisor does it: in a JVM with the supervisor's
 * own flags (its small heap ran out with zonky's unpacker), over what an interrupted unpack left, and twice at once.
 */
class PostgresBinariesIT {

    @TempDir
    Path work;

    private Path cache;

    @org.junit.jupiter.api.BeforeEach
    void emptyCache() throws IOException {
        cache = Files.createDirectories(work.resolve("cache"));
    }

    @Test
    void unpacksIntoAnEmptyCacheWithinTheSupervisorsHeap() throws Exception {
        Unpack unpack = Unpack.start(cache);

        assertThat(unpack.await()).as(unpack.output()).isZero();
        Path binaries = unpack.binaries();
        assertThat(binaries.getParent()).isEqualTo(cache);
        assertThat(PostgresBinaries.isComplete(binaries)).isTrue();
        assertThat(binaries.resolve("bin/initdb")).isExecutable();
        assertThat(leftoversIn(cache)).isEmpty();
    }

    @Test
    void replacesWhatAnInterruptedUnpackLeft() throws Exception {
        Path complete = PostgresBinaries.prepare(cache);
        String name = complete.getFileName().toString();
        // as if a run died in the middle: a partial directory of its own, and a target without its marker
        Files.createDirectories(cache.resolve(name + ".partial-4242/bin"));
        Files.writeString(cache.resolve(name + ".partial-4242/bin/postgres"), "half a file");
        Files.delete(complete.resolve(PostgresBinaries.COMPLETE_MARKER));
        Files.delete(complete.resolve("bin/postgres"));

        Path again = PostgresBinaries.prepare(cache);

        assertThat(again).isEqualTo(complete);
        assertThat(PostgresBinaries.isComplete(again)).isTrue();
        assertThat(leftoversIn(cache)).isEmpty();
    }

    @Test
    void twoStartsRacingBothGetTheSameCompleteBinaries() throws Exception {
        Unpack first = Unpack.start(cache);
        Unpack second = Unpack.start(cache);

        assertThat(first.await()).as(first.output()).isZero();
        assertThat(second.await()).as(second.output()).isZero();
        assertThat(first.binaries()).isEqualTo(second.binaries());
        assertThat(PostgresBinaries.isComplete(first.binaries())).isTrue();
        assertThat(leftoversIn(cache)).isEmpty();
    }

    @Test
    void theDefaultCacheIsEmporiumsOwnUnderTheUsersCacheDirectory() {
        assertThat(PostgresBinaries.defaultCache(java.util.Map.of(), "/home/ada"))
                .isEqualTo(Path.of("/home/ada/.cache/emporium/postgres"));
        assertThat(PostgresBinaries.defaultCache(java.util.Map.of("XDG_CACHE_HOME", "/var/cache/ada"), "/home/ada"))
                .isEqualTo(Path.of("/var/cache/ada/emporium/postgres"));
        assertThat(PostgresBinaries.defaultCache(java.util.Map.of("EMPORIUM_CACHE_DIR", "/ci/cache",
                "XDG_CACHE_HOME", "/var/cache/ada"), "/home/ada")).isEqualTo(Path.of("/ci/cache/postgres"));
    }

    /** Directories of the cache that are not a complete unpack. */
    private static List<Path> leftoversIn(Path cache) throws IOException {
        try (Stream<Path> entries = Files.list(cache)) {
            return entries.filter(Files::isDirectory).filter(dir -> !PostgresBinaries.isComplete(dir)).toList();
        }
    }

    /** {@link UnpackPostgres} in a JVM of its own, with the supervisor's flags and an empty temp directory. */
    private record Unpack(Process process, Path outputFile) {

        static Unpack start(Path cache) throws IOException {
            Path tmp = Files.createTempDirectory(cache.getParent(), "jvm-tmp-");
            Path output = Files.createTempFile(cache.getParent(), "unpack-", ".out");
            List<String> command = new ArrayList<>(List.of(TestPorts.java()));
            command.addAll(SystemControl.SUPERVISOR_JVM_FLAGS);
            command.addAll(List.of("-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"),
                    UnpackPostgres.class.getName(), cache.toString()));
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            return new Unpack(process, output);
        }

        int await() throws InterruptedException {
            if (!process.waitFor(3, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("unpacking did not finish within 3 minutes");
            }
            return process.exitValue();
        }

        String output() throws IOException {
            return Files.readString(outputFile);
        }

        Path binaries() throws IOException {
            String output = output();
            return output.lines().filter(line -> line.startsWith("binaries: ")).findFirst()
                    .map(line -> Path.of(line.substring("binaries: ".length())))
                    .orElseThrow(() -> new AssertionError("no binaries in: " + output));
        }
    }
}
