package io.emporium.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Drives the real {@code ./emporium} command of the checkout under test, and inspects what it leaves running. */
final class Emporium {

    /** Every port the walking skeleton listens on: infrastructure, then services. */
    static final Set<Integer> SYSTEM_PORTS = Set.of(5433, 9092, 9411, 8761, 9000, 8080, 8081, 8082, 8083, 8084, 8085, 8086);

    static final Path HOME = Path.of(System.getProperty("emporium.home", "../..")).toAbsolutePath().normalize();

    record Result(int exitCode, String output) {
    }

    private Emporium() {
    }

    /** Runs {@code ./emporium args...}, waits at most {@code timeout}, and returns its exit code and output. */
    static Result run(Duration timeout, String... args) {
        return run(timeout, java.util.Map.of(), args);
    }

    /** {@link #run(Duration, String...)} with variables added to the command's environment. */
    static Result run(Duration timeout, java.util.Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>();
        command.add(HOME.resolve("emporium").toString());
        command.addAll(List.of(args));
        try {
            Path output = Files.createTempFile("emporium-", ".out");
            ProcessBuilder builder = new ProcessBuilder(command).directory(HOME.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            builder.environment().putAll(env);
            Process process = builder.start();
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("'emporium " + String.join(" ", args) + "' did not finish within " + timeout
                        + "; its output:\n" + Files.readString(output));
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            Files.delete(output);
            return new Result(process.exitValue(), text);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /**
     * {@code ./emporium token --user USER}: a demo user's access token, obtained the way a user of the system
     * obtains one. The token must be the last line of standard output.
     */
    static String token(String user) {
        try {
            Path stdout = Files.createTempFile("emporium-token-", ".out");
            Path stderr = Files.createTempFile("emporium-token-", ".err");
            Process process = new ProcessBuilder(HOME.resolve("emporium").toString(), "token", "--user", user)
                    .directory(HOME.toFile()).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
            boolean finished = process.waitFor(60, TimeUnit.SECONDS);
            List<String> lines = Files.readAllLines(stdout, StandardCharsets.UTF_8);
            String errors = Files.readString(stderr, StandardCharsets.UTF_8);
            Files.delete(stdout);
            Files.delete(stderr);
            if (!finished || process.exitValue() != 0 || lines.isEmpty()) {
                process.destroyForcibly();
                throw new AssertionError("'emporium token --user " + user + "' failed: " + errors);
            }
            return lines.getLast().strip();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** The pid of a part, as {@code ./emporium status} shows it (e.g. "kafka", "payments#1"). */
    static long pidOf(String part) {
        String status = run(Duration.ofSeconds(30), "status").output();
        return status.lines().map(String::trim).map(line -> line.split("\\s+"))
                .filter(fields -> fields.length > 1 && fields[0].equals(part))
                .mapToLong(fields -> Long.parseLong(fields[1])).findFirst()
                .orElseThrow(() -> new AssertionError("no part " + part + " in:\n" + status));
    }

    /** Sends a signal (STOP, CONT, KILL, TERM) to a process, as an operator would with kill(1). */
    static void signal(long pid, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(pid)).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new AssertionError("kill -" + signal + " " + pid + " failed");
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** The system ports some process still listens on (from /proc/net/tcp and tcp6). */
    static Set<Integer> listeningSystemPorts() {
        Set<Integer> listening = new HashSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try (Stream<String> lines = Files.lines(Path.of(table))) {
                lines.skip(1).map(String::trim).map(line -> line.split("\\s+"))
                        .filter(fields -> fields[3].equals("0A"))
                        .map(fields -> Integer.parseInt(fields[1].substring(fields[1].indexOf(':') + 1), 16))
                        .filter(SYSTEM_PORTS::contains)
                        .forEach(listening::add);
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
        return listening;
    }

    /** Command lines of live processes that belong to this checkout's system (its jars, its var/ directory). */
    static List<String> leftoverProcesses() {
        List<String> markers = List.of(HOME + "/var/", HOME + "/services/", HOME + "/infra/",
                HOME + "/runner/target/");
        List<String> found = new ArrayList<>();
        long self = ProcessHandle.current().pid();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(p -> Long.parseLong(p.getFileName().toString()) != self)
                    .forEach(p -> {
                        String cmdline = cmdline(p);
                        if (markers.stream().anyMatch(cmdline::contains)) {
                            found.add(p.getFileName() + ": " + cmdline);
                        }
                    });
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return found;
    }

    private static String cmdline(Path proc) {
        try {
            return new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
        }
        catch (IOException ex) {
            return ""; // the process ended while we looked
        }
    }
}
