package io.emporium.deploy;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Prometheus' command-line tool, found on the PATH and run as a child process in the working directory. */
final class Promtool {

    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private final Path executable;

    private Promtool(Path executable) {
        this.executable = executable;
    }

    /** The first executable {@code promtool} on the PATH, or empty when there is none. */
    static Optional<Promtool> onPath() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Arrays.stream(path.split(File.pathSeparator))
                .filter(directory -> !directory.isEmpty())
                .map(directory -> Path.of(directory, "promtool"))
                .filter(Files::isExecutable)
                .findFirst()
                .map(Promtool::new);
    }

    /**
     * Runs promtool with these arguments and waits for it (at most two minutes, then it is killed and this throws).
     *
     * @return its exit code and everything it wrote to standard output and standard error
     */
    Result run(List<String> arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(arguments);
        Path output = Files.createTempFile("promtool-", ".out");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                    .start();
            if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within " + TIMEOUT);
            }
            return new Result(String.join(" ", command), process.exitValue(), Files.readString(output));
        }
        finally {
            Files.deleteIfExists(output);
        }
    }

    record Result(String command, int exitCode, String output) {
    }
}
