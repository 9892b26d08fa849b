package io.emporium.runner;

import java.nio.file.Path;

/**
 * Where everything lives: the repository root ({@code EMPORIUM_HOME}, default the working directory) holds the
 * topology and the built jars; {@code var/} under it holds runtime data, logs and the supervisor's state.
 */
public record Workspace(Path home) {

    public Workspace {
        home = home.toAbsolutePath().normalize();
    }

    /** {@code EMPORIUM_HOME} when set (the {@code ./emporium} launcher sets it), else the working directory. */
    public static Workspace fromEnvironment() {
        String home = System.getenv("EMPORIUM_HOME");
        return new Workspace(Path.of(home == null || home.isBlank() ? "." : home));
    }

    public Path topologyFile() {
        return home.resolve("emporium.yaml");
    }

    public Path var() {
        return home.resolve("var");
    }

    public Path runDir() {
        return var().resolve("run");
    }

    public Path logsDir() {
        return var().resolve("logs");
    }

    public Path stateFile() {
        return runDir().resolve("state.json");
    }

    public Path controlTokenFile() {
        return runDir().resolve("control.token");
    }

    public Path lockFile() {
        return runDir().resolve("supervisor.lock");
    }

    /**
     * Where this user's unpacked PostgreSQL binaries are kept, shared by every checkout:
     * {@code $EMPORIUM_CACHE_DIR/postgres}, else {@code ${XDG_CACHE_HOME:-~/.cache}/emporium/postgres}.
     */
    public Path postgresBinaries() {
        return io.emporium.runner.infra.PostgresBinaries.defaultCache(System.getenv(), System.getProperty("user.home"));
    }

    public Path postgresData() {
        return var().resolve("postgres");
    }

    public Path kafkaDir() {
        return var().resolve("kafka");
    }

    public Path aotDir() {
        return var().resolve("aot");
    }

    public Path kafkaLib() {
        return home.resolve("infra/kafka/target/lib");
    }

    public Path zipkinJar() {
        return home.resolve("infra/zipkin/target/zipkin.jar");
    }

    /** The log file of a part: {@code var/logs/<service>-<n>.jsonl} for services, {@code <name>.log} otherwise. */
    public Path logFile(String fileName) {
        return logsDir().resolve(fileName);
    }
}
