package io.emporium.runner.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

import io.emporium.runner.logs.RunnerLog;

/**
 * Ahead-of-time class loading and linking cache (JEP 483, one-step training JEP 514) for Spring Boot jars, on JDK 25+.
 * The jar is extracted once to {@code var/aot/<name>/app/} and a training run ({@code -Dspring.context.exit=onRefresh})
 * writes {@code app.aot}; later starts use it. The cache is keyed by jar size and modification time, JDK and JVM flags,
 * so a rebuild retrains. When training fails or takes too long, the service simply runs from its jar, without cache
 * (the next start tries again). At most as many trainings run at once as the machine has cores: six at once on two
 * cores took over 200 s each and came close to the training timeout; one after another each takes 30-40 s.
 */
public final class AotCache {

    private static final Duration EXTRACT_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration TRAINING_TIMEOUT = Duration.ofSeconds(240);

    private final Path root;
    private final Duration trainingTimeout;
    private final String java;
    private final boolean enabled;
    private final RunnerLog log;
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final Semaphore trainings = new Semaphore(Math.max(1, Runtime.getRuntime().availableProcessors()));

    public AotCache(Path root, String java, boolean enabled, RunnerLog log) {
        this(root, java, enabled, log, TRAINING_TIMEOUT);
    }

    AotCache(Path root, String java, boolean enabled, RunnerLog log, Duration trainingTimeout) {
        this.trainingTimeout = trainingTimeout;
        this.root = root;
        this.java = java;
        this.enabled = enabled && Runtime.version().feature() >= 25;
        this.log = log;
    }

    /**
     * The arguments that follow the JVM flags to run {@code jar}: {@code -XX:AOTCache=... -jar <extracted jar>} when a
     * valid cache exists or could be trained now, else {@code -jar <jar>}. Trains at most once per service at a time;
     * instances of the same service wait for each other.
     */
    public List<String> prepare(String name, Path jar, List<String> flags, Map<String, String> env,
                                ProcessPart.Preparation preparation) throws PartFailure, IOException {
        if (!enabled) {
            return List.of("-jar", jar.toString());
        }
        ReentrantLock lock = locks.computeIfAbsent(name, key -> new ReentrantLock());
        lock.lock();
        try {
            Path dir = root.resolve(name);
            Path extracted = dir.resolve("app").resolve(jar.getFileName());
            Path cache = dir.resolve("app.aot");
            Path keyFile = dir.resolve("key");
            String key = key(jar, flags);
            if (Files.isRegularFile(cache) && Files.isRegularFile(extracted) && Files.isRegularFile(keyFile)
                    && Files.readString(keyFile).equals(key)) {
                return withCache(cache, extracted);
            }
            preparation.state().status(Status.TRAINING, null);
            Path trainingLog = dir.resolve("training.log");
            try {
                trainings.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PartFailure(preparation.state().id(), "interrupted", List.of());
            }
            try {
                long started = System.nanoTime();
                deleteRecursively(dir);
                Files.createDirectories(dir);
                int extract = preparation.run(new ProcessSpec(List.of(java, "-Djarmode=tools", "-jar", jar.toString(),
                        "extract", "--destination", dir.resolve("app").toString()), Map.of(), dir, trainingLog),
                        EXTRACT_TIMEOUT);
                if (extract == 0) {
                    List<String> training = new ArrayList<>();
                    training.add(java);
                    training.addAll(flags);
                    training.addAll(List.of("-XX:AOTCacheOutput=" + cache, "-Dspring.context.exit=onRefresh",
                            "-jar", extracted.toString()));
                    int trained = preparation.run(new ProcessSpec(training, env, dir, trainingLog), trainingTimeout);
                    if (trained == 0 && Files.isRegularFile(cache)) {
                        Files.writeString(keyFile, key);
                        log.info("aot.trained", name, String.format("AOT cache trained in %.1fs",
                                (System.nanoTime() - started) / 1e9));
                        preparation.state().status(Status.STARTING, null);
                        return withCache(cache, extracted);
                    }
                }
            } catch (HelperTimedOut e) {
                log.warn("aot.untrained", name, e.getMessage());
            } finally {
                trainings.release();
            }
            log.warn("aot.untrained", name, "AOT cache training failed (see " + trainingLog + "); running without it");
            preparation.state().status(Status.STARTING, "running without AOT cache");
            return List.of("-jar", jar.toString());
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs from the cache. The JVM reports what it could not reuse from the cache (JDK 25 warns about some adapter
     * stubs) as unified-logging warnings on standard output, which is the service's JSON log: only errors of the
     * {@code aot} tags are printed, so every log line stays one JSON object. A cache that cannot be used at all is
     * still an error.
     */
    private static List<String> withCache(Path cache, Path extracted) {
        return List.of("-XX:AOTCache=" + cache, "-Xlog:aot*=error", "-jar", extracted.toString());
    }

    private String key(Path jar, List<String> flags) throws IOException {
        return "jar=" + jar.toAbsolutePath() + "\nsize=" + Files.size(jar)
                + "\nmtime=" + Files.getLastModifiedTime(jar).toMillis()
                + "\njava=" + java + " " + Runtime.version()
                + "\nflags=" + String.join(" ", flags) + "\n";
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
