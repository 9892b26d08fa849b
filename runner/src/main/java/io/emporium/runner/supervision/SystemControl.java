package io.emporium.runner.supervision;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.stream.Stream;

import io.emporium.runner.Workspace;
import io.emporium.runner.process.Processes;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What the CLI commands use to find, start and stop the supervisor of this workspace. */
public final class SystemControl {

    /**
     * The supervisor's JVM flags: a small heap, since it only starts, watches and stops processes (and unpacks the
     * PostgreSQL binaries once, streaming: see PostgresBinaries); and the limits of its control channel's HTTP
     * server ({@link ControlServer#SERVER_LIMITS}), which the JDK reads once, at its first server.
     */
    public static final List<String> SUPERVISOR_JVM_FLAGS = Stream.concat(
            Stream.of("-Xmx96m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k"),
            ControlServer.jvmFlags().stream()).toList();

    /** How long a CLI command waits to connect to the control channel, and for its answer. */
    static final Duration CONTROL_CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private static final Duration DOWN_TIMEOUT = Duration.ofSeconds(180);
    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final Workspace workspace;
    private final StateFile stateFile;

    public SystemControl(Workspace workspace) {
        this.workspace = workspace;
        this.stateFile = new StateFile(workspace.stateFile());
    }

    /** The pid of the live supervisor, or empty when the system is not running. */
    public OptionalLong supervisorPid() {
        return RunLock.holder(workspace.lockFile());
    }

    public Optional<SystemState> state() {
        return stateFile.read();
    }

    /**
     * Starts a detached supervisor (own session via {@code setsid}, so a Ctrl-C in this terminal does not reach it;
     * stdin from /dev/null, stdout and stderr appended to {@code var/logs/runner.jsonl}).
     *
     * @param postgresUrl passed in the environment, not on the command line, since it may hold a password
     */
    public Process launchSupervisor(RunOptions options) throws IOException {
        Files.createDirectories(workspace.logsDir());
        Files.createDirectories(workspace.runDir());
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            command.add("/usr/bin/setsid");
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(SUPERVISOR_JVM_FLAGS);
        command.addAll(List.of("-cp", supervisorClassPath(), "io.emporium.runner.Main", "supervise"));
        command.addAll(options.toArguments());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workspace.home().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(workspace.logFile("runner.jsonl").toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().put("EMPORIUM_HOME", workspace.home().toString());
        if (options.postgresUrl() != null) {
            builder.environment().put("EMPORIUM_POSTGRES_URL", options.postgresUrl());
        }
        return builder.start();
    }

    /**
     * The supervisor runs for hours while the runner may be rebuilt: when the runner is one jar, the supervisor gets
     * its own copy ({@code var/run/emporium-runner.jar}, refreshed when the jar changed), so a rebuild cannot pull
     * classes from under it.
     */
    private String supervisorClassPath() throws IOException {
        String classPath = absoluteClassPath();
        Path jar = Path.of(classPath);
        if (classPath.contains(File.pathSeparator) || !classPath.endsWith(".jar") || !Files.isRegularFile(jar)) {
            return classPath;
        }
        Path copy = workspace.runDir().resolve("emporium-runner.jar");
        if (!Files.isRegularFile(copy) || Files.size(copy) != Files.size(jar)
                || !Files.getLastModifiedTime(copy).equals(Files.getLastModifiedTime(jar))) {
            Path temporary = workspace.runDir().resolve("emporium-runner.jar.tmp");
            Files.copy(jar, temporary, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
            Files.move(temporary, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        return copy.toString();
    }

    private static String absoluteClassPath() {
        return String.join(File.pathSeparator, Arrays.stream(System.getProperty("java.class.path")
                .split(File.pathSeparator)).map(entry -> Path.of(entry).toAbsolutePath().toString()).toList());
    }

    /** Asks the running supervisor to stop everything; false when it cannot be reached. */
    public boolean requestDown() {
        Optional<SystemState> state = state();
        if (state.isEmpty() || state.get().controlPort() == 0) {
            return false;
        }
        try {
            return control(state.get(), "/down", HttpRequest.newBuilder().timeout(Duration.ofSeconds(5))
                    .POST(HttpRequest.BodyPublishers.noBody())).statusCode() == 202;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * What the supervisor set going for a scale request (the answer's JSON, bound by Jackson).
     *
     * @param starting ids of the instances it is adding ({@code payments#3})
     * @param stopping ids of the instances it is stopping, highest first
     */
    public record ScaleChange(List<String> starting, List<String> stopping) {

        public ScaleChange {
            starting = starting == null ? List.of() : List.copyOf(starting);
            stopping = stopping == null ? List.of() : List.copyOf(stopping);
        }
    }

    /**
     * Asks the running supervisor to run {@code instances} instances of {@code service} ({@code POST /scale}); it
     * answers at once and makes the change in the background (follow it in {@link #state()}).
     *
     * @throws IllegalArgumentException with the supervisor's reason when the change cannot be made
     * @throws IllegalStateException    when the supervisor cannot be reached, or cannot make the change now
     */
    public ScaleChange requestScale(String service, int instances) {
        Optional<SystemState> state = supervisorPid().isPresent() ? state() : Optional.empty();
        if (state.isEmpty() || state.get().controlPort() == 0) {
            throw new IllegalStateException("Emporium is not running; start it with ./emporium up");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("service", service);
        body.put("instances", instances);
        HttpResponse<String> response;
        try {
            response = control(state.get(), "/scale", HttpRequest.newBuilder().timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
        } catch (IOException e) {
            throw new IllegalStateException("the supervisor does not answer on its control port "
                    + state.get().controlPort() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(response.body());
        } catch (JacksonException e) {
            answer = JSON.createObjectNode();
        }
        String error = answer.path("error").asString("HTTP " + response.statusCode());
        return switch (response.statusCode()) {
            case 202 -> JSON.treeToValue(answer, ScaleChange.class);
            case 400 -> throw new IllegalArgumentException(error);
            case 403 -> throw new IllegalStateException("the supervisor refused the control token in "
                    + workspace.controlTokenFile() + " (HTTP 403)");
            default -> throw new IllegalStateException(error);
        };
    }

    /**
     * Sends {@code request} (which sets its method, body and answer timeout) to {@code path} of the supervisor's
     * control channel with the control token, on a client of its own.
     */
    private HttpResponse<String> control(SystemState state, String path, HttpRequest.Builder request)
            throws IOException, InterruptedException {
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(CONTROL_CONNECT_TIMEOUT).build()) {
            return client.send(request.uri(URI.create("http://127.0.0.1:" + state.controlPort() + path))
                            .header(ControlServer.TOKEN_HEADER, ControlToken.read(workspace.controlTokenFile()))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }

    /**
     * Stops the system: asks the supervisor (falling back to SIGTERM, then SIGKILL), waits for it, then stops any
     * process it left behind. Idempotent.
     *
     * @return false when nothing was running
     */
    public boolean down(Consumer<String> progress) {
        OptionalLong supervisor = supervisorPid();
        boolean wasRunning = supervisor.isPresent();
        if (supervisor.isPresent()) {
            long pid = supervisor.getAsLong();
            Optional<ProcessHandle> handle = ProcessHandle.of(pid);
            if (!requestDown()) {
                progress.accept("supervisor (pid " + pid + ") does not answer; sending SIGTERM");
                handle.ifPresent(ProcessHandle::destroy);
            }
            if (handle.isPresent() && !Processes.awaitExit(handle.get(), DOWN_TIMEOUT)) {
                progress.accept("supervisor (pid " + pid + ") did not stop within " + DOWN_TIMEOUT.toSeconds()
                        + " s; killing it");
                handle.get().destroyForcibly();
                Processes.awaitExit(handle.get(), Duration.ofSeconds(10));
            }
        } else {
            RunLock.stale(workspace.lockFile()).ifPresent(pid ->
                    progress.accept("the supervisor (pid " + pid + ") died; cleaning up what it started"));
        }
        List<String> leftovers = Leftovers.clean(workspace, state(), progress);
        leftovers.forEach(line -> progress.accept("stopped leftover " + line));
        try {
            Files.deleteIfExists(workspace.lockFile());
        } catch (IOException e) {
            progress.accept("cannot remove " + workspace.lockFile() + ": " + e.getMessage());
        }
        return wasRunning || !leftovers.isEmpty();
    }
}
