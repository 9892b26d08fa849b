package io.emporium.system;

import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Starts the real system once for all system test classes of a run ({@code ./emporium up -d}) and, as a safety net,
 * stops it when the run ends. {@link DownLeavesNothingSystemTest}, ordered last, stops it explicitly and checks
 * that nothing is left behind.
 *
 * <p>The start takes the path of a first run on a fresh machine, on purpose: {@code up} gets an empty cache
 * ({@code XDG_CACHE_HOME}, where the PostgreSQL binaries are unpacked) and every JVM an empty temporary directory,
 * through {@code JAVA_TOOL_OPTIONS} (which also proves the launcher and the services cope with that variable set).
 * {@link FirstRunSystemTest} checks both were used.
 */
final class RunningSystem implements BeforeAllCallback {

    static final List<String> SERVICES = List.of("registry", "identity", "catalog", "orders", "inventory", "payments", "shipping",
            "notifications", "gateway");

    /**
     * {@code -Demporium.system.attach=true}: use the system that is already running instead of starting one (and
     * leave it running), e.g. {@code ./mvnw -pl tests/system verify -Dit.test=OwaspApiTop10SystemTest
     * -Demporium.system.attach=true}. Classes that start or stop the system themselves do not belong in such a run.
     */
    static final String ATTACH = "emporium.system.attach";

    private static boolean started;
    private static boolean stopped;
    /** Where each service log ended before this run: earlier runs' lines are not this run's business. */
    private static final Map<String, Long> logOffsets = new HashMap<>();

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        synchronized (RunningSystem.class) {
            if (started) {
                return;
            }
            for (String service : SERVICES) {
                Path log = logOf(service);
                logOffsets.put(service, Files.exists(log) ? Files.size(log) : 0L);
            }
            if (Boolean.getBoolean(ATTACH)) {
                // a developer's shortcut for one class against a system that is already up; CI never sets it
                assertThat(Emporium.run(Duration.ofMinutes(1), "status").exitCode())
                        .as("-D%s=true needs a running system (./emporium up -d)", ATTACH).isZero();
                started = true;
                stopped = true;
                return;
            }
            assertThat(Emporium.listeningSystemPorts())
                    .as("ports of the system must be free before the tests start it (is a system already running?)")
                    .isEmpty();
            Emporium.Result up = Emporium.run(Duration.ofMinutes(15), freshMachine(), "up", "-d");
            if (up.exitCode() != 0) {
                Emporium.run(Duration.ofMinutes(2), "down");
                fail("'emporium up -d' failed with exit code " + up.exitCode() + ":\n" + up.output());
            }
            assertThat(up.output()).contains("http://127.0.0.1:8080").contains("curl");
            started = true;
            context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                    .put(RunningSystem.class, (AutoCloseable) RunningSystem::stop);
        }
    }

    /** Where the fresh path's empty cache and temporary directory are: recreated before every run. */
    static final Path FIRST_RUN = Emporium.HOME.resolve("tests/system/target/first-run");

    /** An empty cache and an empty JVM temporary directory, as a machine that never ran Emporium has. */
    private static Map<String, String> freshMachine() throws IOException {
        if (Files.exists(FIRST_RUN)) {
            try (var paths = Files.walk(FIRST_RUN)) {
                for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        Path cache = Files.createDirectories(FIRST_RUN.resolve("cache"));
        Path tmp = Files.createDirectories(FIRST_RUN.resolve("tmp"));
        return Map.of("XDG_CACHE_HOME", cache.toString(), "JAVA_TOOL_OPTIONS", "-Djava.io.tmpdir=" + tmp);
    }

    /** Stops the system (once); returns the output of {@code down}, or null if it was already stopped. */
    static synchronized Emporium.Result stop() {
        if (stopped || !started) {
            return null;
        }
        stopped = true;
        return Emporium.run(Duration.ofMinutes(3), "down");
    }

    static Path logOf(String service) {
        return Emporium.HOME.resolve("var/logs/" + service + "-1.jsonl");
    }

    static long logOffset(String service) {
        return logOffsets.getOrDefault(service, 0L);
    }

    /** The lines the service's first instance wrote during this run. */
    static List<String> linesOfThisRun(String service) throws IOException {
        try (var channel = Files.newByteChannel(logOf(service))) {
            channel.position(Math.min(logOffset(service), channel.size()));
            return new String(Channels.newInputStream(channel).readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }
}
